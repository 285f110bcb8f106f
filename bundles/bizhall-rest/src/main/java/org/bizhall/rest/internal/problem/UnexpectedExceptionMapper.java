package org.bizhall.rest.internal.problem;

import java.util.UUID;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: a refusal wrapped by a transaction or service layer is unwrapped and answered as such; a value the
 * database refused to keep (SQL state class 22, e.g. a text longer than its column) is a 400 {@code VALUE_TOO_LARGE}:
 * its transaction rolled back, so nothing was stored; a transaction the database rolled back over a lock (class 40,
 * PostgreSQL's 55P03) is a 503 {@code STORE_BUSY}. Anything else is a 500 whose response names only an incident id,
 * while the log keeps the stack trace under that id, scrubbed of messages (which may quote personal data).
 */
@Component(service = ExceptionMapper.class)
@JaxrsName(Jaxrs.UNEXPECTED)
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        ProblemException problem = Problems.find(exception);
        if (problem != null) {
            return Problems.response(problem);
        }
        String state = Scrubbed.sqlState(exception);
        if (state != null && state.startsWith("22")) {
            LOG.warn("The database refused a value of a request (SQL state {}); nothing was stored", state);
            return Problems.response(Problem.of(400, "VALUE_TOO_LARGE",
                    "a value of the request cannot be stored; nothing was changed", null));
        }
        if (state != null && (state.startsWith("40") || state.equals("55P03"))) {
            // the store answers these itself as STORE_BUSY; one that escaped it (a commit) means the same
            LOG.warn("The database rolled a request back over a lock (SQL state {}); nothing was stored", state);
            return Problems.response(Problem.of(503, ProblemException.STORE_BUSY, "the store could not take a lock in"
                    + " time; nothing of this request was kept: send it again with the same Idempotency-Key", null));
        }
        if (clientWentAway(exception)) {
            // nobody reads the answer: the client closed the connection while its body was read or written
            LOG.debug("The client closed the connection before the exchange ended ({})", exception.getClass().getName());
            return Response.status(400).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected failure while serving a request, incident {}", incident, Scrubbed.of(exception));
        return Problems.response(Problem.of(500, "INTERNAL_ERROR",
                "an internal error occurred (incident " + incident + ")", null));
    }

    /**
     * Whether the failure is the client hanging up (Jetty's {@code EofException}, a reset or broken connection) rather
     * than a fault of the server; known by class name, since the servlet container is not this bundle's dependency.
     */
    static boolean clientWentAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if ("org.eclipse.jetty.io.EofException".equals(t.getClass().getName())) {
                return true;
            }
            String message = t.getMessage();
            if (t instanceof java.io.IOException && message != null
                    && (message.contains("Broken pipe") || message.contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
