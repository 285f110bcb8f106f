package org.bizhall.procedure.keepnumber.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.testing.ParamsSchemaCheck;
import org.junit.Test;

/** The schema {@code GET /procedures} publishes is strict and the descriptor lists the steps the engine honours. */
public class ParamsSchemaTest {
    private final KeepNumberSuspension procedure = new KeepNumberSuspension(null, null, null, null);

    @Test
    public void theSchemaIsStrictAndTheDescriptorComplete_issue9() {
        assertEquals(List.of(), ParamsSchemaCheck.laxness(procedure));
        assertEquals(List.of(DocumentKind.HOLDER_ID), procedure.descriptor().documents());
        assertEquals(List.of("quote", "payment", "execute", "date", "cancel"), procedure.descriptor().steps());
        assertEquals("keep-number-suspension", procedure.descriptor().id());
    }
}
