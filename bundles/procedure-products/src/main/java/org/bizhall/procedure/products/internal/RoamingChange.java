package org.bizhall.procedure.products.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 开/停国际漫游, opening or closing international roaming (rulebook §9, seed 000 §6.10.5: "开国际漫游须缴交XXX元预付费
 * (对公帐号除外),还要按要求签订担保书"). Opening on an account that is not a corporate account prices the province's
 * {@code intlRoamingDepositFen}, which the engine takes with a receipt and execute credits to the number's account as
 * an {@code INTL_ROAMING_DEPOSIT} ledger entry, and asks for the signed guarantee letter (the descriptor's case
 * {@code INTL_ROAMING_OPEN}); a corporate account pays none and signs none. The number then has
 * {@link SubscriberFeatures#INTL_ROAMING}. Closing is free and at once: the feature goes, and with it what it demanded
 * of later orders (a pre-cancellation's prepayment); the deposit is not refunded by itself, it stays on the account
 * as prepaid balance and is settled like any other at formal cancellation.
 */
@ProcedureProvider(procedure = RoamingChange.ID)
@Component(service = Procedure.class)
public class RoamingChange extends KitProcedure {
    static final String ID = "roaming-change";
    static final String ACTION = "action";
    static final List<String> PARAMS = List.of(ACTION);
    /** The descriptor's documents case of an opening that pays the deposit: the guarantee letter. */
    static final String OPEN_CASE = "INTL_ROAMING_OPEN";
    static final String DEPOSIT = "INTL_ROAMING_DEPOSIT";
    static final String RECEIPT_ADVICE = "请提醒客户索取收费凭证，唱收唱付；国际漫游押金提供收据。"
            + " State every amount received and given back; the roaming deposit gets a receipt.";
    static final String DEPOSIT_KEPT = "关闭国际漫游不自动退还押金，押金留作预存话费。"
            + " Closing roaming refunds nothing by itself: the deposit stays on the account as prepaid balance.";

    /** What the customer asks for. */
    enum Action {
        OPEN, CLOSE
    }

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final AuditLog audit;

    @Activate
    public RoamingChange(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Action action = action(order);
        Subscriber subscriber = ProductRules.admit(order, subscribers);
        requireChange(subscriber, action);
        Map<String, Object> result = order.result();
        result.put(ResultKeys.MSISDN, subscriber.msisdn());
        result.put(ResultKeys.ACTION, action.name());
        if (action == Action.CLOSE) {
            result.put(ResultKeys.INTL_ROAMING_DEPOSIT_FEN, 0L);
            return Quote.free();
        }
        AccountType accountType = accountType(subscriber);
        result.put(ResultKeys.ACCOUNT_TYPE, accountType.name());
        if (accountType == AccountType.CORPORATE_ACCOUNT) {
            result.put(ResultKeys.INTL_ROAMING_DEPOSIT_FEN, 0L);
            result.put(ResultKeys.GUARANTEE_LETTER, false);
            return Quote.free();
        }
        requireCase(order, OPEN_CASE);
        long deposit = order.provinceParams().fen(NationalParams.INTL_ROAMING_DEPOSIT_FEN);
        result.put(ResultKeys.INTL_ROAMING_DEPOSIT_FEN, deposit);
        result.put(ResultKeys.GUARANTEE_LETTER, true);
        return deposit > 0 ? Quote.of(List.of(Quotes.item(DEPOSIT, "国际漫游押金 International roaming deposit", deposit)))
                : Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Action action = action(order);
        Subscriber subscriber = ProductRules.admit(order, subscribers);
        requireChange(subscriber, action);
        Msisdn msisdn = new Msisdn(subscriber.msisdn());
        Map<String, Object> result = order.result();
        if (action == Action.OPEN) {
            // credit what was quoted and paid, whatever the province parameter says now
            long deposit = Quotes.quoted(order, DEPOSIT);
            if (deposit > 0) {
                accounts.post(subscriber.accountId(), DEPOSIT, deposit, order.orderId(), "国际漫游押金");
                result.put(ResultKeys.RECEIPT_ADVICE, RECEIPT_ADVICE);
            }
            Subscriber changed = subscribers.changeFeatures(msisdn, Set.of(SubscriberFeatures.INTL_ROAMING), Set.of(),
                    order.orderId());
            result.put(ResultKeys.FEATURES, changed.features());
            audit.record(order.caller().user(), "INTL_ROAMING_OPENED", order.orderId(), subscriber.msisdn(), deposit,
                    "deposit " + deposit + " fen to account " + subscriber.accountId());
        } else {
            Subscriber changed = subscribers.changeFeatures(msisdn, Set.of(), Set.of(SubscriberFeatures.INTL_ROAMING),
                    order.orderId());
            result.put(ResultKeys.FEATURES, changed.features());
            result.put(ResultKeys.NOTICE, DEPOSIT_KEPT);
            audit.record(order.caller().user(), "INTL_ROAMING_CLOSED", order.orderId(), subscriber.msisdn(), null,
                    "deposit not refunded");
        }
        return StepOutcome.completed();
    }

    private static Action action(OrderContext order) {
        return order.params().choice(ACTION, Action.class).orElseThrow(() -> ProblemException.badRequest(
                "PARAM_MISSING", "params.action is required (OPEN or CLOSE)", "params." + ACTION));
    }

    /** Opening what is open, or closing what is closed, is refused: nothing would change. */
    private static void requireChange(Subscriber subscriber, Action action) {
        boolean open = subscriber.has(SubscriberFeatures.INTL_ROAMING);
        if (action == Action.OPEN && open) {
            throw ProblemException.rule("INTL_ROAMING_ALREADY_OPEN", "international roaming is already open",
                    "params." + ACTION);
        }
        if (action == Action.CLOSE && !open) {
            throw ProblemException.rule("INTL_ROAMING_NOT_OPEN", "international roaming is not open",
                    "params." + ACTION);
        }
    }

    private AccountType accountType(Subscriber subscriber) {
        return accounts.find(subscriber.accountId()).map(a -> a.type()).orElseThrow(() -> new IllegalStateException(
                "subscriber " + subscriber.msisdn() + " has no account " + subscriber.accountId()));
    }
}
