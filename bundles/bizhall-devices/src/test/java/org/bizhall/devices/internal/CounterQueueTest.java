package org.bizhall.devices.internal;

import static org.bizhall.devices.internal.CounterFakes.ADMIN;
import static org.bizhall.devices.internal.CounterFakes.OP_SN;
import static org.bizhall.devices.internal.CounterFakes.OP_SX;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.counter.HallTicket;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemorySubscribers;
import org.junit.Test;

/** Rules §14 (queue ticket, VIP reception) and "Hall devices" (a hall without the device works by hand). */
public class CounterQueueTest {
    private final CounterFakes.Machine machine = new CounterFakes.Machine();
    private final InMemorySubscribers subscribers = CounterFakes.subscribers(
            CounterFakes.subscriber("13891800088", "SN", "NORMAL", "VIP"),
            CounterFakes.subscriber("13891800001", "SN", "NORMAL"), CounterFakes.subscriber("13935100001", "SX", "VIP"));
    private final CounterQueue queue = new CounterQueue(CounterFakes.registryWith("SN-XA-001", machine),
            InMemoryHallDirectory.demo(), subscribers, CounterFakes.clock());

    private static ProblemException refused(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a refusal");
        return null;
    }

    @Test
    public void aBigCustomerIsIssuedAVipTicketWhateverQueueWasAsked_rule14_vipReception() {
        HallTicket ticket = queue.issue(OP_SN, "SN-XA-001", "GENERAL", "13891800088");
        assertEquals("VIP", ticket.queue());
        assertEquals("V001", ticket.number());
        assertEquals("SN-XA-001-queue_machine", ticket.device());
        assertEquals(CounterFakes.NOW, ticket.at());
        assertNull(ticket.counter());
    }

    @Test
    public void aNormalSubscriberOrAWalkInGetsTheQueueAskedOrGeneral_rule14_queueTicket() {
        assertEquals("GENERAL", queue.issue(OP_SN, "SN-XA-001", null, "13891800001").queue());
        assertEquals("GENERAL", queue.issue(OP_SN, "SN-XA-001", " ", null).queue());
        assertEquals("the number of a walk-in who is no subscriber routes nowhere", "GENERAL",
                queue.issue(OP_SN, "SN-XA-001", "general", "13891809999").queue());
        HallTicket third = queue.issue(OP_SN, "SN-XA-001", null, null);
        assertEquals(3, third.waitingAhead());
    }

    @Test
    public void anotherProvincesBigCustomerIsNotRoutedByItsCategory_rule14() {
        assertEquals("GENERAL", queue.issue(OP_SN, "SN-XA-001", null, "13935100001").queue());
    }

    @Test
    public void theCounterCallsTicketsFirstComeFirstServedAndHearsWhenNobodyWaits_rule14_queueTicket() {
        queue.issue(OP_SN, "SN-XA-001", null, null);
        queue.issue(OP_SN, "SN-XA-001", null, null);
        HallTicket called = queue.callNext(OP_SN, "SN-XA-001", null, "3").orElseThrow();
        assertEquals("G001", called.number());
        assertEquals("3", called.counter());
        assertEquals("G002", queue.callNext(OP_SN, "SN-XA-001", "GENERAL", "4").orElseThrow().number());
        assertTrue(queue.callNext(OP_SN, "SN-XA-001", "GENERAL", "3").isEmpty());
        assertTrue("the VIP queue is its own line", queue.callNext(OP_SN, "SN-XA-001", "VIP", "3").isEmpty());
    }

    @Test
    public void aHallWithoutAQueueMachineIsToldToCallByVoice_hallWithoutDeviceFallsBackToManual() {
        ProblemException e = refused(() -> queue.issue(ADMIN, "SN-XA-002", null, null));
        assertEquals(503, e.status());
        assertEquals("DEVICE_UNAVAILABLE", e.code());
        assertEquals(DeviceKind.QUEUE_MACHINE, ((DeviceUnavailableException) e).kind());
        assertTrue(e.detail(), e.detail().contains("QUEUE_MACHINE"));
    }

    @Test
    public void aQueueMachineThatDoesNotAnswerIsUnavailableToo_hallWithoutDeviceFallsBackToManual() {
        machine.off = true;
        assertEquals("DEVICE_UNAVAILABLE", refused(() -> queue.issue(OP_SN, "SN-XA-001", null, null)).code());
        assertEquals("DEVICE_UNAVAILABLE", refused(() -> queue.callNext(OP_SN, "SN-XA-001", null, "1")).code());
    }

    @Test
    public void staffActForTheirOwnHallOnly() {
        ProblemException e = refused(() -> queue.issue(OP_SX, "SN-XA-001", null, null));
        assertEquals(403, e.status());
        assertEquals("OTHER_HALL", e.code());
        assertEquals("HALL_NOT_FOUND", refused(() -> queue.issue(ADMIN, "XX-000", null, null)).code());
    }

    @Test
    public void badInputIs400NamingTheField() {
        ProblemException counter = refused(() -> queue.callNext(OP_SN, "SN-XA-001", null, null));
        assertEquals("COUNTER_MISSING", counter.code());
        assertEquals("counter", counter.field());
        assertEquals("QUEUE_INVALID", refused(() -> queue.issue(OP_SN, "SN-XA-001", "VIP QUEUE", null)).code());
        assertEquals("MSISDN_INVALID", refused(() -> queue.issue(OP_SN, "SN-XA-001", null, "12345")).code());
        assertEquals(0, machine.issued);
    }
}
