package org.bizhall.procedure.transfer.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The schema {@code GET /procedures} publishes for ownership-transfer is strict and names exactly the params read. */
public class ParamsSchemaTest {
    private final OwnershipTransfer procedure = new OwnershipTransfer(null, null, null, null);

    @Test
    public void theSchemaDescribesTheParamsTheRulesRead() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(procedure.descriptor().paramsSchema());
        assertEquals("urn:bizhall:procedure:ownership-transfer:1.0.0:params", schema.path("$id").asText());
        Set<String> described = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(described::add);
        assertEquals(new TreeSet<>(OwnershipTransfer.PARAMS), described);
        assertEquals(List.of("quote", "payment", "execute"), procedure.descriptor().steps());
    }

    @Test
    public void theSchemaIsStrict() {
        assertEquals(List.of(), ParamsSchemaCheck.laxness(procedure));
    }
}
