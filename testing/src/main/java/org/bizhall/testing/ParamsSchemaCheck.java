package org.bizhall.testing;

import java.util.List;
import java.util.Map;

import org.bizhall.api.procedure.Procedure;
import org.bizhall.params.ParamsSchema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's params check for a procedure's unit tests: the very {@link ParamsSchema} the engine embeds (networknt,
 * draft 2020-12), so the answer is the engine's. Money params ({@code …Fen}, whole numbers) answer the platform's amount
 * codes first (400 {@code AMOUNT_NEGATIVE}, {@code AMOUNT_TOO_LARGE}); then the first violation of the schema is 400
 * {@code PARAM_MISSING} (a required param absent) or {@code PARAM_INVALID}, with {@code field} the param's place
 * ({@code params.iccid}, {@code params.features[1]}). What only tests ask, whether a schema is strict, is here.
 */
public final class ParamsSchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Compiled once per procedure id and again when its text changes, as the engine keeps them per provider. */
    private static final ParamsSchema ENGINE_CHECK = new ParamsSchema();

    private ParamsSchemaCheck() {
    }

    /** Refuses {@code params} that break the schema {@code procedure} publishes, as the engine does before a quote. */
    public static void check(Procedure procedure, Map<String, Object> params) {
        String id = procedure.descriptor().id();
        try {
            ENGINE_CHECK.check(id, procedure.descriptor().paramsSchema(), params);
        } catch (IllegalArgumentException e) {
            // the engine answers 500 PROCEDURE_FAILED for this; in a procedure's test it is the test's failure
            throw new AssertionError("the params schema of " + id + " does not compile or cannot be evaluated", e);
        }
    }

    /**
     * What makes a params schema strict, as the kit asks it: an object that names every param it takes
     * ({@code additionalProperties: false}), each with a type, and every string bounded ({@code maxLength}, or an
     * {@code enum}). Returns what breaks it, by JSON pointer; empty when the schema is strict.
     */
    public static List<String> laxness(Procedure procedure) {
        JsonNode schema;
        try {
            schema = JSON.readTree(procedure.descriptor().paramsSchema());
        } catch (Exception e) {
            throw new AssertionError("the params schema of " + procedure.descriptor().id() + " is not JSON", e);
        }
        List<String> lax = new java.util.ArrayList<>();
        if (!"object".equals(schema.path("type").asText())) {
            lax.add("/type is not object");
        }
        if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
            lax.add("/additionalProperties is not false");
        }
        schema.path("properties").fields().forEachRemaining(p -> laxness("/properties/" + p.getKey(), p.getValue(), lax));
        return lax;
    }

    private static void laxness(String pointer, JsonNode property, List<String> lax) {
        String type = property.path("type").asText("");
        if (type.isEmpty() && !property.has("enum") && !property.has("const")) {
            lax.add(pointer + " has no type");
        }
        if ("string".equals(type) && !property.has("maxLength") && !property.has("enum")) {
            lax.add(pointer + " has no maxLength");
        }
        if ("array".equals(type)) {
            if (!property.has("maxItems")) {
                lax.add(pointer + " has no maxItems");
            }
            laxness(pointer + "/items", property.path("items"), lax);
        }
        if ("object".equals(type)) {
            if (!property.path("additionalProperties").isBoolean() || property.path("additionalProperties").asBoolean()) {
                lax.add(pointer + "/additionalProperties is not false");
            }
            property.path("properties").fields()
                    .forEachRemaining(p -> laxness(pointer + "/properties/" + p.getKey(), p.getValue(), lax));
        }
    }
}
