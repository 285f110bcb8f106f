package org.bizhall.api.counter;

/** Where a satisfaction score came from: the customer pressed it on the rating pad, or the counter typed it in. */
public enum RatingSource {
    PAD, MANUAL
}
