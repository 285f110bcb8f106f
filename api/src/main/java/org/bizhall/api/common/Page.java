package org.bizhall.api.common;

import java.util.List;
import java.util.function.Function;

/** One page of a longer list, with the total the whole list has. */
public record Page<T>(List<T> items, long total) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total);
    }

    /** Checks paging arguments the way every list endpoint does: offset at least 0, limit 1..500 (null means 50). */
    public static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("LIMIT_INVALID", "limit must be between 1 and " + MAX_LIMIT, "limit");
        }
        return limit;
    }

    public static int offset(Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw ProblemException.badRequest("OFFSET_INVALID", "offset must not be negative", "offset");
        }
        return offset;
    }
}
