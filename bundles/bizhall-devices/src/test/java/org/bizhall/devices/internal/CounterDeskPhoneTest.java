package org.bizhall.devices.internal;

import static org.bizhall.devices.internal.CounterFakes.ADMIN;
import static org.bizhall.devices.internal.CounterFakes.OP_SN;
import static org.bizhall.devices.internal.CounterFakes.OP_SX;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.TerminalRegistration;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.testing.RecordingAuditLog;
import org.junit.Test;

/** Rules §13: the desk phone registers by sending manufacturer id, terminal type, model and number to the port. */
public class CounterDeskPhoneTest {
    private final CounterFakes.Phone phone = new CounterFakes.Phone();
    private final CounterFakes.Machine machine = new CounterFakes.Machine();
    private final RecordingAuditLog audit = new RecordingAuditLog(CounterFakes.clock());
    private final DeviceRegistryImpl registry = CounterFakes.registryWith("SN-XA-001", phone, machine);
    private final CounterDeskPhone service = new CounterDeskPhone(registry, audit, CounterFakes.clock());

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
    public void theDeskPhoneSendsManufacturerTypeModelAndNumberAndTheAnswerIsAudited_rule13() {
        TerminalRegistration r = service.register(OP_SN, "SN-XA-001-td_desk_phone", "ZTE", "TD-SCDMA", "F100",
                "13891800001");
        assertTrue(r.accepted());
        assertEquals(List.of("SN-XA-001-td_desk_phone:ZTE/TD-SCDMA/F100/13891800001"), phone.sent);
        assertEquals("op-sn", r.registeredBy());
        assertEquals(CounterFakes.NOW, r.at());
        assertEquals(List.of("op-sn DESK_PHONE_REGISTRATION device SN-XA-001-td_desk_phone manufacturer=ZTE, "
                + "terminalType=TD-SCDMA, model=F100, msisdn=13891800001, accepted=true"), CounterFakes.auditLines(audit));
    }

    @Test
    public void aRefusalByThePortIsAnsweredAndAuditedToo_rule13() {
        TerminalRegistration r = service.register(ADMIN, "SN-XA-001-td_desk_phone", "ZTE", "TD-SCDMA", "UNKNOWN",
                "13891800001");
        assertFalse(r.accepted());
        assertTrue(CounterFakes.auditLines(audit).get(0), CounterFakes.auditLines(audit).get(0).endsWith("accepted=false"));
    }

    @Test
    public void aDeviceOfAnotherKindDoesNotRegister() {
        ProblemException e = refused(() -> service.register(OP_SN, "SN-XA-001-queue_machine", "ZTE", "TD", "F1",
                "13891800001"));
        assertEquals(422, e.status());
        assertEquals("DEVICE_KIND_MISMATCH", e.code());
        assertTrue(CounterFakes.auditLines(audit).isEmpty());
    }

    @Test
    public void everyFieldIsRequired() {
        String[][] cases = {{null, "TD", "F1", "13891800001", "manufacturer"}, {"ZTE", " ", "F1", "13891800001",
                "terminalType"}, {"ZTE", "TD", "", "13891800001", "model"}, {"ZTE", "TD", "F1", null, "msisdn"}};
        for (String[] c : cases) {
            ProblemException e = refused(() -> service.register(OP_SN, "SN-XA-001-td_desk_phone", c[0], c[1], c[2],
                    c[3]));
            assertEquals(400, e.status());
            assertEquals("REGISTRATION_FIELD_MISSING", e.code());
            assertEquals(c[4], e.field());
        }
        assertEquals("MSISDN_INVALID", refused(() -> service.register(OP_SN, "SN-XA-001-td_desk_phone", "ZTE", "TD",
                "F1", "123")).code());
        assertTrue(phone.sent.isEmpty());
    }

    @Test
    public void anUnknownDeviceAnotherHallsOrOneWithoutDriverIsRefused_hallWithoutDeviceFallsBackToManual() {
        assertEquals("DEVICE_NOT_FOUND", refused(() -> service.register(OP_SN, "nope", "ZTE", "TD", "F1",
                "13891800001")).code());
        assertEquals("OTHER_HALL", refused(() -> service.register(OP_SX, "SN-XA-001-td_desk_phone", "ZTE", "TD", "F1",
                "13891800001")).code());
        registry.addDevice(Fixtures.device("SN-XA-001-phone-2", "SN-XA-001", DeviceKind.TD_DESK_PHONE, "acme"));
        ProblemException e = refused(() -> service.register(OP_SN, "SN-XA-001-phone-2", "ZTE", "TD", "F1",
                "13891800001"));
        assertEquals(503, e.status());
        assertEquals("DEVICE_UNAVAILABLE", e.code());
        phone.off = true;
        assertEquals("DEVICE_UNAVAILABLE", refused(() -> service.register(OP_SN, "SN-XA-001-td_desk_phone", "ZTE",
                "TD", "F1", "13891800001")).code());
        assertTrue(CounterFakes.auditLines(audit).isEmpty());
    }
}
