package org.bizhall.itest.province;

import java.util.List;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A province's own account opening for SN, ranked above the national default: a flat fee and a deposit, so the
 * integration tests can tell which provider priced an order.
 */
@Component(service = Procedure.class, property = {"bizhall.procedure=account-opening", "bizhall.province=SN",
        "service.ranking:Integer=100"})
public class TestProvinceOpening implements Procedure {
    static final long PROVINCE_FEE_FEN = 1234;
    static final long DEPOSIT_FEN = 10000;

    @Reference
    private NumberPool numbers;
    @Reference
    private AccountService accounts;
    @Reference
    private SubscriberService subscribers;

    @Override
    public ProcedureDescriptor descriptor() {
        return new ProcedureDescriptor("account-opening", "新开户 Account opening (SN test province)", "1.0.0",
                "{\"type\":\"object\",\"properties\":{\"package\":{\"type\":\"string\"}},\"required\":[\"package\"]}",
                List.of(DocumentKind.HOLDER_ID), List.of("quote", "payment", "execute"));
    }

    @Override
    public Quote quote(OrderContext order) {
        Msisdn msisdn = order.msisdn().orElseThrow(
                () -> ProblemException.badRequest("MSISDN_MISSING", "the number to open is required", "msisdn"));
        order.params().requiredText("package");
        numbers.holdForOrder(msisdn, order.province(), order.caller().user(), order.orderId());
        return Quote.of(List.of(new QuoteItem("SN_TEST_PROVINCE_FEE", "省内测试服务费", PROVINCE_FEE_FEN),
                new QuoteItem("DEPOSIT", "预存话费", DEPOSIT_FEN)));
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Msisdn msisdn = order.msisdn().orElseThrow();
        numbers.assign(msisdn, order.orderId());
        long accountId = accounts.open(AccountType.CASH_PREPAID, order.province(), order.customer().name(), order.orderId()).id();
        accounts.post(accountId, "DEPOSIT", DEPOSIT_FEN, order.orderId(), "province test deposit");
        subscribers.register(new NewSubscriber(msisdn.value(), order.province(), order.hall().id(), order.customer(),
                order.params().requiredText("package"), List.of(), accountId, null, order.orderId()));
        order.result().put("msisdn", msisdn.value());
        order.result().put("accountId", accountId);
        return StepOutcome.completed();
    }

    @Override
    public void cancel(OrderContext order) {
        order.msisdn().ifPresent(m -> numbers.release(m, order.orderId()));
    }
}
