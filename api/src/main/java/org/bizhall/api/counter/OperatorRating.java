package org.bizhall.api.counter;

/** How one operator was rated over some ratings: how many and their average score. */
public record OperatorRating(String operator, long count, double average) {
}
