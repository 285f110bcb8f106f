package org.bizhall.procedure.cancellation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** Rulebook §3 (seed 000 §6.4): formal cancellation, settling the account. */
public class FormalCancellationTest {
    private static final String NUMBER = "13891808002";
    private static final LocalDate DUE = LocalDate.parse("2026-12-10");
    private static final Hall PARTNER_HALL = new Hall("SN-XA-002", "西安小寨合作营业厅", "SN", Set.of(HallKind.PARTNER),
            false);

    private final FakeServices services = new FakeServices();
    private final FormalCancellation procedure = new FormalCancellation(services.subscribers, services.accounts,
            services.numbers, services.audit);

    private TestOrderContext order() {
        TestOrderContext order = new TestOrderContext(FormalCancellation.ID, services.params).msisdn(NUMBER)
                .customer(Holders.PERSON).documents(DocumentKind.HOLDER_ID);
        order.now = FakeServices.NOW;
        return order;
    }

    /** A number pre-cancelled with {@code balance} left on its account, cancellable from {@code due}. */
    private Subscriber pending(long balance, LocalDate due) {
        Subscriber s = services.subscriber(NUMBER, Holders.PERSON, SubscriberStatus.ACTIVE, balance);
        return services.subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.PENDING_CANCELLATION, due, "pre-1");
    }

    @Test
    public void rules3_formalCancellation_notBeforeCancellableFrom() {
        pending(5000, DUE.plusDays(1));
        ProblemException e = assertThrows(ProblemException.class, () -> order().submit(procedure));
        assertEquals(422, e.status());
        assertEquals("CANCELLATION_NOT_DUE", e.code());
        assertEquals(SubscriberStatus.PENDING_CANCELLATION, services.subscribers.status(NUMBER));
    }

    @Test
    public void rules3_formalCancellation_refundsTheDepositLeft_numberQuarantined() {
        Subscriber s = pending(8000, DUE);
        TestOrderContext order = order();
        Quote quote = order.submit(procedure);
        assertEquals("money paid out: a negative quote, which the engine pays in cash", -8000, quote.totalFen());
        assertEquals(FormalCancellation.DEPOSIT_REFUND, quote.items().get(0).code());
        assertEquals("REFUND", order.result.get(ResultKeys.SETTLEMENT));

        order.storeAndReloadResult();
        procedure.execute(order);
        assertEquals(SubscriberStatus.CANCELLED, services.subscribers.status(NUMBER));
        assertEquals(8000L, ((Number) order.result.get(ResultKeys.REFUNDED_FEN)).longValue());
        assertEquals("the procedure never posts the refund itself", List.of(), services.accounts.entries(s.accountId()));
        PoolNumber number = services.numbers.number(NUMBER);
        assertEquals(NumberStatus.QUARANTINED, number.status());
        assertEquals("numberQuarantineDays, 90 by default", FakeServices.NOW.plusDays(90), number.expiresAt());
    }

    @Test
    public void rules3_formalCancellation_quarantineIsAProvinceParameter() {
        pending(0, DUE);
        services.params.with(org.bizhall.api.service.NationalParams.NUMBER_QUARANTINE_DAYS, 30);
        TestOrderContext order = order();
        assertEquals("nothing to settle", 0, order.submit(procedure).totalFen());
        order.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals("NONE", order.result.get(ResultKeys.SETTLEMENT));
        assertEquals(FakeServices.NOW.plusDays(30), services.numbers.number(NUMBER).expiresAt());
    }

    @Test
    public void rules3_formalCancellation_depositBelowArrearsTopUpFirstThenDepositClearsTheBill() {
        Subscriber s = pending(3000, DUE);
        services.accounts.post(s.accountId(), "RENT", -5000, null, "月租");
        TestOrderContext order = order();
        Quote quote = order.submit(procedure);
        assertEquals("arrears 50 yuan less the deposit of 30", 2000, quote.totalFen());
        assertEquals(FormalCancellation.ARREARS_TOP_UP, quote.items().get(0).code());
        assertEquals("nothing changes before the top-up is paid", SubscriberStatus.PENDING_CANCELLATION,
                services.subscribers.status(NUMBER));

        order.payAndExecute(procedure, PaymentMethod.CASH, 2000);
        assertEquals(0, services.accounts.balance(s.accountId()));
        assertEquals(2000, services.accounts.posted(s.accountId(), FormalCancellation.PAYMENT));
        assertEquals(SubscriberStatus.CANCELLED, services.subscribers.status(NUMBER));
    }

    @Test
    public void rules3_formalCancellation_atAnyHall() {
        pending(0, DUE);
        TestOrderContext order = order();
        order.hall = PARTNER_HALL;
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals(SubscriberStatus.CANCELLED, services.subscribers.status(NUMBER));
    }

    @Test
    public void rules3_formalCancellation_cancelledNumberOnlyRecoversFees() {
        Subscriber s = pending(0, DUE);
        services.subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.PENDING_CANCELLATION),
                SubscriberStatus.CANCELLED, "x");
        ProblemException nothing = assertThrows(ProblemException.class, () -> order().submit(procedure));
        assertEquals("NOTHING_TO_RECOVER", nothing.code());

        services.accounts.post(s.accountId(), "RENT", -1500, null, "月租");
        TestOrderContext order = order();
        Quote quote = order.submit(procedure);
        assertEquals(1500, quote.totalFen());
        assertEquals(FormalCancellation.FEE_RECOVERY, quote.items().get(0).code());
        order.payAndExecute(procedure, PaymentMethod.CASH, 2000);
        assertEquals(0, services.accounts.balance(s.accountId()));
        assertEquals(SubscriberStatus.CANCELLED, services.subscribers.status(NUMBER));
        assertEquals("no second quarantine", null, services.numbers.number(NUMBER));
    }

    @Test
    public void rules3_formalCancellation_customerMayRestoreTheOriginalNumber() {
        Subscriber s = pending(5000, DUE.plusMonths(1));
        TestOrderContext order = order().param(FormalCancellation.RESTORE, true);
        assertEquals("restoring is free, due or not", 0, order.submit(procedure).totalFen());
        order.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals(Boolean.TRUE, order.result.get(ResultKeys.RESTORED));
        Subscriber after = services.subscribers.find(new Msisdn(NUMBER)).orElseThrow();
        assertEquals(SubscriberStatus.ACTIVE, after.status());
        assertEquals(null, after.cancellableFrom());
        assertEquals("the deposit stays", 5000, services.accounts.balance(s.accountId()));
    }

    @Test
    public void rules3_formalCancellation_cancelledNumberIsNotRestored() {
        pending(0, DUE);
        services.subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.PENDING_CANCELLATION),
                SubscriberStatus.CANCELLED, "x");
        ProblemException e = assertThrows(ProblemException.class,
                () -> order().param(FormalCancellation.RESTORE, true).submit(procedure));
        assertEquals("RESTORE_NOT_POSSIBLE", e.code());
        assertEquals("params.restore", e.field());
    }

    @Test
    public void rules3_formalCancellation_followsAPreCancellation() {
        services.subscriber(NUMBER, Holders.PERSON, SubscriberStatus.ACTIVE, 5000);
        ProblemException e = assertThrows(ProblemException.class, () -> order().submit(procedure));
        assertEquals(422, e.status());
        assertEquals("PRE_CANCELLATION_REQUIRED", e.code());
        assertEquals(SubscriberStatus.ACTIVE, services.subscribers.status(NUMBER));
    }

    @Test
    public void rules3_formalCancellation_companyThroughProxy() {
        services.subscriber(NUMBER, Holders.COMPANY, SubscriberStatus.ACTIVE, 0);
        services.subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.PENDING_CANCELLATION, DUE, "pre-1");
        TestOrderContext inPerson = order().customer(Holders.COMPANY);
        inPerson.documents.clear();
        inPerson.documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE);
        assertEquals("PROXY_REQUIRED", assertThrows(ProblemException.class, () -> inPerson.submit(procedure)).code());
    }
}
