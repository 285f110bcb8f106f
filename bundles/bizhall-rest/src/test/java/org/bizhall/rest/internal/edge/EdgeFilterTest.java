package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.FilterChain;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.rest.internal.json.Json;
import org.junit.Test;

/** The edge filter: request ids, refusals before the runtime, and no runtime error page (issue 8 defects 4, 5). */
public class EdgeFilterTest {

    /** A response as the filter sees it, recording what it was told. */
    static final class Answer {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        String contentType;

        HttpServletResponse proxy() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) a[0];
                            yield null;
                        }
                        case "setHeader" -> {
                            headers.put((String) a[0], (String) a[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            contentType = (String) a[0];
                            yield null;
                        }
                        case "reset" -> {
                            headers.clear();
                            body.reset();
                            yield null;
                        }
                        case "isCommitted" -> false;
                        case "getOutputStream" -> out;
                        default -> null;
                    });
        }

        JsonNode json() throws IOException {
            return Json.mapper().readTree(body.toByteArray());
        }
    }

    static HttpServletRequest request(String uri, String query, Map<String, String> headers) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(EdgeFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getAttribute" -> attributes.get((String) a[0]);
                    case "setAttribute" -> {
                        attributes.put((String) a[0], a[1]);
                        yield null;
                    }
                    case "getRequestURI" -> uri;
                    case "getQueryString" -> query;
                    case "getHeader" -> headers.get((String) a[0]);
                    case "getMethod" -> "GET";
                    default -> null;
                });
    }

    @Test
    public void badPercentEncodingIsAProblemWithTheRequestIdAndNeverReachesTheApplication_defect4() throws Exception {
        Answer answer = new Answer();
        boolean[] reached = {false};
        new EdgeFilter().doFilter(request("/api/v1/orders", "msisdn=%zz", Map.of()), answer.proxy(),
                (rq, rs) -> reached[0] = true);
        assertFalse(reached[0]);
        assertEquals(400, answer.status);
        assertEquals("application/problem+json", answer.contentType);
        JsonNode problem = answer.json();
        assertEquals("QUERY_ENCODING_INVALID", problem.path("code").asText());
        assertEquals("msisdn", problem.path("field").asText());
        assertEquals(answer.headers.get("X-Request-Id"), problem.path("requestId").asText());
        assertNull("the request id leaves the thread with the request", RequestIds.current());
    }

    @Test
    public void unknownCharsetIsA400ProblemNotTheServletsErrorPage_defect5() throws Exception {
        Answer answer = new Answer();
        new EdgeFilter().doFilter(request("/api/v1/orders", null,
                Map.of("Content-Type", "application/json; charset=bogus")), answer.proxy(), (rq, rs) -> {
                    throw new IOException("Invalid character set bogus in request.");
                });
        assertEquals(400, answer.status);
        assertEquals("CHARSET_UNSUPPORTED", answer.json().path("code").asText());
    }

    @Test
    public void aFailureEscapingTheApplicationIsA500ProblemWithoutExceptionText_defect5() throws Exception {
        Answer answer = new Answer();
        new EdgeFilter().doFilter(request("/api/v1/orders", null, Map.of()), answer.proxy(), (rq, rs) -> {
            throw new javax.servlet.ServletException(new IOException("Invalid character set 张三 11010519491231002X"));
        });
        assertEquals(500, answer.status);
        String body = answer.body.toString(StandardCharsets.UTF_8);
        assertEquals("INTERNAL_ERROR", answer.json().path("code").asText());
        for (String leak : new String[] {"java.", "Exception", "org.apache", "张三", "11010519491231002X"}) {
            assertFalse(body, body.contains(leak));
        }
    }

    @Test
    public void eachRequestHasAnIdInTheLogContextAndTheAnswer() throws Exception {
        Answer answer = new Answer();
        AtomicReference<String> during = new AtomicReference<>();
        FilterChain chain = (rq, rs) -> during.set(RequestIds.current());
        new EdgeFilter().doFilter(request("/api/v1/me", null, Map.of("X-Request-Id", "counter-7-0042")), answer.proxy(),
                chain);
        assertEquals("counter-7-0042", during.get());
        assertEquals("counter-7-0042", answer.headers.get("X-Request-Id"));
        assertNull(RequestIds.current());

        Answer other = new Answer();
        new EdgeFilter().doFilter(request("/api/v1/me", null, Map.of("X-Request-Id", "bad id\n")), other.proxy(), chain);
        assertTrue(during.get().matches("[0-9a-f-]{36}"));
        assertEquals(during.get(), other.headers.get("X-Request-Id"));
    }

    @Test
    public void aRequestTheFilterMeetsTwiceKeepsItsFirstId() throws Exception {
        Answer answer = new Answer();
        HttpServletRequest request = request("/api/v1/me", null, Map.of());
        AtomicReference<String> inner = new AtomicReference<>();
        EdgeFilter filter = new EdgeFilter();
        filter.doFilter(request, answer.proxy(), (rq, rs) -> filter.doFilter(rq, rs, (r2, s2) -> inner.set(RequestIds.current())));
        assertEquals(answer.headers.get("X-Request-Id"), inner.get());
    }
}
