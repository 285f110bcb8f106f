package org.bizhall.api.counter;

import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers a TD desk phone with the terminal-management port through its driver (rules §13) and records it in the
 * audit log, accepted or not. 404 {@code DEVICE_NOT_FOUND}; 422 {@code DEVICE_KIND_MISMATCH} for a device of another
 * kind; 400 {@code REGISTRATION_FIELD_MISSING} naming the missing field; staff act for their own hall's devices only.
 */
@ProviderType
public interface DeskPhoneService {
    TerminalRegistration register(Caller caller, String deviceId, String manufacturer, String terminalType,
            String model, String msisdn);
}
