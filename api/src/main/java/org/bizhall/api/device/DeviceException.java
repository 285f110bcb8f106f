package org.bizhall.api.device;

/**
 * A device could not do what it was asked (unreachable, out of paper, no card on the reader). Callers fall back to
 * manual entry or retry later; it never stands for a business-rule refusal.
 */
public class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final DeviceStatus status;

    public DeviceException(DeviceStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public DeviceException(DeviceStatus status, String message) {
        this(status, message, null);
    }

    /** {@link DeviceStatus#OFFLINE} when the device could not be reached, {@link DeviceStatus#ERROR} when it failed. */
    public DeviceStatus status() {
        return status;
    }
}
