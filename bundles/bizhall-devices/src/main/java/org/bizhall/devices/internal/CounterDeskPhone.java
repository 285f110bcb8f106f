package org.bizhall.devices.internal;

import java.time.OffsetDateTime;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeskPhoneService;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.counter.TerminalRegistration;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeskPhoneRegistration;
import org.bizhall.api.device.Device;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.TdDeskPhone;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers a TD desk phone with the terminal-management port (rules §13: manufacturer id, terminal type, model and
 * number) through the driver bound to that very device, and audits every answer the port gives, accepted or refused.
 */
@Component(service = DeskPhoneService.class)
public class CounterDeskPhone implements DeskPhoneService {
    /** The audit action of a registration the port answered. */
    static final String AUDIT_ACTION = "DESK_PHONE_REGISTRATION";
    private static final int MAX_FIELD = 64;

    private final DeviceRegistryImpl devices;
    private final AuditLog audit;
    private final BusinessClock clock;

    @Activate
    public CounterDeskPhone(@Reference DeviceRegistryImpl devices, @Reference AuditLog audit,
            @Reference BusinessClock clock) {
        this.devices = devices;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public TerminalRegistration register(Caller caller, String deviceId, String manufacturer, String terminalType,
            String model, String msisdn) {
        Device device = devices.find(deviceId)
                .orElseThrow(() -> ProblemException.notFound("DEVICE_NOT_FOUND", "there is no such device"));
        caller.requireHall(device.hall());
        if (device.kind() != DeviceKind.TD_DESK_PHONE) {
            throw ProblemException.rule("DEVICE_KIND_MISMATCH",
                    "only a " + DeviceKind.TD_DESK_PHONE + " registers with the terminal-management port");
        }
        String maker = field(manufacturer, "manufacturer");
        String type = field(terminalType, "terminalType");
        String modelName = field(model, "model");
        if (msisdn == null || msisdn.isBlank()) {
            throw ProblemException.badRequest("REGISTRATION_FIELD_MISSING", "msisdn is required", "msisdn");
        }
        String number = Msisdn.parse(msisdn.trim(), "msisdn").value();
        BoundDevice<TdDeskPhone> phone = devices.boundDevice(device.id(), TdDeskPhone.class)
                .orElseThrow(() -> new DeviceUnavailableException(DeviceKind.TD_DESK_PHONE,
                        "the desk phone " + device.id() + " has no driver working; register it later"));
        DeskPhoneRegistration answer = HallDevices.call(phone,
                () -> phone.driver().register(phone.config(), maker, type, modelName, number));
        OffsetDateTime at = clock.now();
        audit.record(caller.user(), AUDIT_ACTION, null, "device " + device.id(), null,
                "manufacturer=" + maker + ", terminalType=" + type + ", model=" + modelName + ", msisdn=" + number
                        + ", accepted=" + answer.accepted());
        return new TerminalRegistration(device.id(), device.hall(), maker, type, modelName, number, answer.accepted(),
                caller.user(), at);
    }

    private static String field(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("REGISTRATION_FIELD_MISSING", name + " is required", name);
        }
        String text = value.trim();
        if (text.length() > MAX_FIELD || text.contains(",") || text.contains("=")) {
            throw ProblemException.badRequest("REGISTRATION_FIELD_INVALID",
                    name + " is at most " + MAX_FIELD + " characters without ',' or '='", name);
        }
        return text;
    }
}
