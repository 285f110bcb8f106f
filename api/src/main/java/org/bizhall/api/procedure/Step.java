package org.bizhall.api.procedure;

/** The steps the engine drives a procedure through. */
public enum Step {
    QUOTE, EXECUTE, CONFIRM, DATE, CANCEL
}
