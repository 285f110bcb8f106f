package org.bizhall.procedure.products.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/** Rulebook §9 and §4: the long-distance level changes at once; international raises what a transfer demands. */
public class LongDistanceChangeTest {
    private static final String NUMBER = "13891800003";

    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final LongDistanceChange procedure = new LongDistanceChange(subscribers, audit);

    private TestOrderContext order(String level) {
        if (subscribers.find(new Msisdn(NUMBER)).isEmpty()) {
            subscribers.add(NUMBER, "SN", "SN-XA-001", 1);
        }
        return TestOrderContext.of(procedure).msisdn(NUMBER).customer(TestOrderContext.personal("张三"))
                .documents(DocumentKind.HOLDER_ID).param(LongDistanceChange.LEVEL, level);
    }

    private boolean international() {
        return subscribers.find(new Msisdn(NUMBER)).orElseThrow().has(SubscriberFeatures.INTL_LONG_DISTANCE);
    }

    @Test
    public void rules9_internationalLevelAtOnceRaisesTheTransferDeposit() {
        TestOrderContext order = order("INTERNATIONAL");
        assertEquals(0, order.submit(procedure).totalFen());
        // rulebook §4: 500 yuan with international long distance instead of 200
        assertEquals(50000L, order.result.get(LongDistanceChange.TRANSFER_DEPOSIT_FEN));
        assertEquals(OrderState.COMPLETED, order.payAndExecute(procedure, null, 0).state());
        assertTrue(international());
        assertEquals("DOMESTIC", order.result.get(ResultKeys.LEVEL_BEFORE));
        assertEquals("INTERNATIONAL", order.result.get(ResultKeys.LEVEL));
        assertEquals(1, audit.actions().size());
    }

    @Test
    public void rules9_backToDomesticTakesTheFeatureAway() {
        TestOrderContext up = order("INTERNATIONAL");
        up.submit(procedure);
        up.payAndExecute(procedure, null, 0);
        TestOrderContext down = order("DOMESTIC");
        down.submit(procedure);
        assertEquals(20000L, down.result.get(LongDistanceChange.TRANSFER_DEPOSIT_FEN));
        down.payAndExecute(procedure, null, 0);
        assertFalse(international());
    }

    @Test
    public void rules9_theLevelTheNumberHasIsNoChange() {
        ProblemException e = assertThrows(ProblemException.class, () -> order("DOMESTIC").submit(procedure));
        assertEquals("LONG_DISTANCE_LEVEL_UNCHANGED", e.code());
        assertEquals("params.level", e.field());
        assertTrue(audit.actions().isEmpty());
    }

    @Test
    public void rules9_aLevelOutsideTheListIsBadInput() {
        ProblemException e = assertThrows(ProblemException.class, () -> order("LOCAL").submit(procedure));
        assertEquals(400, e.status());
        assertEquals("params.level", e.field());
        assertFalse(international());
    }
}
