package org.bizhall.params;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

/**
 * Checks an order's {@code params} against the JSON Schema its procedure publishes, before the quote, so no procedure
 * checks types, ranges or required params by hand. A schema is compiled once per provider (bundle and version) and
 * compiled again only when the provider publishes another text (a snapshot updated in place).
 * <p>
 * The first violation answers: 400 {@code PARAM_MISSING} for a required param that is absent, 400
 * {@code PARAM_INVALID} otherwise, with {@code field} the param's place in the envelope ({@code params.iccid},
 * {@code params.members[2]}). Money params ({@code …Fen}) answer the platform's amount codes first. The
 * validator's message is not echoed, as it may quote the value (personal data).
 * <p>
 * One class for the engine (which embeds this package privately) and for procedure unit tests (through {@code
 * testing}): the answer a procedure's test expects is then the engine's by construction, not a copy kept in step.
 * It lives outside the engine because {@code testing} cannot depend on the engine, whose own tests use {@code testing}.
 */
public final class ParamsSchema {
    /** 400: a param the schema requires is absent. */
    public static final String PARAM_MISSING = "PARAM_MISSING";
    /** 400: a param breaks the schema otherwise. */
    public static final String PARAM_INVALID = "PARAM_INVALID";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Compiled> byProvider = new ConcurrentHashMap<>();

    private record Compiled(String text, Schema schema) {
    }

    /**
     * Refuses {@code params} that break the schema; a provider without a schema (null or blank) takes any params.
     *
     * @throws IllegalArgumentException when the schema itself cannot be compiled or evaluated (the provider's fault)
     */
    public void check(String provider, String schemaText, Map<String, Object> params) {
        if (schemaText == null || schemaText.isBlank()) {
            return;
        }
        requireMoney("params", params);
        Schema schema = compiled(provider, schemaText);
        JsonNode instance = JSON.valueToTree(params == null ? Map.of() : params);
        List<Error> errors;
        try {
            errors = schema.validate(instance);
        } catch (RuntimeException e) {
            // a reference the schema cannot resolve (remote documents are never fetched) is found only now
            throw new IllegalArgumentException("the params schema of " + provider + " cannot be evaluated", e);
        }
        if (errors.isEmpty()) {
            return;
        }
        Error first = errors.get(0);
        String field = field(first.getInstanceLocation());
        if ("required".equals(first.getKeyword()) && first.getProperty() != null) {
            String missing = field + "." + first.getProperty();
            throw ProblemException.badRequest(PARAM_MISSING, missing + " is required", missing);
        }
        throw ProblemException.badRequest(PARAM_INVALID, field + " does not match the procedure's params schema ("
                + first.getKeyword() + ")", field);
    }

    /**
     * A param named {@code …Fen} is money wherever it is (the contract's rule for every field): a whole number of
     * fen is refused 400 {@code AMOUNT_NEGATIVE} below zero and {@code AMOUNT_TOO_LARGE} beyond {@link Money#MAX_FEN}, as
     * everywhere else, before the procedure's schema speaks of its own limits.
     */
    private static void requireMoney(String field, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, inner) -> {
                String path = field + "." + name;
                if (String.valueOf(name).endsWith("Fen") && (inner instanceof Long || inner instanceof Integer
                        || inner instanceof java.math.BigInteger)) {
                    Money.requireAmount(toLong((Number) inner), path);
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

    private static long toLong(Number number) {
        if (number instanceof java.math.BigInteger big) {
            return big.bitLength() < 63 ? big.longValue() : big.signum() * Long.MAX_VALUE;
        }
        return number.longValue();
    }

    private Schema compiled(String provider, String schemaText) {
        Compiled known = byProvider.get(provider);
        if (known != null && known.text().equals(schemaText)) {
            return known.schema();
        }
        Schema schema;
        try {
            schema = registry.getSchema(JSON.readTree(schemaText));
        } catch (Exception e) {
            throw new IllegalArgumentException("the params schema of " + provider + " cannot be compiled", e);
        }
        byProvider.put(provider, new Compiled(schemaText, schema));
        return schema;
    }

    /** The compiled schema kept for a provider now (for tests of the cache); null when none is. */
    Object compiledFor(String provider) {
        Compiled known = byProvider.get(provider);
        return known == null ? null : known.schema();
    }

    /** {@code params} followed by the path: names as {@code .name}, array indexes as {@code [i]}. */
    static String field(NodePath location) {
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
