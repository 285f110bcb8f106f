package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnArchive;
import org.bizhall.api.group.VpmnEnrolment;
import org.bizhall.api.group.VpmnGroup;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Rulebook §6 in the store: one group per company, a number in one group, archives due by the 25th and received once. */
public class VpmnGroupServiceTest {
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");
    private static TestDatabase db;

    @BeforeClass
    public static void start() throws Exception {
        db = new TestDatabase();
    }

    @AfterClass
    public static void stop() {
        db.close();
    }

    private static String code() {
        return "CC" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    private static VpmnEnrolment enrolment(String order, String credit, String number, Set<String> join,
            Set<String> leave, LocalDate approvedOn) {
        return new VpmnEnrolment(order, "SN", "SN-XA-001", "西安某某科技有限公司", credit, "13891800010", number, join,
                leave, approvedOn);
    }

    @Test
    public void rules6_aCompanyHasOneGroup_changedByLaterEnrolments() {
        String credit = code();
        VpmnGroup created = db.vpmn.apply(enrolment("g-1", credit, "G-1", Set.of("13891801001", "13891801002"),
                Set.of(), LocalDate.of(2026, 11, 5)), "bo-sn", AT);
        assertEquals("G-1", created.groupNumber());
        assertEquals("西安某某科技有限公司", created.companyName());
        assertEquals(List.of("13891801001", "13891801002"), created.members().stream().map(m -> m.msisdn()).toList());

        VpmnGroup changed = db.vpmn.apply(enrolment("g-2", credit, "IGNORED", Set.of("13891801003"),
                Set.of("13891801001"), LocalDate.of(2026, 11, 6)), "bo-sn", AT.plusDays(1));
        assertEquals(created.id(), changed.id());
        assertEquals("G-1", changed.groupNumber());
        assertEquals(List.of("13891801002", "13891801003"), changed.members().stream().map(m -> m.msisdn()).toList());
        assertEquals(changed, db.vpmn.find(created.id()).orElseThrow());
        assertEquals(created.id(), db.vpmn.byCreditCode("SN", credit).orElseThrow().id());
        assertEquals(created.id(), db.vpmn.byMember("13891801003").orElseThrow().id());
        assertTrue(db.vpmn.byMember("13891801001").isEmpty());
        assertTrue(db.vpmn.byCreditCode("SX", credit).isEmpty());
        assertEquals(1, db.vpmn.list("SN", credit, null, 0, 50).total());
        assertEquals(created.id(), db.vpmn.list("SN", null, "13891801002", 0, 50).items().get(0).id());
        assertFalse(db.audit.forOrder("g-2").isEmpty());
    }

    @Test
    public void rules6_aNumberIsInOneGroup_andGroupNumbersAreUniqueInTheProvince() {
        db.vpmn.apply(enrolment("g-3", code(), "G-3", Set.of("13891802001"), Set.of(), LocalDate.of(2026, 11, 5)),
                "bo-sn", AT);
        String other = code();
        ProblemException taken = assertThrows(ProblemException.class, () -> db.vpmn.apply(enrolment("g-4", other,
                "G-4", Set.of("13891802001"), Set.of(), LocalDate.of(2026, 11, 5)), "bo-sn", AT));
        assertEquals("VPMN_MEMBER_IN_OTHER_GROUP", taken.code());
        ProblemException number = assertThrows(ProblemException.class, () -> db.vpmn.apply(enrolment("g-5", other,
                "G-3", Set.of("13891802002"), Set.of(), LocalDate.of(2026, 11, 5)), "bo-sn", AT));
        assertEquals("VPMN_GROUP_NUMBER_TAKEN", number.code());
        assertTrue(db.vpmn.byCreditCode("SN", other).isEmpty()); // refused: nothing stored
    }

    @Test
    public void rules6_archivesDueBy25th_lateAfterIt_receivedOnce() {
        String credit = code();
        db.vpmn.apply(enrolment("g-6", credit, "G-6", Set.of("13891803001"), Set.of(), LocalDate.of(2026, 10, 27)),
                "bo-sn", AT);
        db.vpmn.apply(enrolment("g-7", credit, null, Set.of("13891803002"), Set.of(), LocalDate.of(2026, 11, 20)),
                "bo-sn", AT);
        List<VpmnArchive> all = db.vpmn.outstandingArchives("SN", null, false, LocalDate.of(2026, 11, 20), 0, 500)
                .items().stream().filter(a -> a.orderId().startsWith("g-6") || a.orderId().startsWith("g-7")).toList();
        assertEquals(2, all.size());
        assertEquals(LocalDate.of(2026, 11, 25), all.get(0).dueOn()); // approved 27 Oct: next month's 25th
        assertEquals(LocalDate.of(2026, 11, 25), all.get(1).dueOn());

        List<String> late = db.vpmn.outstandingArchives("SN", null, true, LocalDate.of(2026, 11, 26), 0, 500).items()
                .stream().map(VpmnArchive::orderId).toList();
        assertTrue(late.containsAll(List.of("g-6", "g-7")));
        assertFalse(db.vpmn.outstandingArchives("SN", null, true, LocalDate.of(2026, 11, 25), 0, 500).items()
                .stream().anyMatch(a -> a.orderId().equals("g-6")));
        assertTrue(db.vpmn.outstandingArchives("SN", LocalDate.of(2026, 11, 25), false, LocalDate.of(2026, 11, 1), 0,
                500).items().stream().anyMatch(a -> a.orderId().equals("g-7")));
        assertFalse(db.vpmn.outstandingArchives("SN", LocalDate.of(2026, 11, 24), false, LocalDate.of(2026, 11, 1), 0,
                500).items().stream().anyMatch(a -> a.orderId().equals("g-7")));

        VpmnArchive received = db.vpmn.archiveReceived(all.get(0).id(), "bo-sn", AT.plusDays(20));
        assertEquals("bo-sn", received.receivedBy());
        assertEquals(AT.plusDays(20).toInstant(), received.receivedAt().toInstant());
        assertFalse(db.vpmn.outstandingArchives("SN", null, false, LocalDate.of(2026, 11, 26), 0, 500).items()
                .stream().anyMatch(a -> a.id().equals(received.id())));
        assertEquals("VPMN_ARCHIVE_RECEIVED", assertThrows(ProblemException.class,
                () -> db.vpmn.archiveReceived(received.id(), "bo-sn", AT)).code());
        assertEquals("VPMN_ARCHIVE_NOT_FOUND", assertThrows(ProblemException.class,
                () -> db.vpmn.archiveReceived("none", "bo-sn", AT)).code());
    }

    @Test
    public void rules6_twoEnrolmentsOfOneCompanyApprovedAtOnceEndInOneGroup() throws Exception {
        String credit = code();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<VpmnGroup>> offices = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String member = "1389180400" + i;
            String order = "race-" + credit + "-" + i;
            String number = "R-" + credit.substring(2, 10) + i;
            offices.add(() -> db.vpmn.apply(enrolment(order, credit, number,
                    Set.of(member), Set.of(), LocalDate.of(2026, 11, 5)), "bo-sn", AT));
        }
        int applied = 0;
        try {
            for (Future<VpmnGroup> f : pool.invokeAll(offices)) {
                try {
                    f.get();
                    applied++;
                } catch (ExecutionException e) {
                    // a racing creation is refused 409 and is confirmed again by the office
                    assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof ProblemException p
                            && p.status() == 409);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(applied >= 1);
        assertEquals(1, db.vpmn.list("SN", credit, null, 0, 50).total());
        VpmnGroup group = db.vpmn.byCreditCode("SN", credit).orElseThrow();
        assertEquals(applied, group.members().size()); // each applied enrolment, and only those, added its member
    }
}
