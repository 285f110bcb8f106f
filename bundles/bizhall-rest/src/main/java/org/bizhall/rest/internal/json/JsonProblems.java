package org.bizhall.rest.internal.json;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.problem.Problems;

/**
 * Translates what Jackson says about a request body into problems: broken JSON is {@code JSON_MALFORMED}; JSON of the
 * wrong shape (a wrong type, an unknown enum value, an unparsable date) is {@code JSON_INVALID} naming the field by its
 * JSON path. Details never echo the value sent, which may be personal data.
 */
public final class JsonProblems {
    public static final String MALFORMED = "JSON_MALFORMED";
    public static final String INVALID = "JSON_INVALID";
    /** Nesting deeper than {@link Json#MAX_NESTING}, or a number or string beyond what the parser accepts. */
    public static final String LIMIT_EXCEEDED = "JSON_LIMIT_EXCEEDED";

    private JsonProblems() {
    }

    public static ProblemException translate(JsonProcessingException e) {
        ProblemException refusal = Problems.find(e);
        if (refusal != null) {
            // A value type refused its own content while being built (an invalid MSISDN): keep its code, name the field.
            String field = refusal.field() != null ? refusal.field() : path(e);
            return new ProblemException(refusal.status(), refusal.code(), refusal.detail(), field);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return ProblemException.badRequest(LIMIT_EXCEEDED, "the body nests deeper than " + Json.MAX_NESTING
                        + " levels or holds a number or string longer than the parser accepts", null);
            }
        }
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException) || trailing(e)) {
            return ProblemException.badRequest(MALFORMED, "the body is not valid JSON" + where(e.getLocation()), null);
        }
        if (e instanceof JsonMappingException mapping) {
            String field = path(mapping);
            String name = field == null ? "the body" : field;
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()) {
                return ProblemException.badRequest(INVALID,
                        name + " must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants()), field);
            }
            if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
                return ProblemException.badRequest(INVALID,
                        name + " is not a valid " + describe(invalid.getTargetType()), field);
            }
            if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                return ProblemException.badRequest(INVALID,
                        name + " must be " + article(describe(mismatched.getTargetType())), field);
            }
            return ProblemException.badRequest(INVALID, name + " is not valid", field);
        }
        return ProblemException.badRequest(MALFORMED, "the body is not valid JSON" + where(e.getLocation()), null);
    }

    /** Text after the JSON value is broken JSON, although Jackson reports it as a mismatch. */
    private static boolean trailing(JsonProcessingException e) {
        return e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token");
    }

    /** The JSON path of the failing value ({@code customer.idType}, {@code documents[1].kind}), or null at the root. */
    static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return null;
        }
        List<JsonMappingException.Reference> references = mapping.getPath();
        if (references == null || references.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class) {
            return "whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "ISO-8601 " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "object";
    }

    private static String article(String description) {
        if (description.startsWith("one of")) {
            return description;
        }
        return (description.matches("^[aeiouAEIOU].*") ? "an " : "a ") + description;
    }
}
