package org.bizhall.procedure.redemption.internal;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 积分兑换 (rulebook §8, seed 000 §6.9): loyalty points for a gift, at a REDEMPTION hall.
 * <p>
 * The points and the gift are taken when the order is submitted, so two orders cannot both spend the same points or
 * the last gift (each is one conditional update in the store), and a customer never sees the office approve a gift the
 * points no longer cover. An order that does not go ahead (the office or the customer declines, the office does not
 * answer in time, the counter cancels) gives both back, once: a REJECTED or cancelled order has deducted nothing.
 * Who confirms: a corporate holder, or a number a corporate account pays for, the big-customer office within
 * {@code redemptionOfficeMinutes}; a personal holder's proxy, the customer by a call back; a holder in person, nobody.
 */
@ProcedureProvider(procedure = "points-redemption", province = "*")
@Component(service = Procedure.class)
public class PointsRedemption extends KitProcedure {
    static final String OFFICE_STEP = "BIG_CUSTOMER_OFFICE";
    static final String CUSTOMER_CALL_STEP = "CUSTOMER_CALL";
    /** Ledger kind of a gift that is a credit to the account (TOP-UP-50). */
    static final String TOP_UP = "POINTS_TOP_UP";

    static final String GIFT_CODE = "giftCode";
    static final String GIFT_NAME = "giftName";
    static final String QUANTITY = "quantity";
    static final String POINTS = "points";
    static final String CREDIT_FEN = "creditFen";
    static final String SIGNATURE = "signatureRef";
    static final String CONFIRMED_BY = "confirmedBy";
    static final String HANDED_OUT = "handedOut";

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final LoyaltyService loyalty;

    @Activate
    public PointsRedemption(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference LoyaltyService loyalty) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.loyalty = loyalty;
    }

    @Override
    public Quote quote(OrderContext order) {
        if (!order.hallKinds().contains(HallKind.REDEMPTION)) {
            throw ProblemException.rule("HALL_KIND_NOT_ALLOWED", "gifts are redeemed at a redemption hall (兑奖厅) only");
        }
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
        requireProxyForCompany(order, order.customer().type());
        String code = order.params().requiredText(GIFT_CODE);
        int quantity = order.params().integer(QUANTITY).orElse(1L).intValue(); // 1 to 100: the engine checked the schema
        Gift gift = loyalty.gift(code).orElseThrow(() -> ProblemException.rule("GIFT_UNKNOWN",
                "there is no such gift; GET /gifts lists them", "params." + GIFT_CODE));
        try {
            loyalty.redeem(subscriber.msisdn(), code, quantity, order.orderId());
        } catch (ProblemException e) {
            // the store names its own input; the customer's is the gift asked for
            throw new ProblemException(e.status(), e.code(), e.detail(), "params." + GIFT_CODE);
        }
        order.result().put(GIFT_CODE, gift.code());
        order.result().put(GIFT_NAME, gift.name());
        order.result().put(QUANTITY, quantity);
        order.result().put(POINTS, gift.points() * quantity);
        order.result().put(CREDIT_FEN, gift.creditFen() * quantity); // what it credits as priced now, not later
        order.params().text(SIGNATURE).ifPresent(s -> order.result().put(SIGNATURE, s));
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        if (corporate(order, subscriber)) {
            order.result().put(CONFIRMED_BY, OFFICE_STEP);
            OffsetDateTime deadline = order.now()
                    .plusMinutes(order.provinceParams().integer(NationalParams.REDEMPTION_OFFICE_MINUTES));
            return StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE, deadline,
                    "大客户室确认代办人 the big-customer office confirms the proxy");
        }
        if (order.party(PartyRole.PROXY).isPresent()) {
            order.result().put(CONFIRMED_BY, CUSTOMER_CALL_STEP);
            return StepOutcome.awaitingConfirmation(Awaiting.CUSTOMER_CALL, "致电客户确认 the customer confirms by a call");
        }
        return handOut(order, subscriber);
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        Object awaited = order.result().get(CONFIRMED_BY);
        if (awaited == null || !awaited.equals(confirmation.step())) {
            throw new ProblemException(409, "CONFIRMATION_NOT_AWAITED",
                    "this redemption awaits " + (awaited == null ? "no confirmation" : awaited), "step");
        }
        if (!Boolean.TRUE.equals(confirmation.approved())) {
            loyalty.giveBack(order.orderId(), confirmation.step() + " declined");
            return StepOutcome.rejected(OFFICE_STEP.equals(awaited) ? "大客户室未确认 the big-customer office declined"
                    : "客户未确认 the customer declined");
        }
        return handOut(order, OrderSubscribers.inCallersProvince(order, subscribers));
    }

    @Override
    public void cancel(OrderContext order) {
        loyalty.giveBack(order.orderId(), "the order ended before the gift was handed out");
    }

    /** §8 "Confirmed → hand out the gift": a credit gift is posted to the number's account through the ledger. */
    private StepOutcome handOut(OrderContext order, Subscriber subscriber) {
        long credit = ((Number) order.result().getOrDefault(CREDIT_FEN, 0)).longValue();
        if (credit > 0) {
            accounts.post(subscriber.accountId(), TOP_UP, credit, order.orderId(),
                    "积分兑换 " + order.result().get(GIFT_CODE) + " × " + order.result().get(QUANTITY));
        }
        order.result().put(HANDED_OUT, true);
        return StepOutcome.completed();
    }

    /** §8: a corporate customer, or a corporate account paying for the number, goes through the big-customer office. */
    private boolean corporate(OrderContext order, Subscriber subscriber) {
        if (order.customer() != null && order.customer().type() == CustomerType.CORPORATE) {
            return true;
        }
        Optional<Account> account = accounts.find(subscriber.accountId());
        return account.isPresent() && account.get().type() == AccountType.CORPORATE_ACCOUNT;
    }
}
