package org.bizhall.procedure.cancellation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** Rulebook §3 (seed 000 §6.3): pre-cancellation. */
public class PreCancellationTest {
    private static final String NUMBER = "13891808001";
    private static final Hall PARTNER_HALL = new Hall("SN-XA-002", "西安小寨合作营业厅", "SN", Set.of(HallKind.PARTNER),
            false);

    private final FakeServices services = new FakeServices();
    private final PreCancellation procedure = new PreCancellation(services.subscribers, services.accounts, services,
            services.audit);

    private TestOrderContext order() {
        TestOrderContext order = new TestOrderContext(PreCancellation.ID, services.params).msisdn(NUMBER)
                .customer(Holders.PERSON).documents(DocumentKind.HOLDER_ID)
                .param(PreCancellation.REASON, "出国定居").param(PreCancellation.RETENTION_OFFER, "改用神州行 低月租");
        order.user = "mgr-sn";
        order.now = FakeServices.NOW;
        return order;
    }

    private Subscriber person(long balance, String... features) {
        return services.subscriber(NUMBER, Holders.PERSON, SubscriberStatus.ACTIVE, balance, features);
    }

    @Test
    public void rules3_preCancellation_byAccountManagersOnly() {
        assertEquals("the engine refuses any other role (403) from the descriptor", Set.of(Role.MANAGER),
                procedure.descriptor().roles());
        assertTrue(procedure.descriptor().allows(Role.MANAGER));
        assertTrue(!procedure.descriptor().allows(Role.OPERATOR));
    }

    @Test
    public void rules3_preCancellation_designatedHallOnly() {
        person(5000);
        TestOrderContext order = order();
        order.hall = PARTNER_HALL;
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(422, e.status());
        assertEquals("HALL_KIND_NOT_ALLOWED", e.code());
        assertEquals(SubscriberStatus.ACTIVE, services.subscribers.status(NUMBER));
        assertEquals(List.of(), services.subscribers.statusChanges());
    }

    @Test
    public void rules3_preCancellation_reasonAndRetentionOfferRecorded() {
        person(5000);
        TestOrderContext order = order();
        order.params.remove(PreCancellation.REASON);
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(400, e.status());
        assertEquals("params.reason", e.field());

        TestOrderContext noOffer = order();
        noOffer.params.remove(PreCancellation.RETENTION_OFFER);
        assertEquals("params.retentionOffer",
                assertThrows(ProblemException.class, () -> noOffer.submit(procedure)).field());

        TestOrderContext done = order();
        done.submit(procedure);
        done.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals("出国定居", done.result.get(ResultKeys.REASON));
        assertEquals("改用神州行 低月租", done.result.get(ResultKeys.RETENTION_OFFER));
    }

    @Test
    public void rules3_preCancellation_retentionAcceptedEndsWithoutChange() {
        person(5000, SubscriberFeatures.INTL_ROAMING);
        TestOrderContext order = order().param(PreCancellation.RETENTION_ACCEPTED, true);
        Quote quote = order.submit(procedure);
        assertEquals("nothing to pay even with roaming open", 0, quote.totalFen());
        order.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals(Boolean.TRUE, order.result.get(ResultKeys.RETAINED));
        assertEquals("ACTIVE", order.result.get(ResultKeys.STATUS));
        assertEquals(SubscriberStatus.ACTIVE, services.subscribers.status(NUMBER));
        assertEquals(List.of(), services.accounts.entries());
    }

    @Test
    public void rules3_preCancellation_personalHolderInPersonNoProxy() {
        person(5000);
        TestOrderContext order = order().byProxy().document(DocumentKind.PROXY_ID);
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(422, e.status());
        assertEquals("PROXY_NOT_ALLOWED", e.code());
        assertEquals("parties", e.field());
    }

    @Test
    public void rules3_preCancellation_companyThroughProxyWithLicenceAndUnitCertificate() {
        services.subscriber(NUMBER, Holders.COMPANY, SubscriberStatus.ACTIVE, 0);
        TestOrderContext inPerson = order().customer(Holders.COMPANY);
        inPerson.documents.clear();
        inPerson.documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE);
        assertEquals("PROXY_REQUIRED", assertThrows(ProblemException.class, () -> inPerson.submit(procedure)).code());

        TestOrderContext noCertificate = order().customer(Holders.COMPANY).byProxy();
        noCertificate.documents.clear();
        noCertificate.documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.PROXY_ID);
        ProblemException missing = assertThrows(ProblemException.class, () -> noCertificate.submit(procedure));
        assertEquals("DOCUMENT_MISSING", missing.code());
        assertTrue(missing.detail(), missing.detail().contains("UNIT_CERTIFICATE"));

        TestOrderContext byProxy = order().customer(Holders.COMPANY).byProxy();
        byProxy.documents.clear();
        byProxy.documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID);
        byProxy.submit(procedure);
        byProxy.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals(SubscriberStatus.PENDING_CANCELLATION, services.subscribers.status(NUMBER));
    }

    @Test
    public void rules3_preCancellation_withoutRoamingOrHighBillsNothingToPay_cancellableAfterThreeMonths() {
        person(5000);
        TestOrderContext order = order();
        assertEquals(0, order.submit(procedure).totalFen());
        assertEquals(Boolean.FALSE, order.result.get(ResultKeys.PREPAY_REQUIRED));
        order.payAndExecute(procedure, PaymentMethod.CASH, 0);
        Subscriber after = services.subscribers.find(new org.bizhall.api.common.Msisdn(NUMBER)).orElseThrow();
        assertEquals(SubscriberStatus.PENDING_CANCELLATION, after.status());
        assertEquals(LocalDate.parse("2027-03-10"), after.cancellableFrom());
        assertEquals("2027-03-10", order.result.get(ResultKeys.CANCELLABLE_FROM));
        assertEquals(List.of(), services.accounts.entries());
    }

    @Test
    public void rules3_preCancellation_waitMonthsIsAProvinceParameter() {
        person(5000);
        services.params.with(NationalParams.CANCELLATION_WAIT_MONTHS, 2);
        TestOrderContext order = order();
        order.submit(procedure);
        order.payAndExecute(procedure, PaymentMethod.CASH, 0);
        assertEquals("2027-02-10", order.result.get(ResultKeys.CANCELLABLE_FROM));
    }

    @Test
    public void rules3_preCancellation_intlRoamingOpenPaysTheBillToDateAndThePrepayment() {
        Subscriber s = person(0, SubscriberFeatures.INTL_ROAMING);
        services.accounts.post(s.accountId(), "RENT", -4800, null, "月租 2026-11");
        TestOrderContext order = order();
        Quote quote = order.submit(procedure);
        assertEquals(List.of(new QuoteItem(PreCancellation.CURRENT_BILL, "本月及往月话费 bill to date", 4800),
                new QuoteItem(PreCancellation.CANCEL_PREPAY, "预销号预存 prepayment before cancellation", 3000)),
                quote.items());
        assertEquals(List.of(SubscriberFeatures.INTL_ROAMING), order.result.get(ResultKeys.PREPAY_BECAUSE));
        assertEquals("nothing changes before the payment", SubscriberStatus.ACTIVE,
                services.subscribers.status(NUMBER));

        order.payAndExecute(procedure, PaymentMethod.CASH, 10000);
        assertEquals(4800, services.accounts.posted(s.accountId(), PreCancellation.PAYMENT));
        assertEquals(3000, services.accounts.posted(s.accountId(), PreCancellation.CANCEL_PREPAY));
        assertEquals("the bill is cleared, the prepayment stays as deposit", 3000,
                services.accounts.balance(s.accountId()));
        assertEquals(SubscriberStatus.PENDING_CANCELLATION, services.subscribers.status(NUMBER));
    }

    @Test
    public void rules3_preCancellation_averageBillOfThreeMonthsAboveThresholdPrepays() {
        Subscriber s = person(100000);
        // posted by the billing runs of September, October and November, in the month after each
        services.clock.set(FakeServices.NOW.minusMonths(2).minusDays(8));
        services.accounts.post(s.accountId(), "RENT", -20000, null, "月租 2026-09");
        services.clock.set(FakeServices.NOW.minusMonths(1).minusDays(8));
        services.accounts.post(s.accountId(), "RENT", -20000, null, "月租 2026-10");
        services.clock.set(FakeServices.NOW.minusDays(8));
        services.accounts.post(s.accountId(), "RENT", -20000, null, "月租 2026-11");
        services.clock.set(FakeServices.NOW);

        TestOrderContext atThreshold = order();
        assertEquals("an average equal to the threshold (200 yuan) is not above it", 0,
                atThreshold.submit(procedure).totalFen());
        assertEquals(20000L, ((Number) atThreshold.result.get(ResultKeys.AVERAGE_BILL_FEN)).longValue());

        services.params.with(NationalParams.CANCEL_AVG_BILL_THRESHOLD_FEN, 19999L);
        TestOrderContext above = order();
        Quote quote = above.submit(procedure);
        assertEquals("no arrears: only the prepayment", 3000, quote.totalFen());
        assertEquals(List.of("AVERAGE_BILL_ABOVE_THRESHOLD"), above.result.get(ResultKeys.PREPAY_BECAUSE));
    }

    @Test
    public void rules3_preCancellation_billsOlderThanThreeMonthsDoNotCount() {
        Subscriber s = person(100000);
        services.clock.set(FakeServices.NOW.minusMonths(4));
        services.accounts.post(s.accountId(), "RENT", -90000, null, "月租 2026-07");
        services.clock.set(FakeServices.NOW);
        TestOrderContext order = order();
        assertEquals(0, order.submit(procedure).totalFen());
        assertEquals(0L, ((Number) order.result.get(ResultKeys.AVERAGE_BILL_FEN)).longValue());
    }

    @Test
    public void rules3_preCancellation_numberAlreadyPendingOrCancelledRefused() {
        services.subscriber(NUMBER, Holders.PERSON, SubscriberStatus.PENDING_CANCELLATION, 0);
        ProblemException pending = assertThrows(ProblemException.class, () -> order().submit(procedure));
        assertEquals(409, pending.status());
        assertEquals("CANCELLATION_ALREADY_PENDING", pending.code());

        services.subscribers.changeStatus(new org.bizhall.api.common.Msisdn(NUMBER),
                Set.of(SubscriberStatus.PENDING_CANCELLATION), SubscriberStatus.CANCELLED, null);
        ProblemException cancelled = assertThrows(ProblemException.class, () -> order().submit(procedure));
        assertEquals(422, cancelled.status());
        assertEquals("SUBSCRIBER_CANCELLED", cancelled.code());
    }

    @Test
    public void rules3_preCancellation_depositIsNoWayToPay() {
        person(0, SubscriberFeatures.INTL_ROAMING);
        TestOrderContext order = order();
        order.submit(procedure);
        ProblemException e = assertThrows(ProblemException.class,
                () -> order.payAndExecute(procedure, PaymentMethod.DEPOSIT, 3000));
        assertEquals("PAYMENT_METHOD_NOT_ACCEPTED", e.code());
        assertEquals(SubscriberStatus.ACTIVE, services.subscribers.status(NUMBER));
    }
}
