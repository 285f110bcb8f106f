package org.bizhall.procedure.general.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.AccountService;
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
 * new card's serial and charges the province's SIM card fee; the engine takes the payment, sung out with a receipt
 * (§6.10.6). Execute records the new card with the order and, the lost card being replaced, ends a loss suspension:
 * a SUSPENDED_LOSS number is ACTIVE again. Any other status stays as it was.
 */
@Component(service = Procedure.class, property = {"bizhall.procedure=sim-replacement", "bizhall.province=*",
        "service.ranking:Integer=0"})
public class SimReplacement implements Procedure {
    static final String ID = "sim-replacement";
    static final String ICCID = "iccid";
    static final List<String> PARAMS = List.of(ICCID);
    /** The card serial (ICCID): 19 or 20 digits, starting 89 (telecommunications, ITU-T E.118). */
    static final Pattern ICCID_FORMAT = Pattern.compile("89[0-9]{17,18}");
    static final String SIM_CARD = "SIM_CARD";
    static final String KIOSK_SURPLUS = "KIOSK_SURPLUS";
    static final String RECEIPT_ADVICE = "请提醒客户索取收费凭证，唱收唱付，双手交接现金和票据。"
            + " Remind the customer to take the receipt; state every amount received and given back.";

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ProcedureDescriptor descriptor;

    @Activate
    public SimReplacement(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.audit = audit;
        // No document is asked of every order: which ones depend on the holder and on a proxy (GeneralServiceRules).
        this.descriptor = new ProcedureDescriptor(ID, "补卡 SIM card replacement", "1.0.0", Schemas.load(ID), List.of(),
                List.of("quote", "payment", "execute"));
    }

    @Override
    public ProcedureDescriptor descriptor() {
        return descriptor;
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
        return Quote.of(List.of(new QuoteItem(SIM_CARD, "补卡卡费 SIM card fee", fee)));
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
        // the kiosk gives no change: what it took beyond the fee is the customer's, kept on the account
        long surplus = order.payment().map(Payment::surplusFen).orElse(0L);
        if (surplus > 0) {
            accounts.post(subscriber.accountId(), KIOSK_SURPLUS, surplus, order.orderId(), "自助缴费机多缴款");
        }
        long fee = order.quote().map(q -> q.items().stream().filter(i -> SIM_CARD.equals(i.code()))
                .mapToLong(QuoteItem::amountFen).sum()).orElse(0L);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.ICCID, iccid);
        result.put(ResultKeys.STATUS_BEFORE, before.name());
        result.put(ResultKeys.STATUS, after.name());
        result.put(ResultKeys.SERVICE_RESTORED, before != after);
        if (surplus > 0) {
            result.put(ResultKeys.KIOSK_SURPLUS_FEN, surplus);
        }
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

    private static String iccid(OrderContext order) {
        String iccid = order.params().requiredText(ICCID).trim();
        if (!ICCID_FORMAT.matcher(iccid).matches()) {
            throw ProblemException.badRequest("PARAM_INVALID",
                    "params.iccid is the new card's serial: 19 or 20 digits starting 89", "params." + ICCID);
        }
        return iccid;
    }
}
