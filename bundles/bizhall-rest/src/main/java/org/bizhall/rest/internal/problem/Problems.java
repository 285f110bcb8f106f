package org.bizhall.rest.internal.problem;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.bizhall.rest.internal.edge.HttpDate;

/** Builds problem responses; the one place that knows their media type and the 401 challenge. */
public final class Problems {
    /** The challenge every 401 carries, naming the realm clients authenticate against. */
    public static final String CHALLENGE = "Basic realm=\"bizhall\"";

    private Problems() {
    }

    public static Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Jaxrs.PROBLEM_JSON).entity(problem)
                .header(HttpHeaders.DATE, HttpDate.now());
        if (problem.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return builder.build();
    }

    public static Response response(ProblemException e) {
        return response(Problem.of(e));
    }

    public static Response unauthenticated(String detail) {
        return response(Problem.of(401, "UNAUTHENTICATED", detail, null));
    }

    /** The first {@link ProblemException} in a cause chain, or null: services and transactions may wrap refusals. */
    public static ProblemException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
