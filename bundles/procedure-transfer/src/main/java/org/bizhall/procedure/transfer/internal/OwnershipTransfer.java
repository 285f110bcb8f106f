package org.bizhall.procedure.transfer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.billing.MonthArrears;
import org.bizhall.api.common.Masking;
import org.bizhall.api.common.Money;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.OrderSubscribers;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The national ownership transfer (过户, rulebook §4, seed 000 §6.5). The customer is the current holder, the new holder
 * a {@code NEW_HOLDER} party; both show their documents (the engine checks those every order shows, this procedure its
 * own cases: a corporate new holder, a bank-collection or corporate-account payer). The quote settles the old holder's
 * arrears first and takes the new holder's deposit, at least the province's minimum (higher with international long
 * distance open). Nothing changes until it is paid; then execute credits the arrears to the old account, opens the new
 * holder's account (real-time prepaid unless a corporate account), credits the deposit there, and puts the number under
 * its new holder and account, which clears the old holder's service password. Both holders are audited masked.
 */
@ProcedureProvider(procedure = OwnershipTransfer.ID)
@Component(service = Procedure.class)
public class OwnershipTransfer extends KitProcedure {
    static final String ID = "ownership-transfer";

    /** Quote items: the old holder's unpaid charges (one per month, and the current month), the new deposit. */
    static final String ARREARS = "ARREARS";
    static final String DEPOSIT = "DEPOSIT";
    /** Ledger kind of the arrears settled on the old account, as a bill payment credits them. */
    static final String LEDGER_PAYMENT = "PAYMENT";

    static final String DEPOSIT_FEN = "depositFen";
    static final String ACCOUNT_TYPE = "accountType";
    static final List<String> PARAMS = List.of(DEPOSIT_FEN, ACCOUNT_TYPE);

    /** documentsByCase keys of this procedure's own. */
    static final String CASE_NEW_HOLDER_CORPORATE = "NEW_HOLDER_CORPORATE";
    static final String CASE_BANK_COLLECTION = "BANK_COLLECTION";
    static final String CASE_CORPORATE_ACCOUNT = "CORPORATE_ACCOUNT";

    /** Seed 000 §6.5.3: remind both holders to agree on every charge between them. */
    static final String SETTLEMENT_REMINDER = "提醒新、旧机主协商好一切话费问题，避免纠纷。"
            + " Remind the old and the new holder to agree on all charges between them.";
    static final String PASSWORD_ADVICE = "原服务密码已失效，建议新机主设置服务密码。"
            + " The old holder's service password no longer works; suggest the new holder sets one.";

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final ArrearsService arrears;
    private final AuditLog audit;

    @Activate
    public OwnershipTransfer(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference ArrearsService arrears, @Reference AuditLog audit) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.arrears = arrears;
        this.audit = audit;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = admitted(order);
        Customer newHolder = newHolder(order, subscriber);
        Account oldAccount = accounts.find(subscriber.accountId()).orElse(null);
        AccountType oldPayer = oldAccount == null ? AccountType.CASH_PREPAID : oldAccount.type();
        AccountType newPayer = order.params().choice(ACCOUNT_TYPE, AccountType.class).orElse(AccountType.CASH_PREPAID);

        if (newHolder.type() == CustomerType.CORPORATE) {
            requireCase(order, CASE_NEW_HOLDER_CORPORATE);
        }
        if (oldPayer == AccountType.BANK_COLLECTION) {
            requireCase(order, CASE_BANK_COLLECTION);
        }
        if (newPayer == AccountType.BANK_COLLECTION) {
            throw ProblemException.rule("TRANSFER_PREPAID_REQUIRED", "after a transfer the new holder pays real-time"
                    + " prepaid (实时预付费), or by its corporate account", "params." + ACCOUNT_TYPE);
        }
        if (newPayer == AccountType.CORPORATE_ACCOUNT && newHolder.type() != CustomerType.CORPORATE) {
            throw ProblemException.rule("CORPORATE_ACCOUNT_NEEDS_CORPORATE_CUSTOMER",
                    "a corporate account (对公帐号) pays only for a corporate new holder", "params." + ACCOUNT_TYPE);
        }
        if (oldPayer == AccountType.CORPORATE_ACCOUNT || newPayer == AccountType.CORPORATE_ACCOUNT) {
            requireCase(order, CASE_CORPORATE_ACCOUNT);
        }

        long minimum = minimumDeposit(order.provinceParams(), subscriber, newPayer);
        long deposit = order.params().fen(DEPOSIT_FEN).orElse(minimum);
        if (deposit < minimum) {
            throw ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "after a transfer the deposit is at least "
                    + Money.yuan(minimum) + " yuan" + (subscriber.has(SubscriberFeatures.INTL_LONG_DISTANCE)
                            ? " with international long distance open" : "") + " in " + order.province(),
                    "params." + DEPOSIT_FEN);
        }

        // Seed 000 §6.5.3: the old holder's charges are settled before the number changes hands.
        Arrears owed = arrears.of(order.caller(), new Msisdn(subscriber.msisdn()));
        List<QuoteItem> items = new ArrayList<>();
        for (MonthArrears month : owed.months()) {
            items.add(Quotes.item(ARREARS, "旧机主欠费 " + month.month() + " old holder's arrears", month.amountFen()));
        }
        if (owed.currentMonthFen() > 0) {
            items.add(Quotes.item(ARREARS, "旧机主本月费用 old holder's current month", owed.currentMonthFen()));
        }
        if (deposit > 0 || newPayer != AccountType.CORPORATE_ACCOUNT) {
            items.add(Quotes.item(DEPOSIT, "新机主预存款 new holder's deposit", deposit));
        }

        Map<String, Object> result = order.result();
        result.put("oldAccountId", subscriber.accountId());
        result.put("oldPayer", oldPayer.name());
        result.put(ACCOUNT_TYPE, newPayer.name());
        result.put("arrearsFen", owed.totalFen());
        result.put(DEPOSIT_FEN, deposit);
        result.put("minimumDepositFen", minimum);
        result.put("newHolder", newHolder.masked().name());
        result.put("reminder", SETTLEMENT_REMINDER);
        return Quote.of(items);
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Payment payment = order.payment().orElse(null);
        if (payment != null && payment.method() == PaymentMethod.DEPOSIT) {
            throw ProblemException.rule("PAYMENT_METHOD_NOT_ACCEPTED", "a transfer is paid in cash, by bank card or at"
                    + " the kiosk: the old holder's deposit is not the new holder's", "method");
        }
        // the checks again: the number may have changed while the order waited for its payment
        Subscriber subscriber = admitted(order);
        Customer newHolder = newHolder(order, subscriber);
        Msisdn msisdn = new Msisdn(subscriber.msisdn());
        Map<String, Object> result = order.result();
        AccountType newPayer = result.get(ACCOUNT_TYPE) == null ? AccountType.CASH_PREPAID
                : AccountType.valueOf(String.valueOf(result.get(ACCOUNT_TYPE)));

        long arrearsPaid = Quotes.quoted(order, ARREARS);
        if (arrearsPaid > 0) {
            accounts.post(subscriber.accountId(), LEDGER_PAYMENT, arrearsPaid, order.orderId(), "过户结清旧机主欠费");
        }
        Account newAccount = accounts.open(newPayer, order.province(), newHolder.name(), order.orderId());
        long deposit = Quotes.quoted(order, DEPOSIT);
        if (deposit > 0) {
            accounts.post(newAccount.id(), DEPOSIT, deposit, order.orderId(), "过户新机主预存款");
        }
        subscribers.changeHolder(msisdn, newHolder, newAccount.id(), order.orderId());
        boolean restored = false;
        if (subscriber.status() == SubscriberStatus.SUSPENDED_ARREARS) {
            // suspended for the old account's arrears; the new holder's account owes nothing
            subscribers.changeStatus(msisdn, Set.of(SubscriberStatus.SUSPENDED_ARREARS), SubscriberStatus.ACTIVE,
                    order.orderId());
            restored = true;
        }
        long balance = accounts.find(newAccount.id()).map(Account::balanceFen).orElse(deposit);

        result.put("newAccountId", newAccount.id());
        result.put("arrearsPaidFen", arrearsPaid);
        result.put("balanceFen", balance);
        result.put("serviceRestored", restored);
        result.put("servicePasswordAdvice", PASSWORD_ADVICE);
        Customer oldHolder = subscriber.holder();
        audit.record(order.caller().user(), "OWNERSHIP_TRANSFERRED", order.orderId(), msisdn.value(), deposit,
                "holder " + masked(oldHolder) + " -> " + masked(newHolder) + "; account " + subscriber.accountId()
                        + " -> " + newAccount.id() + " (" + newPayer + "); arrears settled " + arrearsPaid
                        + ", deposit " + deposit);
        return StepOutcome.completed();
    }

    /** The number, of the caller's province and in service, asked for by its holder (a company through a proxy). */
    private Subscriber admitted(OrderContext order) {
        Subscriber subscriber = OrderSubscribers.inCallersProvince(order, subscribers);
        OrderSubscribers.requireHolder(order, subscriber);
        requireProxyForCompany(order, subscriber.holder() == null ? CustomerType.PERSONAL : subscriber.holder().type());
        if (subscriber.status() == SubscriberStatus.CANCELLED) {
            throw ProblemException.rule("SUBSCRIBER_CANCELLED", "the number is cancelled", "msisdn");
        }
        if (subscriber.status() == SubscriberStatus.PENDING_CANCELLATION) {
            throw ProblemException.rule("SUBSCRIBER_PENDING_CANCELLATION",
                    "the number waits for its formal cancellation and is not transferred", "msisdn");
        }
        return subscriber;
    }

    /** The {@code NEW_HOLDER} party as the number's next holder: present, and someone other than the holder. */
    private static Customer newHolder(OrderContext order, Subscriber subscriber) {
        Customer newHolder = order.party(PartyRole.NEW_HOLDER).map(p -> p.asCustomer()).orElseThrow(
                () -> ProblemException.rule("NEW_HOLDER_REQUIRED", "a transfer names the new holder as a NEW_HOLDER"
                        + " party with its identity document", "parties"));
        if (subscriber.holder() != null && subscriber.holder().sameDocumentAs(newHolder)) {
            throw ProblemException.rule("TRANSFER_SAME_HOLDER", "the new holder is the holder already", "parties");
        }
        return newHolder;
    }

    /**
     * Rulebook §4: after the transfer the deposit is at least {@code transferMinDepositFen}, {@code
     * transferMinDepositIntlFen} with international long distance open; a corporate account keeps no deposit.
     */
    static long minimumDeposit(ProvinceParams params, Subscriber subscriber, AccountType newPayer) {
        if (newPayer == AccountType.CORPORATE_ACCOUNT) {
            return 0;
        }
        return params.fen(subscriber.has(SubscriberFeatures.INTL_LONG_DISTANCE)
                ? NationalParams.TRANSFER_MIN_DEPOSIT_INTL_FEN : NationalParams.TRANSFER_MIN_DEPOSIT_FEN);
    }

    private static String masked(Customer customer) {
        return customer == null ? "-" : Masking.name(customer.name()) + "/" + Masking.idNumber(customer.idNumber());
    }
}
