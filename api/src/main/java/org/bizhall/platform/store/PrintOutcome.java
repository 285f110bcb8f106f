package org.bizhall.platform.store;

/** How a print job ended: on paper, or closed because its hall has no printer configured. */
public enum PrintOutcome {
    PRINTED,
    NO_PRINTER
}
