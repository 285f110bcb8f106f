package org.bizhall.engine.internal;

import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;

/**
 * The self-service cash kiosk: it gives no change, so everything it took is credited (rule 2). The payment comes in
 * one of two forms: {@code tenderedFen}, the amount the kiosk counted, taken as it is; or {@code notes}, the notes
 * inserted, which the hall's cash kiosk driver decides on (the national 10/20/50/100-yuan notes where no kiosk is
 * bound). Both forms at once is ambiguous and refused.
 */
final class KioskCashPayment implements PaymentStrategy {
    /** More notes than a kiosk's cash box takes in one session is not a real payment. */
    static final int MAX_KIOSK_NOTES = 100;
    private static final Set<Integer> KIOSK_NOTES_YUAN = Set.of(10, 20, 50, 100);

    private final HallDevices devices;

    KioskCashPayment(HallDevices devices) {
        this.devices = devices;
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.KIOSK_CASH;
    }

    @Override
    public Tender take(Caller caller, Order order, long dueFen, PaymentRequest request) {
        if (request.tenderedFen() != null && request.notes() != null) {
            throw ProblemException.badRequest("KIOSK_TENDER_AMBIGUOUS", "a kiosk payment gives either tenderedFen"
                    + " (as the kiosk counted it) or the notes inserted, not both", "notes");
        }
        if (request.tenderedFen() != null) {
            long counted = Money.requireAmount(request.tenderedFen(), "tenderedFen");
            if (counted < dueFen) {
                throw CashPayment.tenderedTooLow(counted, dueFen, "tenderedFen");
            }
            return new Tender(counted, 0, counted - dueFen, null);
        }
        if (request.notes() != null && request.notes().size() > MAX_KIOSK_NOTES) {
            throw ProblemException.badRequest("KIOSK_NOTES_TOO_MANY", "a kiosk payment takes at most "
                    + MAX_KIOSK_NOTES + " notes", "notes");
        }
        HallDevices.KioskTake take = devices.kioskNotes(caller.hall(), request.notes(),
                KioskCashPayment::nationalNotes);
        long tendered = take.tenderedFen();
        KioskCash kiosk = take.report();
        if (tendered < dueFen) {
            throw kiosk == null ? CashPayment.tenderedTooLow(tendered, dueFen, "notes") : ProblemException.rule(
                    "TENDERED_TOO_LOW", "the kiosk " + kiosk.device() + " accepted " + Money.yuan(tendered)
                    + " yuan (returned " + kiosk.returnedNotesFen().size() + " notes), less than the "
                    + Money.yuan(dueFen) + " yuan due; nothing was paid", "notes");
        }
        return new Tender(tendered, 0, tendered - dueFen, kiosk);
    }

    /** Notes as a hall without a kiosk device counts them: 10, 20, 50 and 100 yuan only. */
    private static long nationalNotes(List<Integer> notes) {
        long yuan = 0;
        List<Integer> given = notes == null ? List.of() : notes;
        for (int i = 0; i < given.size(); i++) {
            Integer note = given.get(i);
            if (note == null || !KIOSK_NOTES_YUAN.contains(note)) {
                throw ProblemException.badRequest("KIOSK_NOTE_INVALID",
                        "the kiosk takes 10, 20, 50 and 100 yuan notes only", "notes[" + i + "]");
            }
            yuan += note;
        }
        return Money.requireAmount(yuan * 100, "notes");
    }
}
