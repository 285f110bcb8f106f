package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;

public class RequestIdsTest {
    @Test
    public void aNewIdIsARandomVersion4UuidAndNoTwoAreAlike() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.accept(null);
            UUID parsed = UUID.fromString(id);
            assertEquals(id, 4, parsed.version());
            assertEquals(id, 2, parsed.variant());
            assertTrue("ids repeat", seen.add(id));
        }
    }

    @Test
    public void aClientsSaneIdIsKeptAndAnotherReplaced() {
        assertEquals("branch-42.call:7", RequestIds.accept("branch-42.call:7"));
        assertEquals(4, UUID.fromString(RequestIds.accept("bad id with spaces")).version());
    }
}
