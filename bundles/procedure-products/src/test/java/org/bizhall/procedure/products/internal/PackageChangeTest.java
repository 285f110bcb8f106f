package org.bizhall.procedure.products.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.SubscriberCommitments;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryCatalog;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** Rulebook §10 (seed 003 part 3): what may change, what the customer is told, and when the new package applies. */
public class PackageChangeTest {
    private static final String NUMBER = "13891800001";

    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final PackageChange procedure = new PackageChange(subscribers, InMemoryCatalog.demo(), audit);

    private TestOrderContext order(String packageCode, String... commitments) {
        subscribers.add(NUMBER, "SN", "SN-XA-001", 1);
        subscribers.changeCommitments(new Msisdn(NUMBER), Set.of(commitments), "setup");
        return TestOrderContext.of(procedure).msisdn(NUMBER).customer(TestOrderContext.personal("张三"))
                .documents(DocumentKind.HOLDER_ID).param(PackageChange.PACKAGE, packageCode);
    }

    private String packageOf() {
        return subscribers.find(new Msisdn(NUMBER)).orElseThrow().packageCode();
    }

    @Test
    public void rules10_changeWaitsForTheMonthsTurnThenApplies() {
        TestOrderContext order = order("GOTONE-128");
        assertEquals(0, order.submit(procedure).totalFen());
        StepOutcome outcome = order.payAndExecute(procedure, null, 0);
        assertEquals(OrderState.SCHEDULED, outcome.state());
        assertEquals(Awaiting.DATE, outcome.awaiting());
        // ordered on 10 November 2026: the 1st of December, 00:00 in Beijing time
        assertEquals(OffsetDateTime.parse("2026-12-01T00:00+08:00").toInstant(), outcome.dueAt().toInstant());
        assertEquals("GOTONE-88", packageOf());

        order.now = OffsetDateTime.parse("2026-12-01T00:00:05+08:00");
        order.storeAndReloadResult();
        assertEquals(OrderState.COMPLETED, procedure.dateReached(order).state());
        assertEquals("GOTONE-128", packageOf());
        assertEquals("GOTONE-88", order.result.get(ResultKeys.PACKAGE_BEFORE));
    }

    @Test
    public void rules10_theCustomerIsToldGiftsStopAndNextMonth() {
        TestOrderContext order = order("MZONE-38");
        order.submit(procedure);
        assertEquals(true, order.result.get(ResultKeys.OLD_PACKAGE_GIFTS_STOP));
        assertEquals("2026-12-01", order.result.get(ResultKeys.EFFECTIVE_FROM));
        assertEquals("GOTONE-88", order.result.get(ResultKeys.PACKAGE_BEFORE));
        assertEquals(3800L, order.result.get(ResultKeys.MONTHLY_RENT_FEN));
        @SuppressWarnings("unchecked")
        List<String> notice = (List<String>) order.result.get(ResultKeys.NOTICE);
        assertEquals(List.of(PackageChange.NOT_CHANGEABLE, PackageChange.GIFTS_STOP, PackageChange.NEXT_MONTH), notice);
        assertTrue(notice.get(1).contains("gifts"));
        assertTrue(notice.get(2).contains("next month"));
    }

    @Test
    public void rules10_theLastDayOfTheYearTurnsIntoJanuary() {
        assertEquals("2027-01-01", PackageChange.effectiveFrom(OffsetDateTime.parse("2026-12-31T23:59:59+08:00")).toString());
        // 31 December 20:00 UTC is already 1 January in Beijing: the change waits for February
        assertEquals("2027-02-01", PackageChange.effectiveFrom(OffsetDateTime.parse("2026-12-31T20:00:00Z")).toString());
    }

    @Test
    public void rules10_agreementNumberPackageCannotChange() {
        assertRefused(order("GOTONE-128", SubscriberCommitments.AGREEMENT_NUMBER), "PACKAGE_AGREEMENT_NUMBER");
    }

    @Test
    public void rules10_packageBoundToSubsidisedPhoneCannotChange() {
        assertRefused(order("GOTONE-128", SubscriberCommitments.SUBSIDISED_PHONE), "PACKAGE_BOUND_TO_PHONE");
    }

    @Test
    public void rules10_unfinishedPrepaidPromotionCannotChange() {
        assertRefused(order("GOTONE-128", SubscriberCommitments.PREPAID_PROMOTION), "PREPAID_PROMOTION_UNFINISHED");
    }

    @Test
    public void rules10_unknownPackageIsRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> order("GOTONE-999").submit(procedure));
        assertEquals("PACKAGE_UNKNOWN", e.code());
        assertEquals(422, e.status());
        assertEquals("params.package", e.field());
    }

    @Test
    public void rules10_thePackageTheNumberHasIsNoChange() {
        ProblemException e = assertThrows(ProblemException.class, () -> order("GOTONE-88").submit(procedure));
        assertEquals("PACKAGE_UNCHANGED", e.code());
    }

    @Test
    public void rules10_aCommitmentTakenWhileWaitingRejectsTheOrderAtTheTurn() {
        TestOrderContext order = order("GOTONE-128");
        order.submit(procedure);
        order.payAndExecute(procedure, null, 0);
        subscribers.changeCommitments(new Msisdn(NUMBER), Set.of(SubscriberCommitments.SUBSIDISED_PHONE), "phone");
        order.now = OffsetDateTime.parse("2026-12-01T00:01:00+08:00");
        StepOutcome outcome = procedure.dateReached(order);
        assertEquals(OrderState.REJECTED, outcome.state());
        assertTrue(outcome.note(), outcome.note().startsWith("PACKAGE_BOUND_TO_PHONE"));
        assertEquals("GOTONE-88", packageOf());
    }

    @Test
    public void rules10_ofTwoChangesForTheSameTurnTheSecondIsRejected() {
        TestOrderContext first = order("GOTONE-128");
        first.submit(procedure);
        first.payAndExecute(procedure, null, 0);
        TestOrderContext second = TestOrderContext.of(procedure).msisdn(NUMBER).customer(TestOrderContext.personal("张三"))
                .documents(DocumentKind.HOLDER_ID).param(PackageChange.PACKAGE, "MZONE-38");
        second.orderId = "order-2";
        second.submit(procedure);
        second.payAndExecute(procedure, null, 0);

        first.now = OffsetDateTime.parse("2026-12-01T00:00:01+08:00");
        second.now = first.now;
        assertEquals(OrderState.COMPLETED, procedure.dateReached(first).state());
        StepOutcome late = procedure.dateReached(second);
        assertEquals(OrderState.REJECTED, late.state());
        assertTrue(late.note(), late.note().startsWith("PACKAGE_CHANGED_MEANWHILE"));
        assertEquals("GOTONE-128", packageOf());
    }

    @Test
    public void rules10_aNumberPendingCancellationChangesNothing() {
        TestOrderContext order = order("GOTONE-128");
        subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.PENDING_CANCELLATION, null, "pre");
        assertRefused(order, "SUBSCRIBER_PENDING_CANCELLATION");
    }

    @Test
    public void rules10_onlyTheHolderChangesThePackage() {
        TestOrderContext order = order("GOTONE-128").customer(TestOrderContext.corporate("西安高新科技有限公司"))
                .byProxy();
        order.documents.clear();
        order.documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID);
        assertRefused(order, "HOLDER_MISMATCH");
    }

    private void assertRefused(TestOrderContext order, String code) {
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(code, e.code());
        assertEquals(422, e.status());
        assertEquals("GOTONE-88", packageOf());
        assertTrue(audit.actions().isEmpty());
    }
}
