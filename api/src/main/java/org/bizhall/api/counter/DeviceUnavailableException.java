package org.bizhall.api.counter;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.device.DeviceKind;

/**
 * 503 {@value #CODE}: the hall has no device of the kind bound, or the device did not answer. The counter falls back to
 * manual work (calling by voice, entering the score by hand); nothing was written.
 */
public class DeviceUnavailableException extends ProblemException {
    private static final long serialVersionUID = 1L;
    public static final String CODE = "DEVICE_UNAVAILABLE";

    private final DeviceKind kind;

    public DeviceUnavailableException(DeviceKind kind, String detail) {
        super(503, CODE, detail, null);
        this.kind = kind;
    }

    /** The kind of device that is missing or failed. */
    public DeviceKind kind() {
        return kind;
    }
}
