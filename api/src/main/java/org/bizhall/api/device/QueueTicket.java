package org.bizhall.api.device;

/** A queue ticket: its printed number, the service queue it is for, and how many were waiting ahead when issued. */
public record QueueTicket(String number, String queue, int waitingAhead) {
}
