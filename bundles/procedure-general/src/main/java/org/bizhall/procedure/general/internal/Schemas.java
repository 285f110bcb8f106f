package org.bizhall.procedure.general.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The params schemas the procedures publish, bundle resources named {@code /<procedure id>.schema.json}. */
final class Schemas {
    private Schemas() {
    }

    static String load(String procedureId) {
        String resource = "/" + procedureId + ".schema.json";
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
