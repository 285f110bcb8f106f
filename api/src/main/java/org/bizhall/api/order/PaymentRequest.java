package org.bizhall.api.order;

import java.util.List;

/** A payment as the counter enters it; {@code notes} are the kiosk's accepted notes in yuan. */
public record PaymentRequest(PaymentMethod method, Long tenderedFen, List<Integer> notes) {
}
