package org.bizhall.procedure.opening.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.service.AccountType;
import org.bizhall.testing.ParamsSchemaCheck;
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
            return new ObjectMapper().readTree(new AccountOpening(null, null, null, null, null, null).descriptor().paramsSchema());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issue 9: the engine validates params against this schema, so it is strict (every param named, bounded). */
    @Test
    public void theSchemaIsStrict_issue9() {
        for (Procedure procedure : List.<Procedure>of(new AccountOpening(null, null, null, null, null, null))) {
            assertEquals(procedure.descriptor().id(), List.of(), ParamsSchemaCheck.laxness(procedure));
        }
    }

    @Test
    public void aParamTheSchemaDoesNotNameIsRefusedAsTheEngineWould_issue9() {
        ProblemException e = assertThrows(ProblemException.class, () -> ParamsSchemaCheck.check(
                new AccountOpening(null, null, null, null, null, null), java.util.Map.of("package", "GOTONE-88", "crashInExecute", true)));
        assertEquals(400, e.status());
        assertEquals("PARAM_INVALID", e.code());
    }
}
