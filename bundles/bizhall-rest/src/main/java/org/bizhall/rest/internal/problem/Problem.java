package org.bizhall.rest.internal.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.edge.RequestIds;

/**
 * An RFC 7807 problem as the API answers it. {@code code} is the stable identifier clients switch on; {@code type} is
 * the same code as a URN so the document is a valid problem without a web page per code; {@code field} is the JSON path
 * of the offending input, null when the problem concerns no single field; {@code requestId} is the id the request is
 * logged under (also in the {@code X-Request-Id} header), absent outside an HTTP request.
 */
@JsonPropertyOrder({"type", "title", "status", "code", "detail", "field", "requestId"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Problem(String type, String title, int status, String code, String detail, String field,
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId) {
    public static final String TYPE_PREFIX = "urn:bizhall:problem:";

    public static Problem of(int status, String code, String detail, String field) {
        return new Problem(TYPE_PREFIX + code, title(status), status, code, detail, field, RequestIds.current());
    }

    public static Problem of(ProblemException e) {
        return of(e.status(), e.code(), e.detail(), e.field());
    }

    /** The reason phrase of a status; 422 and 423 are missing from the JAX-RS status enum. */
    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 423 -> "Locked";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
