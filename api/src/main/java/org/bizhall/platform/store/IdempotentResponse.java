package org.bizhall.platform.store;

/** The first answer to a request with an idempotency key, replayed to repeats of it. */
public record IdempotentResponse(String requestHash, int status, String location, String body) {
}
