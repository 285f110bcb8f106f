package org.bizhall.api.billing;

/** The unpaid part of one billing month's charges. */
public record MonthArrears(String month, long amountFen) {
}
