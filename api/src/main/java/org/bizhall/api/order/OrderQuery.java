package org.bizhall.api.order;

import java.time.OffsetDateTime;

/** Filters for listing orders; null fields do not filter. */
public record OrderQuery(OrderState state, String procedure, String msisdn, OffsetDateTime from, OffsetDateTime to,
        int offset, int limit) {
}
