package org.bizhall.api.care;

/**
 * Which tickets to list: of {@code province} (null: every province, for an admin), in {@code state} (null: any), only
 * those past their due time ({@code overdue}), a page of them oldest due first.
 */
public record TicketQuery(String province, TicketState state, boolean overdue, int offset, int limit) {
}
