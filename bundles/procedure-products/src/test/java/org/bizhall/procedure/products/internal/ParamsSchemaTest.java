package org.bizhall.procedure.products.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.api.procedure.Procedure;
import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schemas {@code GET /procedures} publishes are strict and name exactly the params the rules read. */
public class ParamsSchemaTest {
    private static final Map<Procedure, List<String>> PARAMS = Map.of(
            new PackageChange(null, null, null), PackageChange.PARAMS,
            new RoamingChange(null, null, null), RoamingChange.PARAMS,
            new LongDistanceChange(null, null), LongDistanceChange.PARAMS);

    @Test
    public void everySchemaNamesTheParamsTheRulesReadAndIsStrict() throws Exception {
        for (var entry : PARAMS.entrySet()) {
            Procedure procedure = entry.getKey();
            String id = procedure.descriptor().id();
            JsonNode schema = new ObjectMapper().readTree(procedure.descriptor().paramsSchema());
            assertEquals("urn:bizhall:procedure:" + id + ":1.0.0:params", schema.path("$id").asText());
            Set<String> described = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(described::add);
            assertEquals(id, new TreeSet<>(entry.getValue()), described);
            assertEquals(id, List.of(), ParamsSchemaCheck.laxness(procedure));
            for (JsonNode example : schema.path("examples")) {
                ParamsSchemaCheck.check(procedure, new ObjectMapper().convertValue(example, Map.class));
            }
        }
    }
}
