package org.bizhall.api.procedure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;

/** Typed, checked access to an order's {@code params}; a wrong type is a 400 naming {@code params.<name>}. */
public final class Params {
    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public Optional<String> text(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw invalid(name, "must be a string");
        }
        return Optional.of(s);
    }

    public String requiredText(String name) {
        return text(name).filter(s -> !s.isBlank())
                .orElseThrow(() -> ProblemException.badRequest("PARAM_MISSING", "params." + name + " is required", field(name)));
    }

    public boolean flag(String name) {
        Object value = values.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw invalid(name, "must be true or false");
        }
        return b;
    }

    /** An amount in fen: a whole number, not negative, not absurd. */
    public Optional<Long> fen(String name) {
        return wholeNumber(name, "must be a whole number of fen").map(fen -> Money.requireAmount(fen, field(name)));
    }

    /** A whole number (a count, a number of months); its range is the params schema's to say. */
    public Optional<Long> integer(String name) {
        return wholeNumber(name, "must be a whole number");
    }

    private Optional<Long> wholeNumber(String name, String expectation) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw invalid(name, expectation);
        }
        return Optional.of(n.longValue());
    }

    public List<String> texts(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid(name, "must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    public <E extends Enum<E>> Optional<E> choice(String name, Class<E> type) {
        return text(name).map(s -> {
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw invalid(name, "is not one of " + List.of(type.getEnumConstants()));
            }
        });
    }

    private static String field(String name) {
        return "params." + name;
    }

    private static ProblemException invalid(String name, String why) {
        return ProblemException.badRequest("PARAM_INVALID", "params." + name + " " + why, field(name));
    }
}
