package org.bizhall.procedure.general.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schemas {@code GET /procedures} publishes are valid JSON and describe exactly the params the rules read. */
public class ParamsSchemaTest {
    private static final List<Procedure> PROCEDURES = List.of(new Suspend(null, null), new ReportLoss(null, null),
            new Resume(null, null), new SimReplacement(null, null));

    @Test
    public void everySchemaIsADraft2020ObjectNamedAfterItsProcedure() throws Exception {
        List<String> ids = PROCEDURES.stream().map(p -> p.descriptor().id()).toList();
        assertEquals(List.of("suspend", "report-loss", "resume", "sim-replacement"), ids);
        for (Procedure procedure : PROCEDURES) {
            JsonNode schema = read(procedure);
            String id = procedure.descriptor().id();
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
            assertEquals("urn:bizhall:procedure:" + id + ":1.0.0:params", schema.path("$id").asText());
            assertEquals(id, "object", schema.path("type").asText());
            assertTrue(id, schema.path("description").asText().contains("HOLDER_MISMATCH"));
        }
    }

    @Test
    public void theStatusChangesTakeNoParams() throws Exception {
        for (Procedure procedure : PROCEDURES.subList(0, 3)) {
            assertEquals(0, read(procedure).path("properties").size());
            assertEquals(List.of("quote", "execute"), procedure.descriptor().steps());
        }
    }

    @Test
    public void simReplacementDescribesTheIccidTheRulesRead() throws Exception {
        JsonNode schema = read(PROCEDURES.get(3));
        Set<String> described = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(described::add);
        assertEquals(new TreeSet<>(SimReplacement.PARAMS), described);
        assertEquals("iccid", schema.path("required").get(0).asText());
        assertEquals("^89[0-9]{17,18}$", schema.path("properties").path("iccid").path("pattern").asText());
    }

    @Test
    public void aParamNoSchemaNamesIsRefused() {
        for (Procedure procedure : PROCEDURES) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> ParamsSchemaCheck.check(procedure, Map.of("iccid", "89860012345678901234", "note", "x")));
            assertEquals(400, e.status());
            assertEquals("PARAM_INVALID", e.code());
        }
    }

    private static JsonNode read(Procedure procedure) throws Exception {
        return new ObjectMapper().readTree(procedure.descriptor().paramsSchema());
    }

    /** Issue 9: the engine validates params against this schema, so it is strict (every param named, bounded). */
    @Test
    public void theSchemaIsStrict_issue9() {
        for (Procedure procedure : PROCEDURES) {
            assertEquals(procedure.descriptor().id(), List.of(), ParamsSchemaCheck.laxness(procedure));
        }
    }
}
