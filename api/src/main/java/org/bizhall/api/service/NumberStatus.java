package org.bizhall.api.service;

/** A pool number's life: available, reserved (until its reservation expires), assigned to a subscriber. */
public enum NumberStatus {
    AVAILABLE, RESERVED, ASSIGNED, QUARANTINED
}
