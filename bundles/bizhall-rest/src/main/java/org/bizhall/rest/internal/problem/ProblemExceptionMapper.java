package org.bizhall.rest.internal.problem;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/** Renders a refusal as its RFC 7807 problem. Refusals are expected outcomes, so nothing is logged. */
@Component(service = ExceptionMapper.class)
@JaxrsName(Jaxrs.PROBLEMS)
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException exception) {
        return Problems.response(exception);
    }
}
