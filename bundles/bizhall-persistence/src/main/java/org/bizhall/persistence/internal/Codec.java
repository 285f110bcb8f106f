package org.bizhall.persistence.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** How values that have no column of their own are kept: JSON text, comma lists, UTC instants. */
final class Codec {
    /**
     * Thread-safe once configured. The time module is registered by hand because service loading does not work across
     * bundles. Is-getters are ignored: {@code Document.isSealed()} would otherwise replace the record component
     * {@code sealed} and store {@code false} where the order said nothing.
     */
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** A reader per class read by {@link #fromJson(String, Class, String)}, made at its first use. */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return JSON.readerFor(type);
        }
    };

    /** Largest text column (VARCHAR(32000) on Derby and PostgreSQL). */
    static final int MAX_TEXT = 32000;

    private Codec() {
    }

    static String toJson(Object value, String what) {
        if (value == null) {
            return null;
        }
        String json;
        try {
            json = JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + what + " as JSON", e);
        }
        if (json.length() > MAX_TEXT) {
            throw org.bizhall.api.common.ProblemException.badRequest("VALUE_TOO_LARGE", what + " is too large to store", what);
        }
        return json;
    }

    /**
     * A reader of one stored type, made once: {@code readValue(json, type)} resolves the type and finds its
     * deserializer again on every call, through shared caches that showed in a payment's profile.
     */
    static ObjectReader reader(TypeReference<?> type) {
        return JSON.readerFor(type);
    }

    static <T> T fromJson(String json, ObjectReader reader, String what) {
        if (json == null) {
            return null;
        }
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored " + what + " is not readable", e);
        }
    }

    static <T> T fromJson(String json, Class<T> type, String what) {
        return fromJson(json, READERS.get(type), what);
    }

    static String commaList(Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        for (String v : values) {
            if (v == null || v.contains(",")) {
                throw org.bizhall.api.common.ProblemException.badRequest("LIST_VALUE_INVALID",
                        "list values must not be empty or contain a comma", null);
            }
        }
        return String.join(",", values);
    }

    static List<String> fromCommaList(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // a loop, not a stream of a regex split: read on every request (a hall's kinds, a customer's categories)
        List<String> words = new ArrayList<>(4);
        int from = 0;
        while (from <= text.length()) {
            int comma = text.indexOf(',', from);
            int to = comma < 0 ? text.length() : comma;
            String word = text.substring(from, to).trim();
            if (!word.isEmpty()) {
                words.add(word);
            }
            from = to + 1;
        }
        return words;
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime time(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
