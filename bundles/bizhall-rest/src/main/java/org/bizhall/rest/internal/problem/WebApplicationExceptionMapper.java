package org.bizhall.rest.internal.problem;

import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the runtime's own HTTP errors (no such path, wrong method, unsupported media type) and the JSON reader's
 * refusals into problems, so every error the API answers has the same shape.
 */
@Component(service = ExceptionMapper.class)
@JaxrsName(Jaxrs.WEB_PROBLEMS)
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    private static final Logger LOG = LoggerFactory.getLogger(WebApplicationExceptionMapper.class);

    @Override
    public Response toResponse(WebApplicationException exception) {
        ProblemException problem = Problems.find(exception);
        if (problem != null) {
            return Problems.response(problem);
        }
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Problem body = switch (status) {
            case 400 -> Problem.of(400, "BAD_REQUEST", "the request is not valid", null);
            case 401 -> Problem.of(401, "UNAUTHENTICATED", "credentials are required", null);
            case 403 -> Problem.of(403, "FORBIDDEN", "this is not allowed", null);
            case 404 -> Problem.of(404, "NOT_FOUND", "there is no such resource", null);
            case 405 -> Problem.of(405, "METHOD_NOT_ALLOWED", "the resource does not take this method", null);
            case 406 -> Problem.of(406, "NOT_ACCEPTABLE", "the API answers application/json", null);
            case 413 -> Problem.of(413, "PAYLOAD_TOO_LARGE", "the request body is too large", null);
            case 415 -> Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "send the request body as application/json", null);
            default -> null;
        };
        if (body == null) {
            if (status >= 500) {
                String incident = UUID.randomUUID().toString();
                LOG.error("HTTP {} while serving a request, incident {}", status, incident, Scrubbed.of(exception));
                body = Problem.of(500, "INTERNAL_ERROR", "an internal error occurred (incident " + incident + ")", null);
            } else {
                body = Problem.of(status, "HTTP_" + status, "the request was refused", null);
            }
        }
        Response.ResponseBuilder builder = Response.fromResponse(Problems.response(body));
        if (status == 405 && original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            builder.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return builder.build();
    }
}
