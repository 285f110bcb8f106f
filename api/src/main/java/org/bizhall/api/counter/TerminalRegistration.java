package org.bizhall.api.counter;

import java.time.OffsetDateTime;

/** A TD desk phone's registration with the terminal-management port (rules §13) and whether the port accepted it. */
public record TerminalRegistration(String device, String hall, String manufacturer, String terminalType, String model,
        String msisdn, boolean accepted, String registeredBy, OffsetDateTime at) {
}
