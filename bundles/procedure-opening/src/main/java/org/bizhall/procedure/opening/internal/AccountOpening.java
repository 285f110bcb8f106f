package org.bizhall.procedure.opening.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.procedure.kit.Quotes;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.CustomerCategories;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.ProvinceParams;
import org.bizhall.api.service.Reservation;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national account opening (新开户, rulebook §1). Quote checks the customer, documents, package and payer, holds
 * the chosen number for the order and prices it with the province's parameters; nothing of the customer is committed
 * until execute, which runs after payment (seed 001 C1-F3): it assigns the number, opens the account, credits what
 * was paid into it and registers the subscriber.
 */
@ProcedureProvider(procedure = AccountOpening.ID)
@Component(service = Procedure.class)
public class AccountOpening extends KitProcedure {
    static final String ID = "account-opening";

    static final String DEPOSIT = "DEPOSIT";
    static final String PRESTORE = "PRESTORE";
    static final String SIM_CARD = "SIM_CARD";
    static final String INTL_ROAMING_DEPOSIT = "INTL_ROAMING_DEPOSIT";

    /** The customer signs the business form front and back in three places (seed 003 part 2, step 4). */
    static final int AGREEMENT_SIGNATURES = 3;
    static final String PASSWORD_ADVICE =
            "建议设置服务密码：服务密码可代替身份证件在营业厅、10086、网上营业厅办理许多简单业务。"
                    + " Suggest setting a service password: it replaces the ID card for simple services.";
    static final String SATISFACTION_SURVEY =
            "【满意度测评】您好！您刚刚在营业厅办理了新开户业务，如对我们的服务满意，请回复10。本短信免费。";
    static final String RECEIPT_ADVICE = "请提醒客户索取收费凭证，预存款提供收据。";

    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Logger LOG = LoggerFactory.getLogger(AccountOpening.class);

    private final NumberPool numberPool;
    private final ProductCatalog catalog;
    private final AccountService accounts;
    private final SubscriberService subscribers;
    private final AuditLog audit;
    private final CustomerCategories categories;

    @Activate
    public AccountOpening(@Reference NumberPool numberPool, @Reference ProductCatalog catalog,
            @Reference AccountService accounts, @Reference SubscriberService subscribers, @Reference AuditLog audit,
            @Reference CustomerCategories categories) {
        this.numberPool = numberPool;
        this.catalog = catalog;
        this.accounts = accounts;
        this.subscribers = subscribers;
        this.audit = audit;
        this.categories = categories;
    }

    @Override
    public Quote quote(OrderContext order) {
        Msisdn msisdn = chosenNumber(order);
        Customer customer = order.customer();
        if (customer == null) {
            throw ProblemException.badRequest("CUSTOMER_MISSING", "account opening needs the customer", "customer");
        }
        OpeningParams params = OpeningParams.read(order.params());

        requireComplete(customer);
        requireNotBlacklisted(order, customer);
        OpeningDocuments.check(this, order, customer, params.accountType(), params.bankConfirmed());
        Product product = catalog.find(params.packageCode())
                .orElseThrow(() -> ProblemException.rule("PACKAGE_UNKNOWN",
                        "no package " + params.packageCode() + " in the catalogue", "params." + OpeningParams.PACKAGE));
        ProvinceParams province = order.provinceParams();
        long deposit = deposit(params, province);
        if (params.intlRoaming() && params.accountType() == AccountType.CORPORATE_ACCOUNT) {
            throw ProblemException.rule("INTL_ROAMING_NOT_FOR_CORPORATE_ACCOUNT",
                    "international roaming is not opened on a corporate account", "params." + OpeningParams.INTL_ROAMING);
        }

        // Every rule passed: only now take the number, so a refused request holds nothing.
        Reservation hold = numberPool.holdForOrder(msisdn, order.province(), order.caller().user(), order.orderId());
        long prestore = Math.max(hold.prestoreFen(), 0);

        List<QuoteItem> items = new ArrayList<>();
        if (prestore > 0) {
            items.add(Quotes.item(PRESTORE, "号码预存款", prestore));
        }
        if (params.accountType() != AccountType.CORPORATE_ACCOUNT) {
            items.add(Quotes.item(DEPOSIT, "预存话费", deposit));
        }
        long simFee = province.fen(NationalParams.SIM_CARD_FEE_FEN);
        long waiverFrom = province.fen(order.hall().county() ? NationalParams.SIM_FEE_WAIVER_DEPOSIT_COUNTY_FEN
                : NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN);
        boolean simFeeWaived = deposit > 0 && deposit >= waiverFrom;
        items.add(simFeeWaived
                ? Quotes.item(SIM_CARD, "SIM卡费（预存话费满" + Money.yuan(waiverFrom) + "元免收 waived）", 0)
                : Quotes.item(SIM_CARD, "SIM卡费", simFee));
        long roamingDeposit = params.intlRoaming() ? province.fen(NationalParams.INTL_ROAMING_DEPOSIT_FEN) : 0;
        if (params.intlRoaming()) {
            items.add(Quotes.item(INTL_ROAMING_DEPOSIT, "国际漫游押金", roamingDeposit));
        }

        Map<String, Object> result = order.result();
        result.put(ResultKeys.ACCOUNT_TYPE, params.accountType().name());
        result.put(ResultKeys.DEPOSIT_FEN, deposit);
        result.put(ResultKeys.PRESTORE_FEN, prestore);
        result.put(ResultKeys.INTL_ROAMING_DEPOSIT_FEN, roamingDeposit);
        result.put(ResultKeys.SIM_CARD_FEE_FEN, simFeeWaived ? 0L : simFee);
        result.put(ResultKeys.SIM_CARD_FEE_WAIVED, simFeeWaived);
        result.put(ResultKeys.PACKAGE, product.code());
        result.put(ResultKeys.PACKAGE_NAME, product.name());
        result.put(ResultKeys.MONTHLY_RENT_FEN, product.monthlyRentFen());
        result.put(ResultKeys.FIRST_MONTH_RENT_FEN,
                FirstMonthRent.of(product, order.now().atZoneSameInstant(BUSINESS_ZONE).toLocalDate()));
        result.put(ResultKeys.FEATURES, params.features());
        if (hold.expiresAt() != null) {
            result.put(ResultKeys.RESERVATION_EXPIRES_AT, hold.expiresAt().toString());
        }
        if (params.simCapacity() != null) {
            result.put(ResultKeys.SIM_CAPACITY, params.simCapacity());
        }
        return Quote.of(items);
    }

    /**
     * Rulebook §14: a customer on the province's blacklist opens no new number, unless the province lets them
     * ({@code blacklistMayOpen}). Checked before the number is held, so the refusal holds nothing.
     */
    private void requireNotBlacklisted(OrderContext order, Customer customer) {
        if (categories.of(order.province(), customer.idType(), customer.idNumber()).contains(CustomerCategories.BLACKLIST)
                && !order.provinceParams().flag(NationalParams.BLACKLIST_MAY_OPEN)) {
            throw ProblemException.rule("CUSTOMER_BLACKLISTED",
                    "the customer is on the province's blacklist and may not open new numbers", "customer");
        }
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Msisdn msisdn = chosenNumber(order);
        Customer customer = order.customer();
        OpeningParams params = OpeningParams.read(order.params());
        Map<String, Object> result = order.result();
        AccountType accountType = result.get(ResultKeys.ACCOUNT_TYPE) == null ? params.accountType()
                : AccountType.valueOf(String.valueOf(result.get(ResultKeys.ACCOUNT_TYPE)));
        String packageCode = result.get(ResultKeys.PACKAGE) == null ? params.packageCode()
                : String.valueOf(result.get(ResultKeys.PACKAGE));

        numberPool.assign(msisdn, order.orderId());
        Account account = accounts.open(accountType, order.province(), customer.name(), order.orderId());
        // The account is credited with exactly what was quoted and paid, whatever the province parameters are now,
        // and whichever provider priced the order (a province bundle removed since keeps its quote).
        credit(account, DEPOSIT, Quotes.quoted(order, DEPOSIT), order, "预存话费");
        credit(account, PRESTORE, Quotes.quoted(order, PRESTORE), order, "号码预存款");
        credit(account, INTL_ROAMING_DEPOSIT, Quotes.quoted(order, INTL_ROAMING_DEPOSIT), order, "国际漫游押金");
        // A kiosk's surplus is the engine's to credit, once this step has opened the account.

        Subscriber subscriber = subscribers.register(new NewSubscriber(msisdn.value(), order.province(),
                order.hall().id(), customer, packageCode, params.features(), account.id(), params.servicePassword(),
                order.orderId()));
        long balance = accounts.find(account.id()).map(Account::balanceFen).orElse(0L);

        result.put(ResultKeys.MSISDN, msisdn.value());
        result.put(ResultKeys.ACCOUNT_ID, account.id());
        result.put(ResultKeys.BALANCE_FEN, balance);
        result.put(ResultKeys.SERVICE_PASSWORD_SET, subscriber.servicePasswordSet());
        if (!subscriber.servicePasswordSet()) {
            result.put(ResultKeys.SERVICE_PASSWORD_ADVICE, PASSWORD_ADVICE);
        }
        result.put(ResultKeys.AGREEMENT_SIGNATURES, AGREEMENT_SIGNATURES);
        result.put(ResultKeys.RECEIPT_ADVICE, RECEIPT_ADVICE);
        result.put(ResultKeys.SATISFACTION_SURVEY, SATISFACTION_SURVEY);
        audit.record(order.caller().user(), "ACCOUNT_OPENED", order.orderId(), msisdn.value(), balance,
                "account " + account.id() + ", " + accountType + ", package " + packageCode);
        return StepOutcome.completed();
    }

    @Override
    public void cancel(OrderContext order) {
        order.msisdn().ifPresent(msisdn -> {
            try {
                numberPool.release(msisdn, order.orderId());
            } catch (ProblemException e) {
                // A lapsed or already returned hold leaves nothing to give back; the cancellation still stands.
                if (e.status() != 404 && e.status() != 409) {
                    throw e;
                }
                LOG.debug("order {}: number hold already gone ({})", order.orderId(), e.code());
            }
        });
    }

    /** The payer's documents: the descriptor's case named after the account type. */
    void requirePayerDocuments(OrderContext order, AccountType accountType) {
        requireCase(order, accountType.name());
    }

    private static Msisdn chosenNumber(OrderContext order) {
        return order.msisdn().orElseThrow(() -> ProblemException.badRequest("MSISDN_MISSING",
                "account opening needs the chosen number in msisdn", "msisdn"));
    }

    /** Seed 001 C1-F3: the customer's data must be complete (name, postal address) before anything is priced. */
    private static void requireComplete(Customer customer) {
        if (customer.name() == null || customer.name().isBlank()) {
            throw ProblemException.rule("CUSTOMER_INCOMPLETE", "opening needs the customer's name", "customer.name");
        }
        if (customer.address() == null || customer.address().isBlank()) {
            throw ProblemException.rule("CUSTOMER_INCOMPLETE", "opening needs the customer's address", "customer.address");
        }
    }

    private static long deposit(OpeningParams params, ProvinceParams province) {
        if (params.accountType() == AccountType.CORPORATE_ACCOUNT) {
            if (params.depositFen() != null && params.depositFen() > 0) {
                throw ProblemException.rule("DEPOSIT_NOT_FOR_CORPORATE_ACCOUNT",
                        "a corporate account pays no opening deposit", "params." + OpeningParams.DEPOSIT_FEN);
            }
            return 0;
        }
        long minimum = province.fen(NationalParams.OPENING_DEPOSIT_FEN);
        long deposit = params.depositFen() == null ? minimum : params.depositFen();
        if (deposit < minimum) {
            throw ProblemException.rule("DEPOSIT_TOO_LOW",
                    "the opening deposit is at least " + Money.yuan(minimum) + " yuan in " + province.province(),
                    "params." + OpeningParams.DEPOSIT_FEN);
        }
        return deposit;
    }

    private void credit(Account account, String kind, long amountFen, OrderContext order, String note) {
        if (amountFen > 0) {
            accounts.post(account.id(), kind, amountFen, order.orderId(), note);
        }
    }
}
