package org.bizhall.api.care;

/** One step of a ticket's history: the intake and the four steps of the contract. */
public enum TicketAction {
    INTAKE, DISPATCH, REPLY, CALLBACK, CLOSE
}
