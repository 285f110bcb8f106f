package org.bizhall.procedure.butler.internal;

import static org.bizhall.procedure.butler.internal.ButlerFixture.ACCOUNT;
import static org.bizhall.procedure.butler.internal.ButlerFixture.DESK_NUMBER;
import static org.bizhall.procedure.butler.internal.ButlerFixture.confirm;
import static org.bizhall.procedure.butler.internal.ButlerFixture.opening;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.NationalParams;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

public class MerchantButlerOpeningTest {
    private final ButlerFixture fx = new ButlerFixture();
    private final MerchantButlerOpening procedure = fx.opening();

    /** Submitted and executed as the engine does: free, so EXECUTE follows at once. */
    private TestOrderContext accepted(String billingFrom) {
        TestOrderContext order = opening(procedure, billingFrom);
        assertEquals(0, order.submit(procedure).totalFen());
        StepOutcome outcome = procedure.execute(order);
        assertWaits(outcome, Awaiting.BACK_OFFICE, order, "REVIEW", "BIG_CUSTOMER_OFFICE");
        return order;
    }

    /** Through review, work order, installation and delivery: scheduled to the agreed date. */
    private TestOrderContext delivered(String billingFrom) {
        TestOrderContext order = accepted(billingFrom);
        assertWaits(confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, "资料齐全"),
                Awaiting.BACK_OFFICE, order, "WORK_ORDER", "WORK_ORDER");
        assertWaits(confirm(procedure, order, Role.BACKOFFICE, "WORK_ORDER", true, "ESOP-2026-0001"),
                Awaiting.INSTALLATION, order, "INSTALLATION", "INSTALLATION");
        assertWaits(confirm(procedure, order, Role.OPERATOR, "INSTALLATION", true, "调测通过"),
                Awaiting.CUSTOMER_SIGNATURE, order, "DELIVERY", "DELIVERY");
        StepOutcome billing = confirm(procedure, order, Role.OPERATOR, "DELIVERY", true, "交付单已签字");
        assertEquals(OrderState.SCHEDULED, billing.state());
        assertEquals("BILLING", order.result.get("stage"));
        return order;
    }

    private static void assertWaits(StepOutcome outcome, Awaiting awaiting, TestOrderContext order, String stage,
            String step) {
        assertEquals(OrderState.PENDING_CONFIRMATION, outcome.state());
        assertEquals(awaiting, outcome.awaiting());
        assertNull("the steps wait without a deadline", outcome.dueAt());
        assertEquals(stage, order.result.get("stage"));
        assertEquals(step, order.result.get("awaitingStep"));
    }

    @Test
    public void rule13_opening_sevenStepsInOrder_billingOnTheAgreedDateAndArchiveUntilThreeYearsAfterContract() {
        TestOrderContext order = delivered("2026-12-01");
        assertEquals("scheduled to the agreed date's first moment",
                OffsetDateTime.parse("2026-12-01T00:00:00+08:00"), confirm(procedure, accepted2(), Role.OPERATOR,
                        "DELIVERY", true, null).dueAt());
        assertTrue("nothing is billed before the date", fx.accounts.entries(ACCOUNT).isEmpty());
        assertFalse(fx.subscribers.find(new org.bizhall.api.common.Msisdn(DESK_NUMBER)).orElseThrow()
                .has("MERCHANT_BUTLER_STANDALONE"));

        StepOutcome billed = fx.dateReached(procedure, order, OffsetDateTime.parse("2026-12-01T00:00:30+08:00"));
        assertWaits(billed, Awaiting.BACK_OFFICE, order, "ARCHIVE", "ARCHIVE");
        assertTrue(fx.subscribers.find(new org.bizhall.api.common.Msisdn(DESK_NUMBER)).orElseThrow()
                .has("MERCHANT_BUTLER_STANDALONE"));
        assertEquals("the agreed monthly fee, the whole first month", -3000,
                fx.accounts.posted(ACCOUNT, Butler.LEDGER_FEE));

        StepOutcome archived = confirm(procedure, order, Role.BACKOFFICE, "ARCHIVE", true, "纸质及电子归档");
        assertEquals("archived, the order carries the monthly billing", OrderState.SCHEDULED, archived.state());
        assertEquals(OffsetDateTime.parse("2027-01-01T00:00:00+08:00"), archived.dueAt());
        assertEquals("ARCHIVED", order.result.get("stage"));
        assertEquals("contract end 2028-12-01 plus three years", "2031-12-01", order.result.get("archiveUntil"));
        assertNull(order.result.get("awaitingStep"));
        for (String step : List.of("acceptanceForm", "review", "workOrder", "installation", "delivery", "billing",
                "archive")) {
            assertTrue("the result keeps step " + step, order.result.containsKey(step));
        }
        assertEquals("ESOP-2026-0001", ((Map<?, ?>) order.result.get("workOrder")).get("note"));
    }

    /** A second order of the fixture, at the delivery step, to read its scheduled date. */
    private TestOrderContext accepted2() {
        TestOrderContext order = accepted("2026-12-01");
        confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        confirm(procedure, order, Role.BACKOFFICE, "WORK_ORDER", true, "ESOP-2");
        confirm(procedure, order, Role.OPERATOR, "INSTALLATION", true, null);
        return order;
    }

    @Test
    public void rule13_review_officeDeclines_orderRejectedAndNothingBilled() {
        TestOrderContext order = accepted("2026-12-01");
        StepOutcome declined = confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", false, "资料不全");
        assertEquals(OrderState.REJECTED, declined.state());
        assertTrue(fx.accounts.entries(ACCOUNT).isEmpty());
        assertTrue(fx.deskPhones.registrations().isEmpty());
    }

    @Test
    public void rule13_officeSteps_reviewWorkOrderAndArchive_backOfficeOnly() {
        TestOrderContext order = accepted("2026-12-01");
        assertEquals(403, assertThrows(ProblemException.class,
                () -> confirm(procedure, order, Role.OPERATOR, "BIG_CUSTOMER_OFFICE", true, null)).status());
        confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        ProblemException e = assertThrows(ProblemException.class,
                () -> confirm(procedure, order, Role.MANAGER, "WORK_ORDER", true, "ESOP-1"));
        assertEquals(403, e.status());
        assertEquals("ROLE_NOT_ALLOWED", e.code());
        assertEquals("still waiting for the work order", "WORK_ORDER", order.result.get("awaitingStep"));
        assertEquals("the review is audited with who decided", List.of("bo-sn"),
                fx.audit.entries().stream().filter(a -> a.action().equals(MerchantButlerOpening.AUDIT_STEP))
                        .map(a -> a.actor()).toList());
    }

    @Test
    public void rule13_installationAndDelivery_counterStaffOnly() {
        TestOrderContext order = accepted2();
        order.storeAndReloadResult();
        assertEquals("ROLE_NOT_ALLOWED", assertThrows(ProblemException.class,
                () -> confirm(procedure, order, Role.BACKOFFICE, "DELIVERY", true, null)).code());
    }

    @Test
    public void rule13_steps_onlyTheAwaitedOneIsRecorded() {
        TestOrderContext order = accepted("2026-12-01");
        ProblemException e = assertThrows(ProblemException.class,
                () -> confirm(procedure, order, Role.OPERATOR, "DELIVERY", true, null));
        assertEquals(409, e.status());
        assertEquals("BUTLER_STEP_NOT_AWAITED", e.code());
    }

    @Test
    public void rule13_workOrder_itsReferenceIsRecorded() {
        TestOrderContext order = accepted("2026-12-01");
        confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        ProblemException e = assertThrows(ProblemException.class,
                () -> confirm(procedure, order, Role.BACKOFFICE, "WORK_ORDER", true, " "));
        assertEquals("BUTLER_WORK_ORDER_REFERENCE_MISSING", e.code());
        assertEquals("note", e.field());
    }

    @Test
    public void rule13_installation_registersTheTerminalsManufacturerTypeModelAndNumberThroughTheHallsDeskPhone() {
        accepted2();
        assertEquals(1, fx.deskPhones.registrations().size());
        var registration = fx.deskPhones.registrations().get(0);
        assertEquals(ButlerFixture.HALL_PHONE, registration.device());
        assertEquals("ZTE", registration.manufacturer());
        assertEquals("TD-SCDMA", registration.terminalType());
        assertEquals("F100", registration.model());
        assertEquals(DESK_NUMBER, registration.msisdn());
        assertEquals("op-sn", registration.registeredBy());
    }

    @Test
    public void rule13_installation_portRefusesOrTestFails_stepStaysAwaitedAndEachAttemptIsKept() {
        TestOrderContext order = accepted("2026-12-01");
        confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        confirm(procedure, order, Role.BACKOFFICE, "WORK_ORDER", true, "ESOP-3");
        fx.deskPhones.portRefuses = true;
        assertWaits(confirm(procedure, order, Role.OPERATOR, "INSTALLATION", true, null), Awaiting.INSTALLATION, order,
                "INSTALLATION", "INSTALLATION");
        assertWaits(confirm(procedure, order, Role.OPERATOR, "INSTALLATION", false, "软件无法登录"),
                Awaiting.INSTALLATION, order, "INSTALLATION", "INSTALLATION");
        fx.deskPhones.portRefuses = false;
        assertWaits(confirm(procedure, order, Role.OPERATOR, "INSTALLATION", true, null),
                Awaiting.CUSTOMER_SIGNATURE, order, "DELIVERY", "DELIVERY");
        assertEquals(3, ((List<?>) order.result.get("installationAttempts")).size());
    }

    @Test
    public void rule13_installation_deskPhoneUnreachable_refusedAndNothingRecorded() {
        TestOrderContext order = accepted("2026-12-01");
        confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        confirm(procedure, order, Role.BACKOFFICE, "WORK_ORDER", true, "ESOP-4");
        fx.deskPhones.offline = true;
        assertEquals(503, assertThrows(ProblemException.class,
                () -> confirm(procedure, order, Role.OPERATOR, "INSTALLATION", true, null)).status());
        assertTrue(fx.deskPhones.registrations().isEmpty());
    }

    @Test
    public void rule13_delivery_unsignedKeepsWaitingForTheSignature() {
        TestOrderContext order = accepted2();
        assertWaits(confirm(procedure, order, Role.OPERATOR, "DELIVERY", false, "客户未签字"),
                Awaiting.CUSTOMER_SIGNATURE, order, "DELIVERY", "DELIVERY");
        assertNull(order.result.get("delivery"));
    }

    @Test
    public void rule13_billing_agreedDateAlreadyComeAtDelivery_billsAtOnce() {
        TestOrderContext order = accepted("2026-11-10");
        confirm(procedure, order, Role.BACKOFFICE, "BIG_CUSTOMER_OFFICE", true, null);
        confirm(procedure, order, Role.BACKOFFICE, "WORK_ORDER", true, "ESOP-5");
        confirm(procedure, order, Role.OPERATOR, "INSTALLATION", true, null);
        order.now = OffsetDateTime.parse("2026-11-12T09:00:00+08:00");
        assertEquals(order.now, confirm(procedure, order, Role.OPERATOR, "DELIVERY", true, null).dueAt());
    }

    @Test
    public void rule13_billing_firstMonthHalfWhenBillingStartsFromThe16th_rule2() {
        TestOrderContext order = delivered("2026-12-16");
        fx.dateReached(procedure, order, OffsetDateTime.parse("2026-12-16T00:01:00+08:00"));
        assertEquals(-1500, fx.accounts.posted(ACCOUNT, Butler.LEDGER_FEE));
        assertEquals(1500L, ((Map<?, ?>) order.result.get("billing")).get("firstChargeFen"));
    }

    @Test
    public void rule13_billing_chargesTheFeeAgreedAtAcceptanceNotTodaysParameter() {
        TestOrderContext order = delivered("2026-12-01");
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.MERCHANT_BUTLER_STANDALONE_FEE_FEN, 9900L);
        fx.dateReached(procedure, order, OffsetDateTime.parse("2026-12-01T08:00:00+08:00"));
        assertEquals(-3000, fx.accounts.posted(ACCOUNT, Butler.LEDGER_FEE));
    }

    @Test
    public void rule13_billing_numberLeftServiceMeanwhile_rejectedWithoutCharge() {
        TestOrderContext order = delivered("2026-12-01");
        fx.subscribers.changeStatus(new org.bizhall.api.common.Msisdn(DESK_NUMBER),
                java.util.Set.of(org.bizhall.api.service.SubscriberStatus.ACTIVE),
                org.bizhall.api.service.SubscriberStatus.SUSPENDED_REQUEST, "other");
        StepOutcome outcome = fx.dateReached(procedure, order, OffsetDateTime.parse("2026-12-01T08:00:00+08:00"));
        assertEquals(OrderState.REJECTED, outcome.state());
        assertTrue(fx.accounts.entries(ACCOUNT).isEmpty());
    }

    @Test
    public void rule13_archive_provinceMayKeepLongerButNeverUnderThreeYears() {
        TestOrderContext order = delivered("2026-12-01");
        fx.dateReached(procedure, order, OffsetDateTime.parse("2026-12-01T08:00:00+08:00"));
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.MERCHANT_BUTLER_ARCHIVE_YEARS, 1);
        confirm(procedure, order, Role.BACKOFFICE, "ARCHIVE", true, null);
        assertEquals("2031-12-01", order.result.get("archiveUntil"));

        fx.subscribers.changeFeatures(new org.bizhall.api.common.Msisdn(DESK_NUMBER), java.util.Set.of(),
                ButlerTariff.FEATURES, "test"); // the first one was cancelled: the number may have it again
        TestOrderContext longer = delivered("2026-12-01");
        fx.dateReached(procedure, longer, OffsetDateTime.parse("2026-12-01T08:00:00+08:00"));
        longer.provinceParams = new TestProvinceParams("SN").with(NationalParams.MERCHANT_BUTLER_ARCHIVE_YEARS, 5);
        confirm(procedure, longer, Role.BACKOFFICE, "ARCHIVE", true, null);
        assertEquals("2033-12-01", longer.result.get("archiveUntil"));
    }

    @Test
    public void rule13_cancel_onceBilledTheServiceEndsOnlyByCancellation() {
        TestOrderContext early = accepted("2026-12-01");
        procedure.cancel(early); // nothing billed yet: the order may go
        TestOrderContext order = delivered("2026-12-01");
        fx.dateReached(procedure, order, OffsetDateTime.parse("2026-12-01T08:00:00+08:00"));
        ProblemException e = assertThrows(ProblemException.class, () -> procedure.cancel(order));
        assertEquals("BUTLER_ALREADY_BILLING", e.code());
        assertEquals(409, e.status());
    }

    @Test
    public void rule13_groupProduct_personalHolderRefused() {
        fx.subscribers.add(ButlerFixture.number("13891800033", TestOrderContext.personal("张三")));
        TestOrderContext order = TestOrderContext.of(procedure).msisdn("13891800033")
                .customer(TestOrderContext.personal("张三")).documents(DocumentKind.HOLDER_ID,
                        DocumentKind.APPLICATION_FORM)
                .params(opening(procedure, "2026-12-01").params);
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals("BUTLER_CORPORATE_ONLY", e.code());
        assertEquals(422, e.status());
    }

    @Test
    public void rule13_companyComesThroughAProxyWithItsAuthorisationAndTheAcceptanceForm() {
        TestOrderContext inPerson = TestOrderContext.of(procedure).msisdn(DESK_NUMBER).customer(ButlerFixture.COMPANY)
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.APPLICATION_FORM)
                .params(opening(procedure, "2026-12-01").params);
        assertEquals("PROXY_REQUIRED", assertThrows(ProblemException.class, () -> inPerson.submit(procedure)).code());

        TestOrderContext noAuthorisation = ButlerFixture.order(procedure).params(opening(procedure, "2026-12-01").params);
        noAuthorisation.documents.removeIf(d -> d.kind() == DocumentKind.COMPANY_AUTHORISATION);
        ProblemException e = assertThrows(ProblemException.class, () -> noAuthorisation.submit(procedure));
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail(), e.detail().contains("COMPANY_AUTHORISATION"));
    }

    @Test
    public void rule13_billingDate_agreedDateInThePastRefused() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> opening(procedure, "2026-11-09").submit(procedure));
        assertEquals("BUTLER_BILLING_DATE_PAST", e.code());
        assertEquals("params.billingFrom", e.field());
        assertEquals("PARAM_INVALID", assertThrows(ProblemException.class,
                () -> opening(procedure, "2026-02-30").submit(procedure)).code());
    }

    @Test
    public void rule13_oneButlerPerNumber_alreadyOpenRefused() {
        fx.subscribers.changeFeatures(new org.bizhall.api.common.Msisdn(DESK_NUMBER),
                java.util.Set.of("MERCHANT_BUTLER_NETWORK"), java.util.Set.of(), "earlier");
        assertEquals("BUTLER_ALREADY_OPEN", assertThrows(ProblemException.class,
                () -> opening(procedure, "2026-12-01").submit(procedure)).code());
    }
}
