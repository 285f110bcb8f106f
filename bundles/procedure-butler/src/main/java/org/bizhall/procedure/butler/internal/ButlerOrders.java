package org.bizhall.procedure.butler.internal;

import java.util.List;

import org.bizhall.api.order.Order;

/**
 * The butler's own orders on a number, read when a month is billed: the tariff changes, cancellations and number
 * changes are orders, each with the date it takes effect, so they say which tariff was in force in a month and when the
 * butler ended, whichever of the month's due work ran first.
 */
@FunctionalInterface
interface ButlerOrders {
    /** The orders of {@code procedure} on {@code msisdn}, in any state. */
    List<Order> of(String procedure, String msisdn);
}
