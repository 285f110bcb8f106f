package org.bizhall.procedure.bills.internal;

import java.util.Map;
import java.util.Objects;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptService;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 补打发票, an invoice (receipt) of the number printed again (rulebook §9; seed 000 §6.10.1), for its holder with the
 * ID. The receipt service records the reprint, marks it as one and queues it for the hall's printer in the order's
 * transaction, as {@code POST /receipts/{number}/reprint} does. Only a receipt of this number is reprinted here; one of
 * another province is not found (its existence is not told). Free.
 */
@ProcedureProvider(procedure = InvoiceReprint.ID)
@Component(service = Procedure.class)
public class InvoiceReprint extends KitProcedure {
    static final String ID = "invoice-reprint";
    static final String RECEIPT_NUMBER = "receiptNumber";

    private final SubscriberService subscribers;
    private final ReceiptService receipts;
    private final HallDirectory halls;

    @Activate
    public InvoiceReprint(@Reference SubscriberService subscribers, @Reference ReceiptService receipts,
            @Reference HallDirectory halls) {
        this.subscribers = subscribers;
        this.receipts = receipts;
        this.halls = halls;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = CounterRules.admit(order, subscribers);
        Receipt receipt = receiptOf(order, subscriber);
        Map<String, Object> result = order.result();
        result.put(RECEIPT_NUMBER, receipt.number());
        result.put("receiptTotalFen", receipt.totalFen());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = CounterRules.admit(order, subscribers);
        Receipt receipt = receiptOf(order, subscriber);
        Receipt reprinted = receipts.reprint(receipt.number(), order.caller().user());
        Map<String, Object> result = order.result();
        result.put(RECEIPT_NUMBER, reprinted.number());
        result.put("reprint", reprinted.reprint());
        result.put("reprints", reprinted.reprints());
        result.put("receiptTotalFen", reprinted.totalFen());
        result.put("printQueuedFor", reprinted.hall());
        return StepOutcome.completed();
    }

    /** The receipt the params name: one of the caller's province (else not found) issued for this number. */
    private Receipt receiptOf(OrderContext order, Subscriber subscriber) {
        String field = "params." + RECEIPT_NUMBER;
        Receipt receipt = receipts.find(order.params().requiredText(RECEIPT_NUMBER))
                .filter(r -> halls.hall(r.hall()).map(Hall::province).filter(order.province()::equals).isPresent())
                .orElseThrow(() -> new ProblemException(404, "RECEIPT_NOT_FOUND",
                        "there is no such receipt in this province", field));
        if (!Objects.equals(receipt.msisdn(), subscriber.msisdn())) {
            throw ProblemException.rule("RECEIPT_OF_ANOTHER_NUMBER",
                    "the receipt was not issued for this number; its holder reprints it", field);
        }
        return receipt;
    }
}
