package org.bizhall.procedure.payment.internal;

import org.bizhall.testing.TestOrderContext;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

public class BillPaymentRulesTest {
    private final FakeServices services = new FakeServices();
    private final BillPayment procedure = new BillPayment(services.subscribers, services.accounts, services, services.audit);

    private TestOrderContext order(String msisdn) {
        TestOrderContext order = new TestOrderContext(BillPayment.ID, null);
        order.msisdn = msisdn;
        return order;
    }

    private long balance(Subscriber s) {
        return services.accounts.balance(s.accountId());
    }

    @Test
    public void allArrearsArePaidByDefaultAndCreditedAsAPayment_rule2() {
        Subscriber s = services.subscriber("13891800001", "SN", SubscriberStatus.ACTIVE, -12000);
        TestOrderContext order = order(s.msisdn());
        order.submit(procedure);
        assertEquals(12000, order.quote.totalFen());
        order.pay(PaymentMethod.CASH, 20000);
        assertEquals(8000, order.payment.changeFen());
        procedure.execute(order);
        assertEquals(0, balance(s));
        LedgerEntry entry = services.accounts.entries().get(0);
        assertEquals("PAYMENT", entry.kind());
        assertEquals(12000, entry.amountFen());
        assertEquals(0L, order.result.get("arrearsAfterFen"));
    }

    @Test
    public void theCustomerMayPayOnlyThePreviousMonthsAndIsAdvisedToSettleAll_rule2() {
        Subscriber s = services.subscriber("13891800002", "SN", SubscriberStatus.ACTIVE, -12000);
        services.currentMonthFen = 3000;
        TestOrderContext order = order(s.msisdn()).param("scope", "PREVIOUS_MONTHS");
        Quote quote = order.submit(procedure);
        assertEquals(9000, quote.totalFen());
        assertEquals(BillPayment.SETTLE_ALL_ADVICE, order.result.get("advice"));
    }

    /** Issue 9: the kiosk's surplus (rule 2: no change) is the engine's to credit; the bill credits what it quoted. */
    @Test
    public void theKioskSurplusIsLeftToTheEngine_issue9() {
        Subscriber s = services.subscriber("13891800003", "SN", SubscriberStatus.ACTIVE, -4500);
        TestOrderContext order = order(s.msisdn());
        order.submit(procedure);
        order.pay(PaymentMethod.KIOSK_CASH, 5000);
        procedure.execute(order);
        assertEquals(0, balance(s));
        assertEquals(List.of("PAYMENT"), services.accounts.entries().stream().map(LedgerEntry::kind).toList());
        assertEquals(4500L, order.result.get("creditedFen"));
        assertEquals(null, order.result.get("kioskSurplusFen"));
    }

    /** Rule 2: a kiosk's surplus pays arrears too; a number it clears is restored though the engine credits it. */
    @Test
    public void aKioskSurplusThatClearsTheRestRestoresServiceAtOnce_rule2() {
        Subscriber s = services.subscriber("13891800011", "SN", SubscriberStatus.SUSPENDED_ARREARS, -8800);
        TestOrderContext order = order(s.msisdn()).param("amountFen", 5000);
        order.submit(procedure);
        order.pay(PaymentMethod.KIOSK_CASH, 10000);
        procedure.execute(order);
        assertEquals(SubscriberStatus.ACTIVE, services.subscribers.status(s.msisdn()));
        assertEquals(true, order.result.get("serviceRestored"));
        assertEquals(0L, order.result.get("arrearsAfterFen"));
        assertEquals("the procedure credits what it quoted", -3800, balance(s));
    }

    /** Issue 8 defect 1: bill-payment announces no document and asks none, of a holder, a company or a proxy. */
    @Test
    public void noDocumentIsAskedAsNoneIsAnnounced_issue8defect1() {
        assertTrue(procedure.descriptor().documents().isEmpty());
        assertTrue(procedure.descriptor().documentsByCase().isEmpty());
        Subscriber s = services.subscriber("13891800010", "SN", SubscriberStatus.ACTIVE, -3000);
        for (TestOrderContext order : List.of(order(s.msisdn()),
                order(s.msisdn()).customer(TestOrderContext.personal("张三")),
                order(s.msisdn()).customer(TestOrderContext.personal("张三")).byProxy(),
                order(s.msisdn()).customer(TestOrderContext.corporate("西安秦川科技有限公司")).byProxy())) {
            assertEquals(3000, order.submit(procedure).totalFen());
        }
    }

    @Test
    public void aPaymentThatClearsTheArrearsRestoresServiceAtOnce_rule2() {
        Subscriber s = services.subscriber("13891800004", "SN", SubscriberStatus.SUSPENDED_ARREARS, -8800);
        TestOrderContext order = order(s.msisdn());
        order.submit(procedure);
        order.pay(PaymentMethod.BANK_CARD, 8800);
        procedure.execute(order);
        assertEquals(SubscriberStatus.ACTIVE, services.subscribers.status(s.msisdn()));
        assertEquals(true, order.result.get("serviceRestored"));
        assertTrue(services.audit.actions().contains("SERVICE_RESTORED"));
    }

    @Test
    public void aPaymentThatLeavesArrearsKeepsTheSuspension() {
        Subscriber s = services.subscriber("13891800005", "SN", SubscriberStatus.SUSPENDED_ARREARS, -8800);
        TestOrderContext order = order(s.msisdn()).param("amountFen", 5000);
        order.submit(procedure);
        order.pay(PaymentMethod.BANK_CARD, 5000);
        procedure.execute(order);
        assertEquals(SubscriberStatus.SUSPENDED_ARREARS, services.subscribers.status(s.msisdn()));
        assertEquals(false, order.result.get("serviceRestored"));
    }

    @Test
    public void aTopUpWithoutArrearsIsAnExplicitAmount() {
        Subscriber s = services.subscriber("13891800006", "SN", SubscriberStatus.ACTIVE, 1000);
        assertRefused(order(s.msisdn()), 422, "NO_ARREARS");
        TestOrderContext topUp = order(s.msisdn()).param("amountFen", 5000);
        topUp.submit(procedure);
        topUp.pay(PaymentMethod.CASH, 5000);
        procedure.execute(topUp);
        assertEquals(6000, balance(s));
    }

    @Test
    public void aCancelledNumberTakesNoPayment() {
        Subscriber s = services.subscriber("13891800007", "SN", SubscriberStatus.CANCELLED, -3000);
        assertRefused(order(s.msisdn()), 422, "SUBSCRIBER_CANCELLED");
    }

    @Test
    public void anAmountOfZeroOrBelowIsRefused() {
        Subscriber s = services.subscriber("13891800008", "SN", SubscriberStatus.ACTIVE, -3000);
        assertRefused(order(s.msisdn()).param("amountFen", 0), 422, "PAYMENT_AMOUNT_NOT_POSITIVE");
        // money params answer the platform's amount codes, before the quote
        assertRefused(order(s.msisdn()).param("amountFen", -100), 400, "AMOUNT_NEGATIVE");
        assertRefused(order(s.msisdn()).param("amountFen", 100).param("reference", "x"), 400, "PARAM_INVALID");
        assertRefused(order(s.msisdn()).param("amountFen", 100).param("scope", "ALL"), 400, "PARAMS_CONFLICT");
        assertRefused(order(s.msisdn()).param("scope", "SOME"), 400, "PARAM_INVALID");
    }

    @Test
    public void anotherProvincesNumberIsNotPaidHere() {
        Subscriber s = services.subscriber("13935100001", "SX", SubscriberStatus.ACTIVE, -3000);
        assertRefused(order(s.msisdn()), 403, "OTHER_PROVINCE");
    }

    @Test
    public void aBillIsNotPaidFromTheDepositItPaysInto() {
        Subscriber s = services.subscriber("13891800009", "SN", SubscriberStatus.ACTIVE, -3000);
        TestOrderContext order = order(s.msisdn());
        order.submit(procedure);
        order.pay(PaymentMethod.DEPOSIT, 3000);
        try {
            procedure.execute(order);
            fail();
        } catch (ProblemException e) {
            assertEquals("PAYMENT_METHOD_NOT_ACCEPTED", e.code());
        }
        assertFalse(services.accounts.entries().stream().anyMatch(e -> e.kind().equals("PAYMENT")));
    }

    @Test
    public void theSchemaNamesEveryParamTheRulesRead() throws Exception {
        var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(procedure.descriptor().paramsSchema());
        java.util.Set<String> described = new java.util.TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(described::add);
        assertEquals(new java.util.TreeSet<>(BillPayment.PARAMS), described);
        assertTrue(procedure.descriptor().documents().isEmpty());
    }

    private void assertRefused(TestOrderContext order, int status, String code) {
        try {
            order.submit(procedure);
            fail("expected " + code);
        } catch (ProblemException e) {
            assertEquals(code, e.code());
            assertEquals(status, e.status());
        }
    }

    /** Issue 9: the engine validates params against this schema, so it is strict (every param named, bounded). */
    @Test
    public void theSchemaIsStrict_issue9() {
        assertEquals(List.of(), ParamsSchemaCheck.laxness(procedure));
    }
}
