package org.bizhall.procedure.bills.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The schemas {@code GET /procedures} publishes are valid, strict, and the descriptors announce the holder's ID. */
public class ParamsSchemaTest {
    private static final List<Procedure> PROCEDURES = List.of(new ItemizedBill(null, null, null, null),
            new InvoiceReprint(null, null, null));

    @Test
    public void theSchemasAreStrictAndNamedAfterTheirProcedures_issue9() throws Exception {
        for (Procedure procedure : PROCEDURES) {
            String id = procedure.descriptor().id();
            var schema = new ObjectMapper().readTree(procedure.descriptor().paramsSchema());
            assertEquals("urn:bizhall:procedure:" + id + ":1.0.0:params", schema.path("$id").asText());
            assertTrue(id, schema.path("description").asText().contains("HOLDER_MISMATCH"));
            assertEquals(id, List.of(), ParamsSchemaCheck.laxness(procedure));
            assertEquals(id, List.of(DocumentKind.HOLDER_ID), procedure.descriptor().documents());
            assertEquals(List.of("quote", "execute"), procedure.descriptor().steps());
        }
        assertEquals(List.of("itemized-bill", "invoice-reprint"), PROCEDURES.stream().map(p -> p.descriptor().id()).toList());
    }
}
