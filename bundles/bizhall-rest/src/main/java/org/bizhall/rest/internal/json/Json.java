package org.bizhall.rest.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the API. Reading is strict where leniency would change meaning: unknown enum values,
 * enum ordinals, fractions for whole numbers, numbers as strings, duplicate keys and trailing garbage are refused; unknown properties
 * are ignored so clients may send more than a version of the API knows. Times keep the offset they were given with.
 */
public final class Json {
    /**
     * How deep a request may nest arrays and objects. An envelope needs about five levels; a client sending hundreds
     * is refused early instead of costing stack and time in every layer that walks the tree.
     */
    public static final int MAX_NESTING = 32;

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder(factory())).build();
    private static final ObjectMapper CANONICAL = configure(JsonMapper.builder(factory()))
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    private static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
    }

    private static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // Records serialize by their accessors; an extra isX() helper (Document.isSealed) is not a property.
                .disable(MapperFeature.AUTO_DETECT_IS_GETTERS);
    }

    /** The mapper requests are read and responses written with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The JSON text of a value, as responses carry it. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response value cannot be written as JSON: " + value.getClass().getName(), e);
        }
    }

    /**
     * The value as JSON with properties and map keys sorted, so two requests that mean the same thing have the same text
     * whatever order their client wrote the fields in.
     */
    public static String canonical(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request value cannot be written as JSON: " + value.getClass().getName(), e);
        }
    }

    /** Parses JSON text held as a string (a procedure's params schema) into a tree. */
    public static JsonNode tree(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }
}
