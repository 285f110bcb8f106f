package org.bizhall.procedure.password.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.api.procedure.Procedure;
import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The schemas {@code GET /procedures} publishes name exactly the params the rules read and mark every password
 * write-only, which is what makes the engine show them as *** and erase them from stored orders.
 */
public class ParamsSchemaTest {
    private static final Map<Procedure, Set<String>> PARAMS = Map.of(
            new PasswordChange(null, null, null), Set.of(PasswordRules.OLD_PASSWORD, PasswordRules.NEW_PASSWORD),
            new PasswordReset(null, null, null), Set.of(PasswordRules.NEW_PASSWORD));

    @Test
    public void everyPasswordParamIsWriteOnlyAndRequired() throws Exception {
        for (var entry : PARAMS.entrySet()) {
            Procedure procedure = entry.getKey();
            String id = procedure.descriptor().id();
            JsonNode schema = new ObjectMapper().readTree(procedure.descriptor().paramsSchema());
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
            assertEquals("urn:bizhall:procedure:" + id + ":1.0.0:params", schema.path("$id").asText());
            Set<String> described = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(described::add);
            assertEquals(id, new TreeSet<>(entry.getValue()), described);
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            assertEquals(id, described, required);
            for (String name : described) {
                assertTrue(id + " " + name, schema.path("properties").path(name).path("writeOnly").asBoolean());
            }
            assertEquals("^[0-9]{6}$", schema.path("properties").path("newPassword").path("pattern").asText());
            assertEquals(List.of("quote", "execute"), procedure.descriptor().steps());
            assertTrue(id, schema.path("description").asText().contains("PASSWORD"));
        }
    }

    /** Issue 9: the engine validates params against this schema, so it is strict (every param named, bounded). */
    @Test
    public void theSchemaIsStrict_issue9() {
        for (Procedure procedure : List.<Procedure>of(new PasswordChange(null, null, null), new PasswordReset(null, null, null))) {
            assertEquals(procedure.descriptor().id(), List.of(), ParamsSchemaCheck.laxness(procedure));
        }
    }
}
