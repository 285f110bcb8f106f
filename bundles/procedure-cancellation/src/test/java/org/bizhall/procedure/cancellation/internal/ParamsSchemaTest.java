package org.bizhall.procedure.cancellation.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.api.procedure.Procedure;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schemas {@code GET /procedures} publishes are strict JSON Schemas naming exactly the params the rules read. */
public class ParamsSchemaTest {
    private static final Map<Procedure, List<String>> PROCEDURES = Map.of(
            new PreCancellation(null, null, null, null), PreCancellation.PARAMS,
            new FormalCancellation(null, null, null, null), FormalCancellation.PARAMS);

    private static JsonNode read(Procedure procedure) throws Exception {
        return new ObjectMapper().readTree(procedure.descriptor().paramsSchema());
    }

    @Test
    public void everySchemaIsAStrictDraft2020ObjectOfTheParamsTheRulesRead() throws Exception {
        for (Map.Entry<Procedure, List<String>> p : PROCEDURES.entrySet()) {
            JsonNode schema = read(p.getKey());
            String id = p.getKey().descriptor().id();
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
            assertEquals("urn:bizhall:procedure:" + id + ":1.0.0:params", schema.path("$id").asText());
            assertEquals(id, "object", schema.path("type").asText());
            assertFalse(id, schema.path("additionalProperties").asBoolean(true));
            Set<String> names = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(names::add);
            assertEquals(id, new TreeSet<>(p.getValue()), names);
            for (String name : names) {
                JsonNode property = schema.path("properties").path(name);
                assertTrue(id + "." + name, property.has("type") && property.has("description"));
                if ("string".equals(property.path("type").asText())) {
                    assertTrue(id + "." + name + " has a maxLength", property.path("maxLength").asInt() > 0);
                }
            }
            assertTrue(id, schema.path("description").asText().contains("HOLDER_MISMATCH"));
        }
    }

    @Test
    public void rules3_preCancellationRequiresTheReasonAndTheRetentionOffer() throws Exception {
        JsonNode schema = read(new PreCancellation(null, null, null, null));
        assertEquals("[\"reason\",\"retentionOffer\"]", schema.path("required").toString());
    }
}
