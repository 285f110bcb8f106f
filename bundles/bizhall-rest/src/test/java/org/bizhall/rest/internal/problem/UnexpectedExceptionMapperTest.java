package org.bizhall.rest.internal.problem;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import javax.ws.rs.ProcessingException;

import org.eclipse.jetty.io.EofException;
import org.junit.Test;

public class UnexpectedExceptionMapperTest {
    @Test
    public void aClientHangingUpIsNotAnIncident() {
        assertTrue(UnexpectedExceptionMapper.clientWentAway(new ProcessingException(new EofException("early EOF"))));
        assertTrue(UnexpectedExceptionMapper.clientWentAway(new IOException("Broken pipe")));
        assertEquals(400, new UnexpectedExceptionMapper().toResponse(new ProcessingException(new EofException("eof")))
                .getStatus());
    }

    @Test
    public void aServerFaultStillIs() {
        assertFalse(UnexpectedExceptionMapper.clientWentAway(new IllegalStateException("boom")));
        assertFalse(UnexpectedExceptionMapper.clientWentAway(new IOException("disk full")));
        assertEquals(500, new UnexpectedExceptionMapper().toResponse(new IllegalStateException("boom")).getStatus());
    }

    /** A lock timeout or deadlock that reached the edge unwrapped is the store being busy, not an incident. */
    @Test
    public void aTransactionRolledBackOverALockIsStoreBusy() {
        javax.ws.rs.core.Response derby = new UnexpectedExceptionMapper().toResponse(new RuntimeException("commit failed",
                new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1")));
        assertEquals(503, derby.getStatus());
        assertTrue(String.valueOf(derby.getEntity()).contains("STORE_BUSY"));
        assertEquals(503, new UnexpectedExceptionMapper().toResponse(new RuntimeException(
                new java.sql.SQLException("canceling statement due to lock timeout", "55P03"))).getStatus());
        assertEquals(500, new UnexpectedExceptionMapper().toResponse(new RuntimeException(
                new java.sql.SQLException("connection refused", "08001"))).getStatus());
    }
}
