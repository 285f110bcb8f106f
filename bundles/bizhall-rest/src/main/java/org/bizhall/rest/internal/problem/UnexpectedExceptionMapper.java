package org.bizhall.rest.internal.problem;

import java.util.UUID;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: a refusal wrapped by a transaction or service layer is unwrapped and answered as such; anything
 * else is a 500 whose response names only an incident id, while the log keeps the stack trace under that id.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(Jaxrs.UNEXPECTED)
@JaxrsApplicationSelect(Jaxrs.SELECT_APPLICATION)
@JaxrsExtensionSelect(Jaxrs.REQUIRE_JSON)
public class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        ProblemException problem = Problems.find(exception);
        if (problem != null) {
            return Problems.response(problem);
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected failure while serving a request, incident {}", incident, exception);
        return Problems.response(Problem.of(500, "INTERNAL_ERROR",
                "an internal error occurred (incident " + incident + ")", null));
    }
}
