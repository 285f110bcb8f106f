package org.bizhall.rest.internal.resource;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.rest.internal.edge.HttpDate;

/**
 * Query parameters and list answers as every endpoint treats them. Parameters arrive as strings and are checked here,
 * so a bad one is a 400 naming it (a JAX-RS runtime would answer 404 for an unconvertible query parameter).
 */
final class Requests {
    static final String TOTAL_COUNT = "X-Total-Count";

    private Requests() {
    }

    static int offset(String value) {
        return Page.offset(integer(value, "OFFSET_INVALID", "offset"));
    }

    static int limit(String value) {
        return Page.limit(integer(value, "LIMIT_INVALID", "limit"));
    }

    private static Integer integer(String value, String code, String field) {
        if (blank(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(code, field + " must be a whole number", field);
        }
    }

    static String text(String value) {
        return blank(value) ? null : value.trim();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** An enum constant named by a query parameter. */
    static <E extends Enum<E>> E choice(String value, Class<E> type, String field) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("QUERY_PARAM_INVALID",
                    field + " must be one of " + List.of(type.getEnumConstants()), field);
        }
    }

    /**
     * A required word of a body that names an enum constant, spelt exactly as the OpenAPI document lists it (a
     * lower-case or unknown word is refused with {@code code}, as Jackson refuses an unknown enum value).
     */
    static <E extends Enum<E>> E word(String value, Class<E> type, String code, String field) {
        if (blank(value)) {
            throw ProblemException.badRequest(code, field + " is required", field);
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(code, field + " must be one of " + List.of(type.getEnumConstants()),
                    field);
        }
    }

    /**
     * A time bound: an ISO-8601 time with offset, or a business date meaning its first instant (for {@code from}) or
     * the first instant of the next day (for {@code to}) in the business zone.
     */
    static OffsetDateTime time(String value, String field, boolean endOfDay, ZoneId zone) {
        if (blank(value)) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException notATime) {
            try {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toOffsetDateTime();
            } catch (DateTimeException notADate) {
                throw ProblemException.badRequest("QUERY_PARAM_INVALID",
                        field + " must be an ISO-8601 time with offset or a date YYYY-MM-DD", field);
            }
        }
    }

    /**
     * The province a list is for: the caller's own, or the one asked for (an admin may ask for any, others only for
     * their own). {@code required} says whether an admin must name one.
     */
    static String province(Caller caller, String asked, boolean required) {
        String province = blank(asked) ? null : asked.trim().toUpperCase(Locale.ROOT);
        if (province != null && !province.matches("\\*|[A-Z0-9_-]{1,16}")) {
            throw ProblemException.badRequest("PROVINCE_INVALID", "province is a province code", "province");
        }
        if (province == null) {
            if (!caller.isAdmin()) {
                return caller.province();
            }
            if (required) {
                throw ProblemException.badRequest("PROVINCE_REQUIRED", "an admin names the province", "province");
            }
            return null;
        }
        caller.requireProvince(province);
        return province;
    }

    /** A page of a list: its items as the body, its full length in {@code X-Total-Count}. */
    static Response page(Page<?> page) {
        return Response.ok(page.items()).header(TOTAL_COUNT, page.total()).header(HttpHeaders.DATE, HttpDate.now())
                .build();
    }

    /** A page cut from a list held in memory. */
    static <T> Page<T> slice(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new Page<>(all.subList(from, to), all.size());
    }

    /** The absolute path of this request, which with the user scopes its idempotency key. */
    static String path(UriInfo uri) {
        return uri.getAbsolutePath().getPath();
    }

    /** The path of a resource of this API, as Location headers name it ({@code /api/v1/orders/42}). */
    static String location(UriInfo uri, String... segments) {
        String base = uri.getBaseUri().getPath();
        StringBuilder path = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }
}
