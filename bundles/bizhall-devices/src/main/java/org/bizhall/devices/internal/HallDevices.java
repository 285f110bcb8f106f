package org.bizhall.devices.internal;

import java.util.function.Supplier;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.DeviceUnavailableException;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the counter services share: staff act for their own hall only, a hall without the device (or with one that
 * fails) is a 503 {@value DeviceUnavailableException#CODE} the counter answers by working by hand, and a driver that
 * breaks never turns into a 500.
 */
final class HallDevices {
    private static final Logger LOG = LoggerFactory.getLogger(HallDevices.class);

    private HallDevices() {
    }

    /** The hall the caller acts for: 400 malformed id, 403 another hall (staff), 404 unknown. */
    static Hall actFor(HallDirectory halls, Caller caller, String hall) {
        String id = Hall.validId(hall, "hall");
        caller.requireHall(id);
        return halls.hall(id).orElseThrow(() -> ProblemException.notFound("HALL_NOT_FOUND", "there is no such hall"));
    }

    /** The hall's first bound device of {@code kind}, or 503 so the counter falls back to manual work. */
    static <T extends DeviceDriver> BoundDevice<T> bound(DeviceRegistry devices, String hall, DeviceKind kind,
            Class<T> type) {
        return devices.bound(hall, kind, type).orElseThrow(() -> new DeviceUnavailableException(kind,
                "hall " + hall + " has no " + kind + " working; carry on by hand"));
    }

    /** Runs a driver call; a device that does not answer, or a driver that breaks, is a 503 naming the kind. */
    static <R> R call(BoundDevice<?> device, Supplier<R> work) {
        DeviceKind kind = device.config().kind();
        try {
            return work.get();
        } catch (DeviceException e) {
            LOG.info("Device {} ({}) did not do its work: {} {}", device.config().id(), kind, e.status(), e.getMessage());
            throw new DeviceUnavailableException(kind, "the " + kind + " " + device.config().id() + " is "
                    + e.status() + "; carry on by hand");
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Driver {} of device {} failed: {}", device.config().driver(), device.config().id(), e.toString());
            throw new DeviceUnavailableException(kind, "the " + kind + " " + device.config().id()
                    + " failed; carry on by hand");
        }
    }

    /** A short identifier given in {@code field}: trimmed, 1..{@code max} of letters, digits, '-' and '_'. */
    static String word(String value, String field, int max, String missing, String invalid) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            throw ProblemException.badRequest(missing, field + " is required", field);
        }
        if (text.length() > max || !text.matches("[A-Za-z0-9_-]+")) {
            throw ProblemException.badRequest(invalid, field + " is 1 to " + max + " letters, digits, - or _", field);
        }
        return text;
    }
}
