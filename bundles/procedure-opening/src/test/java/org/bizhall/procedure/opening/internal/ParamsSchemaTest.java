package org.bizhall.procedure.opening.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.service.AccountType;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schema that {@code GET /procedures} publishes is valid JSON and describes exactly the params the rules read. */
public class ParamsSchemaTest {
    private final JsonNode schema = read();

    @Test
    public void schemaIsADraft2020ObjectRequiringThePackage() {
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals("object", schema.path("type").asText());
        assertEquals(List.of("package"), List.of(schema.path("required").get(0).asText()));
        assertEquals(1, schema.path("required").size());
    }

    @Test
    public void schemaDescribesEveryParamTheRulesRead() {
        Set<String> described = new HashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(described::add);
        assertEquals(OpeningParams.NAMES, described);
    }

    @Test
    public void accountTypesAreTheApiOnes() {
        Set<String> listed = new HashSet<>();
        schema.path("properties").path("accountType").path("enum").forEach(n -> listed.add(n.asText()));
        Set<String> expected = new HashSet<>();
        Arrays.stream(AccountType.values()).forEach(t -> expected.add(t.name()));
        assertEquals(expected, listed);
        assertEquals("CASH_PREPAID", schema.path("properties").path("accountType").path("default").asText());
    }

    @Test
    public void servicePasswordIsSixDigits() {
        assertEquals("^[0-9]{6}$", schema.path("properties").path("servicePassword").path("pattern").asText());
        assertTrue(schema.path("properties").path("servicePassword").path("writeOnly").asBoolean());
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(new AccountOpening(null, null, null, null, null).descriptor().paramsSchema());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
