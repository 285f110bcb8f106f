package org.bizhall.testing;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.procedure.Procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

/**
 * The engine's params check for a procedure's unit tests: the same validator (networknt, draft 2020-12) and the same
 * answer. Money params ({@code …Fen}, whole numbers) answer the platform's amount codes first (400 {@code
 * AMOUNT_NEGATIVE}, {@code AMOUNT_TOO_LARGE}); then the first violation of the schema is 400 {@code PARAM_MISSING} (a
 * required param absent) or {@code PARAM_INVALID}, with {@code field} the param's place ({@code params.iccid},
 * {@code params.features[1]}).
 */
public final class ParamsSchemaCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ParamsSchemaCheck() {
    }

    /** Refuses {@code params} that break the schema {@code procedure} publishes, as the engine does before a quote. */
    public static void check(Procedure procedure, Map<String, Object> params) {
        Schema schema;
        try {
            schema = REGISTRY.getSchema(JSON.readTree(procedure.descriptor().paramsSchema()));
        } catch (Exception e) {
            throw new AssertionError("the params schema of " + procedure.descriptor().id() + " does not compile", e);
        }
        requireMoney("params", params);
        JsonNode instance = JSON.valueToTree(params == null ? Map.of() : params);
        List<Error> errors = schema.validate(instance);
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.get(0);
        String field = field(first.getInstanceLocation());
        if ("required".equals(first.getKeyword()) && first.getProperty() != null) {
            String missing = field + "." + first.getProperty();
            throw ProblemException.badRequest("PARAM_MISSING", missing + " is required", missing);
        }
        throw ProblemException.badRequest("PARAM_INVALID", field + " does not match the procedure's params schema ("
                + first.getKeyword() + ")", field);
    }

    private static void requireMoney(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, inner) -> {
                String path = field + "." + name;
                if (String.valueOf(name).endsWith("Fen") && (inner instanceof Long || inner instanceof Integer)) {
                    Money.requireAmount(((Number) inner).longValue(), path);
                } else {
                    requireMoney(path, inner);
                }
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireMoney(field + "[" + i + "]", list.get(i));
            }
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

    private static String field(NodePath location) {
        StringBuilder field = new StringBuilder("params");
        if (location == null) {
            return field.toString();
        }
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append('.').append(element);
            }
        }
        return field.toString();
    }
}
