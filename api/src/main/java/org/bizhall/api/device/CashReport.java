package org.bizhall.api.device;

import java.util.List;

/**
 * What a cash kiosk took: the notes it accepted and those it gave back, in fen. A kiosk gives no change, so everything
 * accepted is credited.
 */
public record CashReport(List<Long> acceptedFen, List<Long> returnedFen) {
    public CashReport {
        acceptedFen = List.copyOf(acceptedFen);
        returnedFen = List.copyOf(returnedFen);
    }

    /** The whole amount accepted, all of which is credited to the customer. */
    public long totalFen() {
        return acceptedFen.stream().mapToLong(Long::longValue).sum();
    }
}
