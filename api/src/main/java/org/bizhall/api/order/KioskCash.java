package org.bizhall.api.order;

import java.util.List;

/**
 * What the hall's cash kiosk did with the notes of a {@link PaymentMethod#KIOSK_CASH} payment: the device, the notes
 * it accepted (all credited, no change) and those it pushed back (not credited), in fen.
 */
public record KioskCash(String device, List<Long> acceptedNotesFen, List<Long> returnedNotesFen) {
    public KioskCash {
        acceptedNotesFen = List.copyOf(acceptedNotesFen);
        returnedNotesFen = List.copyOf(returnedNotesFen);
    }
}
