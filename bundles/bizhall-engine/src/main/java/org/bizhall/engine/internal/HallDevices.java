package org.bizhall.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.IdentitySource;
import org.bizhall.api.device.BoundDevice;
import org.bizhall.api.device.CashKiosk;
import org.bizhall.api.device.CashReport;
import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceRegistry;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.IdCardReader;
import org.bizhall.api.order.KioskCash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall devices orders use, reached by kind through the device registry when one is installed: the ID-card reader
 * fills an identity the counter asked to read, the cash kiosk decides which notes it takes. The engine never names a
 * model. Without the registry, or without the device in the caller's hall, a read identity is refused (the counter
 * types it) and kiosk notes are counted by the national rule.
 * <p>
 * Nothing read from a card is logged: log lines name the device and the field, never the identity, and driver
 * exceptions are logged without their messages.
 */
final class HallDevices {
    /** Problem code: no ID-card reader works in the caller's hall now. */
    static final String READER_UNAVAILABLE = "ID_CARD_READER_UNAVAILABLE";
    /** Problem code: the hall's reader answered but read no card. */
    static final String CARD_NOT_READ = "ID_CARD_NOT_READ";
    /** Problem code: the hall's cash kiosk could not report the notes. */
    static final String KIOSK_UNAVAILABLE = "CASH_KIOSK_UNAVAILABLE";

    private static final Logger LOG = LoggerFactory.getLogger(HallDevices.class);

    private final AtomicReference<DeviceRegistry> registry = new AtomicReference<>();

    void bind(DeviceRegistry devices) {
        registry.set(devices);
    }

    void unbind(DeviceRegistry devices) {
        registry.compareAndSet(devices, null);
    }

    private <T extends DeviceDriver> Optional<BoundDevice<T>> bound(String hall, DeviceKind kind, Class<T> type) {
        DeviceRegistry devices = registry.get();
        if (devices == null || hall == null) {
            return Optional.empty();
        }
        return devices.bound(hall, kind, type);
    }

    /**
     * The identity on the card now on {@code hall}'s reader, marked {@link IdentitySource#ID_CARD_READER}; not yet
     * validated. {@code field} is where the request asked for it ({@code customer}, {@code parties[1]}).
     */
    Customer readIdentity(String hall, String field) {
        BoundDevice<IdCardReader> reader = bound(hall, DeviceKind.ID_CARD_READER, IdCardReader.class)
                .orElseThrow(() -> readerUnavailable("the hall has no ID-card reader working now", field));
        String device = reader.config().id();
        Customer read;
        try {
            read = reader.driver().readIdentity(reader.config());
        } catch (DeviceException e) {
            LOG.warn("ID-card reader {} could not read the identity of {} ({})", device, field, e.status());
            if (e.status() == DeviceStatus.OFFLINE) {
                throw readerUnavailable("the ID-card reader " + device + " does not answer", field);
            }
            throw cardNotRead(device, field);
        } catch (RuntimeException e) {
            LOG.warn("ID-card reader {} failed reading the identity of {}", device, field, SafeLog.scrubbed(e));
            throw cardNotRead(device, field);
        }
        if (read == null) {
            throw cardNotRead(device, field);
        }
        LOG.info("Identity of {} read from ID-card reader {}", field, device);
        return read.from(IdentitySource.ID_CARD_READER);
    }

    private static ProblemException readerUnavailable(String why, String field) {
        return new ProblemException(503, READER_UNAVAILABLE, why + "; enter the identity by hand", field + ".source");
    }

    private static ProblemException cardNotRead(String device, String field) {
        return ProblemException.rule(CARD_NOT_READ, "the ID-card reader " + device
                + " read no card; place the card on the reader and retry, or enter the identity by hand",
                field + ".source");
    }

    /** Kiosk notes as the caller's hall counts them: its bound kiosk decides, or the national rule without one. */
    KioskTake kioskNotes(String hall, List<Integer> notes, NationalKioskRule national) {
        Optional<BoundDevice<CashKiosk>> bound = bound(hall, DeviceKind.CASH_KIOSK, CashKiosk.class);
        if (bound.isEmpty()) {
            return new KioskTake(national.tenderedFen(notes), null);
        }
        BoundDevice<CashKiosk> kiosk = bound.get();
        String device = kiosk.config().id();
        List<Long> inserted = insertedFen(notes);
        CashReport report;
        try {
            report = kiosk.driver().accept(kiosk.config(), inserted);
        } catch (DeviceException e) {
            LOG.warn("Cash kiosk {} could not report the notes ({})", device, e.status());
            throw kioskUnavailable(device);
        } catch (RuntimeException e) {
            LOG.warn("Cash kiosk {} failed reporting the notes", device, SafeLog.scrubbed(e));
            throw kioskUnavailable(device);
        }
        if (report == null || report.acceptedFen().stream().anyMatch(n -> n == null || n <= 0)) {
            LOG.warn("Cash kiosk {} gave no usable report of the notes", device);
            throw kioskUnavailable(device);
        }
        long accepted = Money.requireAmount(report.totalFen(), "notes");
        return new KioskTake(accepted, new KioskCash(device, report.acceptedFen(), report.returnedFen()));
    }

    /** The notes as inserted, in fen; a note must be a positive whole number of yuan whatever the kiosk takes. */
    private static List<Long> insertedFen(List<Integer> notes) {
        List<Long> fen = new ArrayList<>();
        List<Integer> given = notes == null ? List.of() : notes;
        long total = 0;
        for (int i = 0; i < given.size(); i++) {
            Integer note = given.get(i);
            if (note == null || note <= 0) {
                throw ProblemException.badRequest("KIOSK_NOTE_INVALID", "a note is a positive number of yuan",
                        "notes[" + i + "]");
            }
            fen.add(note * 100L);
            total += note * 100L;
        }
        Money.requireAmount(total, "notes");
        return fen;
    }

    private static ProblemException kioskUnavailable(String device) {
        return new ProblemException(503, KIOSK_UNAVAILABLE, "the cash kiosk " + device
                + " cannot report the notes now; nothing was paid, take the payment at the counter", "method");
    }

    /** How notes are counted in a hall without a kiosk device. */
    @FunctionalInterface
    interface NationalKioskRule {
        long tenderedFen(List<Integer> notes);
    }

    /** The amount the kiosk took (all of it credited) and the device's report, null when no device counted. */
    record KioskTake(long tenderedFen, KioskCash report) {
    }
}
