package org.bizhall.rest.internal.idempotency;

/** What a request that writes answers: its status, the Location of what it created (or null) and its body. */
public record Outcome(int status, String location, Object body) {
    public static Outcome created(String location, Object body) {
        return new Outcome(201, location, body);
    }

    public static Outcome ok(Object body) {
        return new Outcome(200, null, body);
    }
}
