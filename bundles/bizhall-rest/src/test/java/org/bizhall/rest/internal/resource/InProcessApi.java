package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.client.WebClient;
import org.apache.cxf.transport.local.LocalConduit;
import org.bizhall.rest.internal.auth.AuthenticationFilter;
import org.bizhall.rest.internal.json.Json;
import org.bizhall.rest.internal.json.JsonProvider;
import org.bizhall.rest.internal.problem.ProblemExceptionMapper;
import org.bizhall.rest.internal.problem.UnexpectedExceptionMapper;
import org.bizhall.rest.internal.problem.WebApplicationExceptionMapper;

/**
 * Resources served in-process over CXF's local transport with the real JSON, problem and authentication providers,
 * and a client that calls them as a demo user (password = user name) the way a branch system would.
 */
final class InProcessApi implements AutoCloseable {
    private final String address;
    private final Server server;

    InProcessApi(String address, Fakes.Halls halls, List<Object> resources) {
        this.address = address;
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setAddress(address);
        factory.setServiceBeans(resources);
        factory.setProviders(List.of(new JsonProvider(), new ProblemExceptionMapper(),
                new WebApplicationExceptionMapper(), new UnexpectedExceptionMapper(),
                new AuthenticationFilter(halls, Fakes.realm())));
        server = factory.create();
    }

    /** A client authenticated as {@code user}, or anonymous when it is null. */
    WebClient client(String user) {
        WebClient client = WebClient.create(address);
        WebClient.getConfig(client).getRequestContext().put(LocalConduit.DIRECT_DISPATCH, Boolean.TRUE);
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
    }
}
