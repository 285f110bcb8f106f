package org.bizhall.api.order;

import java.time.OffsetDateTime;

/** An entry in an order's history: the state entered, when, by whom, and the provider whose rules ran. */
public record StateChange(OrderState state, OffsetDateTime at, String actor, String provider, String note) {
}
