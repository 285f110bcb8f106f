package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.client.WebClient;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.resource.ResourceManager;
import org.apache.cxf.transport.local.LocalConduit;
import org.bizhall.rest.internal.auth.AuthenticationFilter;
import org.bizhall.rest.internal.json.Json;
import org.bizhall.rest.internal.edge.RequestClassLoader;
import org.bizhall.rest.internal.json.JsonProvider;
import org.bizhall.rest.internal.problem.ProblemExceptionMapper;
import org.bizhall.rest.internal.problem.UnexpectedExceptionMapper;
import org.bizhall.rest.internal.problem.WebApplicationExceptionMapper;
import org.bizhall.testing.OpenApiContract;

/**
 * Resources served in-process over CXF's local transport with the real JSON, problem and authentication providers,
 * and a client that calls them as a demo user (password = user name) the way a branch system would. Every answer a
 * client gets is checked against the published OpenAPI document ({@link OpenApiContract}): one it does not describe
 * fails the call, and {@link #close()} fails the test if a check failed where the caller did not see it.
 */
final class InProcessApi implements AutoCloseable {
    /** The document the server publishes, read once for every test. */
    static final OpenApiContract CONTRACT = OpenApiContract.fromResource(OpenApiResource.class, OpenApiResource.DOCUMENT);

    private final String address;
    private final Server server;
    private final Bus bus;
    /** Left when the server goes, as the application does: the tests' servers share one bus. */
    private final RequestClassLoader requestClassLoader = new RequestClassLoader();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    InProcessApi(String address, Fakes.Halls halls, List<Object> resources) {
        this.address = address;
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress(address);
        factory.setServiceBeans(resources);
        factory.setProviders(List.of(new JsonProvider(), new ProblemExceptionMapper(),
                new WebApplicationExceptionMapper(), new UnexpectedExceptionMapper(),
                new AuthenticationFilter(halls, Fakes.realm()), requestClassLoader));
        server = factory.create();
        bus = factory.getBus();
    }

    /** The server bus's resource manager, which CXF asks for every request's class loader. */
    ResourceManager resources() {
        return bus.getExtension(ResourceManager.class);
    }

    /** A client authenticated as {@code user}, or anonymous when it is null. */
    WebClient client(String user) {
        WebClient client = WebClient.create(address);
        WebClient.getConfig(client).getRequestContext().put(LocalConduit.DIRECT_DISPATCH, Boolean.TRUE);
        WebClient.getConfig(client).getInInterceptors().add(new ContractCheck());
        WebClient.getConfig(client).getInFaultInterceptors().add(new ContractCheck());
        client.accept(MediaType.APPLICATION_JSON, "application/problem+json");
        if (user != null) {
            client.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return client;
    }

    static JsonNode json(Response response) throws Exception {
        return Json.mapper().readTree(response.readEntity(byte[].class));
    }

    /** Checks the answer is an RFC 7807 problem with this status and code, and returns it. */
    static JsonNode assertProblem(Response response, int status, String code) throws Exception {
        assertEquals(status, response.getStatus());
        assertTrue(String.valueOf(response.getMediaType()),
                response.getMediaType().toString().startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertEquals(problem.toString(), code, problem.get("code").asText());
        assertEquals(status, problem.get("status").asInt());
        return problem;
    }

    @Override
    public void close() {
        server.destroy();
        requestClassLoader.leave();
        if (!violations.isEmpty()) {
            throw new AssertionError("answers not as the OpenAPI document says:\n" + String.join("\n", violations));
        }
    }

    /**
     * Reads each answer's body, checks it against the document, and hands it on unread. A CXF interceptor rather than a
     * JAX-RS client filter: over the in-JVM transport the filter chokes on non-string header values (X-Total-Count).
     */
    private final class ContractCheck extends AbstractPhaseInterceptor<Message> {
        ContractCheck() {
            super(Phase.RECEIVE);
        }

        @Override
        public void handleMessage(Message answer) {
            Message request = answer.getExchange().getOutMessage();
            String method = String.valueOf(request.get(Message.HTTP_REQUEST_METHOD));
            String path = URI.create(String.valueOf(request.get(Message.REQUEST_URI))).getRawPath();
            int status = (Integer) answer.get(Message.RESPONSE_CODE);
            String contentType = (String) answer.get(Message.CONTENT_TYPE);
            byte[] body;
            try (InputStream in = answer.getContent(InputStream.class)) {
                body = in == null ? new byte[0] : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            answer.setContent(InputStream.class, new ByteArrayInputStream(body));
            List<String> wrong = CONTRACT.violations(method, path, status, contentType, body);
            if (!wrong.isEmpty()) {
                violations.addAll(wrong);
                CONTRACT.assertDescribed(method, path, status, contentType, body);
            }
        }
    }
}
