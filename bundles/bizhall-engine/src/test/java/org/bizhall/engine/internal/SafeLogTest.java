package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import org.junit.Test;

/** What the engine logs of a failure keeps classes and frames, drops messages, and keeps the cause chain. */
public class SafeLogTest {
    @Test
    public void aFailureWithACauseIsScrubbedWithoutItsMessagesAndKeepsItsCauses() {
        RuntimeException failure = new IllegalStateException("holder 张三 11010519491231002X",
                new IllegalArgumentException("name 张三"));
        Throwable scrubbed = SafeLog.scrubbed(failure);
        assertEquals(IllegalStateException.class.getName(), scrubbed.toString());
        assertEquals(IllegalArgumentException.class.getName(), scrubbed.getCause().toString());
        assertFalse(String.valueOf(scrubbed.getMessage()).contains("张三"));
        assertFalse(String.valueOf(scrubbed.getCause().getMessage()).contains("张三"));
    }
}
