package org.bizhall.api.order;

import java.util.List;

/**
 * A payment as the counter enters it; {@code notes} are the notes inserted at the kiosk, in yuan (the hall's cash kiosk
 * decides which it accepts; without one, the national notes are).
 */
public record PaymentRequest(PaymentMethod method, Long tenderedFen, List<Integer> notes) {
}
