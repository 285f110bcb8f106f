package org.bizhall.api.order;

/** Why an accepted order ended REJECTED or FAILED. */
public record OrderProblem(String code, String detail) {
}
