package org.bizhall.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnEnrolment;
import org.bizhall.api.group.VpmnGroup;
import org.junit.Test;

/** The fake keeps the store's rules (rulebook §6), so procedure tests against it mean what they say. */
public class InMemoryVpmnGroupsTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-27T10:00:00+08:00");
    private final InMemoryVpmnGroups groups = new InMemoryVpmnGroups();

    private VpmnGroup apply(String order, String credit, String number, Set<String> join, Set<String> leave) {
        return groups.apply(new VpmnEnrolment(order, "SN", "SN-XA-001", "公司", credit, "13891800010", number, join,
                leave, AT.toLocalDate()), "bo-sn", AT);
    }

    @Test
    public void rules6_oneGroupPerCompany_oneGroupPerNumber_archiveDueNextMonthAfterThe25th() {
        VpmnGroup g = apply("o-1", "C1", "G1", Set.of("13891800011", "13891800012"), Set.of());
        VpmnGroup changed = apply("o-2", "C1", null, Set.of("13891800013"), Set.of("13891800011"));
        assertEquals(g.id(), changed.id());
        assertEquals("G1", changed.groupNumber());
        assertEquals(2, changed.members().size());
        assertEquals("VPMN_MEMBER_IN_OTHER_GROUP", assertThrows(ProblemException.class,
                () -> apply("o-3", "C2", "G2", Set.of("13891800012"), Set.of())).code());
        assertEquals("VPMN_GROUP_NUMBER_TAKEN", assertThrows(ProblemException.class,
                () -> apply("o-4", "C2", "G1", Set.of("13891800014"), Set.of())).code());
        assertTrue(groups.byCreditCode("SN", "C2").isEmpty());
        assertEquals(LocalDate.of(2026, 12, 25), groups.allArchives().get(0).dueOn());
        assertEquals(2, groups.outstandingArchives("SN", null, true, LocalDate.of(2026, 12, 26), 0, 50).total());
    }

    @Test
    public void aRolledBackTransactionTakesTheGroupBack() {
        DirectTransactions tx = new DirectTransactions().enlist(groups);
        assertThrows(IllegalStateException.class, () -> tx.required(() -> {
            apply("o-1", "C1", "G1", Set.of("13891800011"), Set.of());
            throw new IllegalStateException("the step failed");
        }));
        assertTrue(groups.byCreditCode("SN", "C1").isEmpty());
        assertTrue(groups.allArchives().isEmpty());
    }
}
