package org.bizhall.api.common;

/**
 * A refusal with a stable machine-readable {@code code}, rendered as an RFC 7807 problem. Thrown before anything is
 * written (or inside a transaction that it rolls back), so a refused request changes nothing.
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Code of a refusal because the store could not take a lock in time (a lock wait or a deadlock rolled the
     * transaction back): nothing of the work was kept, and the same work may be tried again.
     */
    public static final String STORE_BUSY = "STORE_BUSY";

    private final int status;
    private final String code;
    private final String field;

    public ProblemException(int status, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** Malformed input (400). */
    public static ProblemException badRequest(String code, String detail, String field) {
        return new ProblemException(400, code, detail, field);
    }

    /** A business rule refused the request (422). */
    public static ProblemException rule(String code, String detail) {
        return new ProblemException(422, code, detail, null);
    }

    /** A business rule refused the value of one field (422). */
    public static ProblemException rule(String code, String detail, String field) {
        return new ProblemException(422, code, detail, field);
    }

    /** The thing asked for does not exist (404). */
    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail, null);
    }

    /** The request conflicts with the current state (409). */
    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail, null);
    }

    /** The caller may not do this (403). */
    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(403, code, detail, null);
    }

    /** The store could not take a lock in time (503 {@value #STORE_BUSY}): nothing was kept, to be tried again. */
    public static ProblemException storeBusy(String detail) {
        return new ProblemException(503, STORE_BUSY, detail, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** The offending field as a JSON path into the request ({@code customer.idNumber}), or null. */
    public String field() {
        return field;
    }
}
