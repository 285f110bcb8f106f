package org.bizhall.rest.internal.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.bizhall.rest.internal.json.Json;
import org.bizhall.rest.internal.problem.Problem;
import org.bizhall.rest.internal.problem.Scrubbed;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge in front of the JAX-RS application: gives each request its id (answered in {@code X-Request-Id} and
 * kept in the log context while the request is served), refuses what the servlet runtime would otherwise fail on with
 * its own error page (a malformed percent-encoding, an unknown charset) as a problem, and answers a problem for
 * anything that escapes the application, so no answer carries a stack trace or an internal class name.
 */
@Component(service = Filter.class, property = {
    "osgi.http.whiteboard.filter.name=bizhall.edge",
    // The JAX-RS whiteboard serves the application in a servlet context of its own at the application base; the
    // filter joins that context and covers every path in it. It also joins the server's default context, where a
    // path that leaves the base once decoded ("/api/v1/orders/..%2F..%2F..%2Fetc") ends up, so such a request is
    // answered the same way (an id, a problem) although no resource of the API serves it.
    "osgi.http.whiteboard.filter.pattern=/*",
    "osgi.http.whiteboard.context.select=(|(osgi.http.whiteboard.context.path=" + Jaxrs.BASE_PATH
            + ")(osgi.http.whiteboard.context.name=default))"})
public class EdgeFilter implements Filter {
    /** Marks a request the filter has taken in, so a second pass (a forward, an include) goes straight through. */
    static final String SEEN = EdgeFilter.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(EdgeFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        if (http.getAttribute(SEEN) != null) {
            chain.doFilter(request, response);
            return;
        }
        http.setAttribute(SEEN, Boolean.TRUE);
        String requestId = RequestIds.accept(http.getHeader(RequestIds.HEADER));
        RequestIds.begin(requestId);
        answer.setHeader(RequestIds.HEADER, requestId);
        try {
            try {
                RequestShape.checkPath(http.getRequestURI());
                RequestShape.checkQuery(http.getQueryString());
                RequestShape.checkCharset(http.getHeader("Content-Type"));
            } catch (ProblemException refused) {
                write(answer, Problem.of(refused), requestId);
                return;
            }
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Request failed in the HTTP runtime, incident {}", incident, Scrubbed.of(e));
            if (answer.isCommitted()) {
                throw e;
            }
            write(answer, Problem.of(500, "INTERNAL_ERROR", "an internal error occurred (incident " + incident + ")",
                    null), requestId);
        } finally {
            RequestIds.end();
        }
    }

    private static void write(HttpServletResponse answer, Problem problem, String requestId) throws IOException {
        answer.reset();
        answer.setStatus(problem.status());
        answer.setHeader(RequestIds.HEADER, requestId);
        answer.setContentType(Jaxrs.PROBLEM_JSON);
        answer.setCharacterEncoding("UTF-8");
        byte[] body = Json.write(problem).getBytes(StandardCharsets.UTF_8);
        answer.setContentLength(body.length);
        answer.getOutputStream().write(body);
    }
}
