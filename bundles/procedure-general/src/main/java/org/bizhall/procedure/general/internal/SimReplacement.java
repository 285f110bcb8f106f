package org.bizhall.procedure.general.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 补卡, SIM card replacement (rulebook §9; seed 000 §6.10.5 "补卡收相应卡费"). Quote checks the common rules and the
 * new card's serial (its form is the params schema's) and charges the province's SIM card fee; the engine takes the
 * payment, sung out with a receipt (§6.10.6), and credits what a kiosk took beyond the fee. Execute records the new card with the order and, the lost card being replaced, ends a loss suspension:
 * a SUSPENDED_LOSS number is ACTIVE again. Any other status stays as it was.
 */
@ProcedureProvider(procedure = SimReplacement.ID)
@Component(service = Procedure.class)
public class SimReplacement extends KitProcedure {
    static final String ID = "sim-replacement";
    static final String ICCID = "iccid";
    static final List<String> PARAMS = List.of(ICCID);
    static final String SIM_CARD = "SIM_CARD";
    static final String RECEIPT_ADVICE = "请提醒客户索取收费凭证，唱收唱付，双手交接现金和票据。"
            + " Remind the customer to take the receipt; state every amount received and given back.";

    private final SubscriberService subscribers;
    private final AuditLog audit;

    @Activate
    public SimReplacement(@Reference SubscriberService subscribers, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        String iccid = iccid(order);
        Subscriber subscriber = checked(order);
        long fee = order.provinceParams().fen(NationalParams.SIM_CARD_FEE_FEN);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.ICCID, iccid);
        result.put(ResultKeys.SIM_CARD_FEE_FEN, fee);
        result.put(ResultKeys.STATUS_BEFORE, subscriber.status().name());
        return Quote.of(List.of(Quotes.item(SIM_CARD, "补卡卡费 SIM card fee", fee)));
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        // the status may have changed while the order waited for its payment: decide on the current one
        String iccid = iccid(order);
        Subscriber subscriber = checked(order);
        SubscriberStatus before = subscriber.status();
        SubscriberStatus after = before;
        if (before == SubscriberStatus.SUSPENDED_LOSS) {
            after = subscribers.changeStatus(new Msisdn(subscriber.msisdn()), Set.of(before), SubscriberStatus.ACTIVE,
                    order.orderId())
                    .status();
        }
        long fee = Quotes.quoted(order, SIM_CARD);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.ICCID, iccid);
        result.put(ResultKeys.STATUS_BEFORE, before.name());
        result.put(ResultKeys.STATUS, after.name());
        result.put(ResultKeys.SERVICE_RESTORED, before != after);
        if (fee > 0) {
            result.put(ResultKeys.RECEIPT_ADVICE, RECEIPT_ADVICE);
        }
        audit.record(order.caller().user(), "SIM_REPLACED", order.orderId(), subscriber.msisdn(), fee,
                "new card " + iccid + ", " + before + " -> " + after);
        return StepOutcome.completed();
    }

    private Subscriber checked(OrderContext order) {
        Subscriber subscriber = GeneralServiceRules.admit(order, subscribers);
        GeneralServiceRules.requireInService(subscriber);
        return subscriber;
    }

    /** The new card's serial (ICCID, ITU-T E.118), as the schema's pattern has it: 19 or 20 digits starting 89. */
    private static String iccid(OrderContext order) {
        return order.params().requiredText(ICCID);
    }
}
