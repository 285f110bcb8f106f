package org.bizhall.rest.internal.problem;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.json.Json;
import org.junit.Test;

public class ProblemJsonTest {
    private static JsonNode json(Response response) throws Exception {
        return Json.mapper().readTree(Json.write(response.getEntity()));
    }

    @Test
    public void refusalBecomesRfc7807ProblemWithCodeAndField() throws Exception {
        Response response = new ProblemExceptionMapper().toResponse(
                ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "the deposit must be at least 200.00 yuan", "depositFen"));
        assertEquals(422, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        JsonNode problem = json(response);
        List<String> names = new ArrayList<>();
        problem.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("type", "title", "status", "code", "detail", "field"), names);
        assertEquals("urn:bizhall:problem:TRANSFER_DEPOSIT_TOO_LOW", problem.get("type").asText());
        assertEquals("Unprocessable Entity", problem.get("title").asText());
        assertEquals(422, problem.get("status").asInt());
        assertEquals("TRANSFER_DEPOSIT_TOO_LOW", problem.get("code").asText());
        assertEquals("the deposit must be at least 200.00 yuan", problem.get("detail").asText());
        assertEquals("depositFen", problem.get("field").asText());
    }

    @Test
    public void problemWithoutFieldSaysNull() throws Exception {
        JsonNode problem = json(new ProblemExceptionMapper().toResponse(
                ProblemException.conflict("NUMBER_RESERVED", "the number is reserved")));
        assertEquals(409, problem.get("status").asInt());
        assertTrue(problem.get("field").isNull());
    }

    @Test
    public void unauthenticatedCarriesTheBasicChallenge() {
        Response response = new ProblemExceptionMapper().toResponse(
                new ProblemException(401, "UNAUTHENTICATED", "credentials are required", null));
        assertEquals("Basic realm=\"bizhall\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    public void unknownPathIsNotFoundProblem() throws Exception {
        Response response = new WebApplicationExceptionMapper().toResponse(new NotFoundException());
        assertEquals(404, response.getStatus());
        assertEquals("NOT_FOUND", json(response).get("code").asText());
        assertEquals("application/problem+json", response.getMediaType().toString());
    }

    @Test
    public void wrongMethodIsMethodNotAllowedAndKeepsAllow() throws Exception {
        Response response = new WebApplicationExceptionMapper().toResponse(
                new NotAllowedException("GET", new String[] {"POST"}));
        assertEquals(405, response.getStatus());
        assertEquals("METHOD_NOT_ALLOWED", json(response).get("code").asText());
        assertTrue(response.getHeaderString(HttpHeaders.ALLOW).contains("POST"));
    }

    @Test
    public void readerRefusalRidingAWebApplicationExceptionKeepsItsProblem() throws Exception {
        ProblemException cause = ProblemException.badRequest("JSON_INVALID", "customer.idType must be one of", "customer.idType");
        Response response = new WebApplicationExceptionMapper().toResponse(
                new javax.ws.rs.WebApplicationException("x", cause, 400));
        JsonNode problem = json(response);
        assertEquals("JSON_INVALID", problem.get("code").asText());
        assertEquals("customer.idType", problem.get("field").asText());
    }

    @Test
    public void unexpectedFailureIsInternalErrorWithoutItsMessage() throws Exception {
        Response response = new UnexpectedExceptionMapper().toResponse(
                new IllegalStateException("holder 张三 11010519491231002X broke it"));
        assertEquals(500, response.getStatus());
        JsonNode problem = json(response);
        assertEquals("INTERNAL_ERROR", problem.get("code").asText());
        String text = problem.toString();
        assertFalse(text, text.contains("张三"));
        assertFalse(text, text.contains("11010519491231002X"));
        assertFalse(text, text.contains("IllegalStateException"));
        assertNull(Problems.find(new IllegalStateException()));
    }

    @Test
    public void wrappedRefusalIsAnsweredAsTheRefusal() throws Exception {
        Response response = new UnexpectedExceptionMapper().toResponse(new RuntimeException("tx",
                ProblemException.notFound("ORDER_NOT_FOUND", "no such order")));
        assertEquals(404, response.getStatus());
        assertEquals("ORDER_NOT_FOUND", json(response).get("code").asText());
    }
}
