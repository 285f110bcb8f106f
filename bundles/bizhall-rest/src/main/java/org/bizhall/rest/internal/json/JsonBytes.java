package org.bizhall.rest.internal.json;

import java.nio.charset.StandardCharsets;

/**
 * An answer already written as JSON (a stored Idempotency-Key answer and its first sending): {@link JsonProvider}
 * sends these bytes as they are, with their length. Given to the runtime as a {@code byte[]}, the answer went through
 * CXF's binary provider, which copies it through a buffer of its own on every request.
 */
public final class JsonBytes {
    private final byte[] utf8;

    private JsonBytes(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The UTF-8 encoding of {@code json}, which must already be JSON. */
    public static JsonBytes of(String json) {
        return new JsonBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The body, byte for byte; not a copy. */
    public byte[] utf8() {
        return utf8;
    }
}
