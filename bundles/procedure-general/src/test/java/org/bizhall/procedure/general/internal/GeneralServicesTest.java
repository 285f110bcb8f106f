package org.bizhall.procedure.general.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/**
 * Suspend, report a loss, resume and replace the SIM (rulebook §9; seed 000 §6.10), driven as the engine drives
 * them: quote, then (when something is due) the payment, then execute.
 */
public class GeneralServicesTest {
    private static final String NUMBER = "13891807001";
    private final FakeServices services = new FakeServices();
    private final Suspend suspend = new Suspend(services.subscribers, services.audit);
    private final ReportLoss reportLoss = new ReportLoss(services.subscribers, services.audit);
    private final Resume resume = new Resume(services.subscribers, services.audit);
    private final SimReplacement simReplacement = new SimReplacement(services.subscribers, services.audit);

    private TestOrderContext order(Procedure procedure, SubscriberStatus status) {
        services.add(NUMBER, "SN", status, Holders.PERSON);
        return Holders.inPerson(procedure.descriptor().id(), services, NUMBER);
    }

    /** Quote and, nothing being due, execute at once, as the engine does. */
    private TestOrderContext done(Procedure procedure, TestOrderContext order) {
        order.submit(procedure);
        assertEquals("nothing is due", 0, order.quote.totalFen());
        assertEquals(OrderState.COMPLETED, procedure.execute(order).state());
        return order;
    }

    // ---- 报停 suspend --------------------------------------------------------------------------------------------

    @Test
    public void suspendStopsAnActiveNumberAtOnceFreeOfCharge_rule9() {
        TestOrderContext order = done(suspend, order(suspend, SubscriberStatus.ACTIVE));
        assertEquals(SubscriberStatus.SUSPENDED_REQUEST, services.status(NUMBER));
        assertEquals(List.of(NUMBER + " ACTIVE -> SUSPENDED_REQUEST"), services.subscribers.statusChanges());
        assertEquals("SUSPENDED_REQUEST", order.result.get("status"));
        assertEquals(List.of("SUBSCRIBER_SUSPENDED " + NUMBER + " null ACTIVE -> SUSPENDED_REQUEST, in person"),
                services.audit());
    }

    @Test
    public void suspendRefusedForANumberAlreadySuspended_rule9() {
        assertRefused(suspend, order(suspend, SubscriberStatus.SUSPENDED_REQUEST), "ALREADY_SUSPENDED");
        assertRefused(suspend, order(suspend, SubscriberStatus.SUSPENDED_LOSS), "ALREADY_SUSPENDED");
        assertRefused(suspend, order(suspend, SubscriberStatus.SUSPENDED_ARREARS), "SUSPENDED_FOR_ARREARS");
        assertRefused(suspend, order(suspend, SubscriberStatus.CANCELLED), "SUBSCRIBER_CANCELLED");
    }

    // ---- 报失 report-loss ----------------------------------------------------------------------------------------

    @Test
    public void reportLossSuspendsAnActiveOrRequestSuspendedNumberAtOnce_rule9() {
        done(reportLoss, order(reportLoss, SubscriberStatus.ACTIVE));
        assertEquals(SubscriberStatus.SUSPENDED_LOSS, services.status(NUMBER));
        done(reportLoss, order(reportLoss, SubscriberStatus.SUSPENDED_REQUEST));
        assertEquals(SubscriberStatus.SUSPENDED_LOSS, services.status(NUMBER));
        assertTrue(services.audit().get(1).startsWith("LOSS_REPORTED " + NUMBER));
    }

    @Test
    public void reportLossRefusedWhenAlreadyLostOrSuspendedForArrears_rule9() {
        assertRefused(reportLoss, order(reportLoss, SubscriberStatus.SUSPENDED_LOSS), "ALREADY_REPORTED_LOST");
        assertRefused(reportLoss, order(reportLoss, SubscriberStatus.SUSPENDED_ARREARS), "SUSPENDED_FOR_ARREARS");
        assertRefused(reportLoss, order(reportLoss, SubscriberStatus.PENDING_CANCELLATION),
                "SUBSCRIBER_PENDING_CANCELLATION");
    }

    // ---- 报开 resume ---------------------------------------------------------------------------------------------

    @Test
    public void resumeRestoresARequestOrLossSuspensionAtOnce_rule9() {
        done(resume, order(resume, SubscriberStatus.SUSPENDED_REQUEST));
        assertEquals(SubscriberStatus.ACTIVE, services.status(NUMBER));
        TestOrderContext byProxy = order(resume, SubscriberStatus.SUSPENDED_LOSS);
        byProxy.parties.add(Holders.PROXY);
        byProxy.document(org.bizhall.api.customer.DocumentKind.PROXY_ID);
        done(resume, byProxy);
        assertEquals(SubscriberStatus.ACTIVE, services.status(NUMBER));
        assertEquals("SUSPENDED_LOSS", byProxy.result.get("statusBefore"));
        assertTrue(services.audit().get(1), services.audit().get(1).endsWith("SUSPENDED_LOSS -> ACTIVE, by proxy"));
    }

    @Test
    public void resumeRefusedForArrearsSuspension_rule9() {
        ProblemException refusal = assertRefused(resume, order(resume, SubscriberStatus.SUSPENDED_ARREARS),
                "SUSPENDED_FOR_ARREARS");
        assertTrue(refusal.detail(), refusal.detail().contains("bill-payment"));
    }

    @Test
    public void resumeRefusedForAnActiveCancellingOrCancelledNumber_rule9() {
        assertRefused(resume, order(resume, SubscriberStatus.ACTIVE), "NOT_SUSPENDED");
        assertRefused(resume, order(resume, SubscriberStatus.PENDING_CANCELLATION), "SUBSCRIBER_PENDING_CANCELLATION");
        assertRefused(resume, order(resume, SubscriberStatus.CANCELLED), "SUBSCRIBER_CANCELLED");
    }

    @Test
    public void theStatusIsCheckedAgainWhenTheChangeIsCarriedOut_rule9() {
        TestOrderContext order = order(resume, SubscriberStatus.SUSPENDED_REQUEST);
        order.quote = resume.quote(order);
        services.add(NUMBER, "SN", SubscriberStatus.SUSPENDED_ARREARS, Holders.PERSON);
        try {
            resume.execute(order);
            fail();
        } catch (ProblemException e) {
            assertEquals("SUSPENDED_FOR_ARREARS", e.code());
        }
        assertEquals(List.of(), services.subscribers.statusChanges());
    }

    @Test
    public void aRefusedHolderChangesNothing_documents() {
        TestOrderContext stranger = order(suspend, SubscriberStatus.ACTIVE);
        stranger.customer = Holders.OTHER_PERSON;
        assertRefused(suspend, stranger, "HOLDER_MISMATCH");
        assertEquals(SubscriberStatus.ACTIVE, services.status(NUMBER));
        assertEquals(List.of(), services.audit());
    }

    // ---- 补卡 sim-replacement ------------------------------------------------------------------------------------

    private TestOrderContext replacement(SubscriberStatus status) {
        return order(simReplacement, status).param("iccid", "89860012345678901234");
    }

    @Test
    public void simReplacementChargesTheProvincesCardFee_rule9() {
        services.params.with(NationalParams.SIM_CARD_FEE_FEN, 2500L);
        TestOrderContext order = replacement(SubscriberStatus.ACTIVE);
        Quote quote = order.submit(simReplacement);
        assertEquals(2500, quote.totalFen());
        assertEquals("SIM_CARD", quote.items().get(0).code());
        assertEquals(List.of(), services.subscribers.statusChanges());
    }

    @Test
    public void simReplacementRestoresALostNumberOncePaid_rule9() {
        TestOrderContext order = replacement(SubscriberStatus.SUSPENDED_LOSS);
        order.submit(simReplacement);
        assertEquals("nothing changes before the payment", SubscriberStatus.SUSPENDED_LOSS, services.status(NUMBER));
        order.storeAndReloadResult();
        order.pay(PaymentMethod.CASH, 2000);
        assertEquals(1000, order.payment.changeFen());
        simReplacement.execute(order);
        assertEquals(SubscriberStatus.ACTIVE, services.status(NUMBER));
        assertEquals("89860012345678901234", order.result.get("iccid"));
        assertEquals(true, order.result.get("serviceRestored"));
        assertEquals(SimReplacement.RECEIPT_ADVICE, order.result.get("receiptAdvice"));
        assertEquals(List.of("SIM_REPLACED " + NUMBER + " 1000 new card 89860012345678901234, SUSPENDED_LOSS -> ACTIVE"),
                services.audit());
    }

    @Test
    public void simReplacementKeepsAnyOtherStatus_rule9() {
        for (SubscriberStatus status : List.of(SubscriberStatus.ACTIVE, SubscriberStatus.SUSPENDED_REQUEST,
                SubscriberStatus.SUSPENDED_ARREARS)) {
            TestOrderContext order = replacement(status);
            order.submit(simReplacement);
            order.pay(PaymentMethod.BANK_CARD, 1000);
            simReplacement.execute(order);
            assertEquals(status, services.status(NUMBER));
            assertEquals(false, order.result.get("serviceRestored"));
        }
        assertEquals(List.of(), services.subscribers.statusChanges());
        assertRefused(simReplacement, replacement(SubscriberStatus.CANCELLED), "SUBSCRIBER_CANCELLED");
        assertRefused(simReplacement, replacement(SubscriberStatus.PENDING_CANCELLATION),
                "SUBSCRIBER_PENDING_CANCELLATION");
    }

    /** Issue 9: what a kiosk took beyond the fee (no change, rule 2) is the engine's to credit, not the procedure's. */
    @Test
    public void simReplacementLeavesTheKioskSurplusToTheEngine_issue9() {
        TestOrderContext order = replacement(SubscriberStatus.ACTIVE);
        order.submit(simReplacement);
        order.pay(PaymentMethod.KIOSK_CASH, 2000);
        simReplacement.execute(order);
        assertEquals(List.of(), services.accounts.entries());
        assertEquals(null, order.result.get("kioskSurplusFen"));
    }

    /** The serial's form is the published schema's, which the engine checks before the quote. */
    @Test
    public void simReplacementNeedsTheNewCardsSerial() {
        TestOrderContext none = order(simReplacement, SubscriberStatus.SUSPENDED_LOSS);
        assertRefused(simReplacement, none, 400, "PARAM_MISSING");
        for (String bad : List.of("8986001234567890", "123456789012345678901", "98860012345678901234",
                "8986001234567890123X", "898600123456789012345")) {
            assertRefused(simReplacement, order(simReplacement, SubscriberStatus.ACTIVE).param("iccid", bad), 400,
                    "PARAM_INVALID");
        }
        assertEquals(1000, simReplacement.quote(order(simReplacement, SubscriberStatus.ACTIVE)
                .param("iccid", "8986001234567890123")).totalFen());
    }

    private ProblemException assertRefused(Procedure procedure, TestOrderContext order, String code) {
        return assertRefused(procedure, order, 422, code);
    }

    private ProblemException assertRefused(Procedure procedure, TestOrderContext order, int status, String code) {
        try {
            order.submit(procedure);
        } catch (ProblemException e) {
            assertEquals(e.detail(), code, e.code());
            assertEquals(status, e.status());
            return e;
        }
        fail("expected " + code);
        return null;
    }
}
