package org.bizhall.rest.internal.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.bizhall.rest.internal.Jaxrs;
import org.bizhall.rest.internal.json.Json;
import org.bizhall.rest.internal.problem.Problem;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.osgi.service.component.annotations.Component;

/**
 * Requests the HTTP server refuses while parsing them (a malformed escape or an encoded NUL in the path, a header it
 * cannot read, a URI or headers too long) never reach the API's filter or mappers: the server answers them itself. Pax
 * Web adds every {@link HttpConfiguration.Customizer} service to its connectors; this one, on the first request it
 * sees, gives the server an error handler that answers those refusals as problems instead of the server's HTML page.
 * Other errors keep the server's behaviour, without stack traces or servlet names.
 */
@Component(service = HttpConfiguration.Customizer.class)
public class ServerRefusals implements HttpConfiguration.Customizer {
    /** The problem code of a request the HTTP server could not parse. */
    public static final String REQUEST_MALFORMED = "REQUEST_MALFORMED";

    @Override
    public void customize(Connector connector, HttpConfiguration configuration, Request request) {
        Server server = connector.getServer();
        if (server == null || server.getErrorHandler() instanceof ProblemErrorHandler) {
            return;
        }
        synchronized (server) {
            if (!(server.getErrorHandler() instanceof ProblemErrorHandler)) {
                server.setErrorHandler(new ProblemErrorHandler());
            }
        }
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> REQUEST_MALFORMED;
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            default -> "HTTP_" + status;
        };
    }

    /** Answers what the server refuses while parsing as an RFC 7807 problem; the reason it gives is not echoed. */
    static final class ProblemErrorHandler extends ErrorHandler {
        ProblemErrorHandler() {
            setShowStacks(false);
            setShowServlet(false);
            setShowMessageInTitle(false);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            if (HttpStatus.hasNoBody(status)) {
                return ByteBuffer.allocate(0);
            }
            fields.put(HttpHeader.CONTENT_TYPE, Jaxrs.PROBLEM_JSON);
            Problem problem = Problem.of(status, code(status),
                    "the HTTP server could not read the request (malformed path, header or line)", null);
            return ByteBuffer.wrap(Json.write(problem).getBytes(StandardCharsets.UTF_8));
        }
    }
}
