package org.bizhall.api.device;

/** What a TD desk phone sent to the terminal-management port when it registered. */
public record DeskPhoneRegistration(String manufacturer, String terminalType, String model, String msisdn,
        boolean accepted) {
}
