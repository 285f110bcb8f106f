package org.bizhall.itest.province;

import java.util.List;

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
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;

/**
 * A province's own account opening for SN, ranked above the national default and written with the kit alone: a flat
 * fee and a deposit, so the integration tests can tell which provider priced an order. Its params schema
 * ({@code procedure/account-opening.schema.json}) is its own, and it takes, changes and credits no payment: the engine
 * validates the params and credits a kiosk's surplus without a line here.
 */
@ProcedureProvider(procedure = "account-opening", province = "SN")
@ServiceRanking(100)
@Component(service = Procedure.class)
public class TestProvinceOpening extends KitProcedure {
    static final long PROVINCE_FEE_FEN = 1234;
    static final long DEPOSIT_FEN = 10000;
    static final String DEPOSIT = "DEPOSIT";

    private final NumberPool numbers;
    private final AccountService accounts;
    private final SubscriberService subscribers;

    @Activate
    public TestProvinceOpening(@Reference NumberPool numbers, @Reference AccountService accounts,
            @Reference SubscriberService subscribers) {
        this.numbers = numbers;
        this.accounts = accounts;
        this.subscribers = subscribers;
    }

    @Override
    public Quote quote(OrderContext order) {
        Msisdn msisdn = number(order);
        numbers.holdForOrder(msisdn, order.province(), order.caller().user(), order.orderId());
        return Quote.of(List.of(Quotes.item("SN_TEST_PROVINCE_FEE", "省内测试服务费", PROVINCE_FEE_FEN),
                Quotes.item(DEPOSIT, "预存话费", DEPOSIT_FEN)));
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Msisdn msisdn = number(order);
        numbers.assign(msisdn, order.orderId());
        long accountId = accounts.open(AccountType.CASH_PREPAID, order.province(), order.customer().name(),
                order.orderId()).id();
        accounts.post(accountId, DEPOSIT, Quotes.quoted(order, DEPOSIT), order.orderId(), "province test deposit");
        subscribers.register(new NewSubscriber(msisdn.value(), order.province(), order.hall().id(), order.customer(),
                order.params().requiredText("package"), List.of(), accountId, null, order.orderId()));
        order.result().put("msisdn", msisdn.value());
        order.result().put("accountId", accountId);
        order.params().text("referralCode").ifPresent(code -> order.result().put("referralCode", code));
        return StepOutcome.completed();
    }

    @Override
    public void cancel(OrderContext order) {
        order.msisdn().ifPresent(m -> numbers.release(m, order.orderId()));
    }

    private static Msisdn number(OrderContext order) {
        return order.msisdn().orElseThrow(
                () -> ProblemException.badRequest("MSISDN_MISSING", "the number to open is required", "msisdn"));
    }
}
