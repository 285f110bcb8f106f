package org.bizhall.core.internal.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberCommitments;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.DirectTransactions;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryCatalog;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemoryLoyalty;
import org.bizhall.testing.InMemoryNumberPool;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.SettableClock;
import org.junit.Before;
import org.junit.Test;

public class DemoDataLoaderTest {
    /** Every write outside a transaction fails the test. */
    private final DirectTransactions transactions = new DirectTransactions();
    private final InMemoryHallDirectory halls = new InMemoryHallDirectory().beforeWrite(transactions::requireActive);
    private final InMemoryCatalog catalog = new InMemoryCatalog().beforeWrite(transactions::requireActive);
    private final InMemoryNumberPool pool = new InMemoryNumberPool().beforeWrite(transactions::requireActive);
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryLoyalty loyalty = new InMemoryLoyalty(subscribers, new SettableClock());
    private final DemoDataLoader demo = new DemoDataLoader();

    @Before
    public void setUp() {
        demo.halls = halls;
        demo.catalog = catalog;
        demo.pool = pool;
        demo.transactions = transactions;
        demo.accounts = accounts;
        demo.loyalty = loyalty;
        demo.subscribers = subscribers;
    }

    private long prestore(String msisdn) {
        return pool.find(new Msisdn(msisdn)).map(PoolNumber::prestoreFen).orElseThrow();
    }

    /**
     * The pool goes in slices of 1,000 numbers, each committed on its own (a number search made during the load waits
     * for one slice at most), then everything else in one transaction.
     */
    @Test
    public void loadsTheNumbersSliceBySliceThenTheRestInOneTransactionAndReportsTheCounts() {
        assertFalse(demo.loaded());

        Map<String, Long> counts = demo.load();

        assertEquals(Map.of("halls", 3L, "staff", 5L, "products", 5L, "numbers", 20_000L, "subscribers", 5L,
                "gifts", 4L, "subscribersWithPoints", 5L), counts);
        assertEquals(20 + 1, transactions.begun());
        assertTrue(demo.loaded());
    }

    /** A load stopped after part of the pool (no halls yet) is completed by the next one, without duplicates. */
    @Test
    public void aLoadStoppedHalfWayIsCompletedByTheNext() {
        transactions.required(() -> pool.add(DemoSet.numbers(DemoSet.provinces().get(0)).subList(0, 2500)));

        Map<String, Long> counts = demo.load();

        assertEquals(Long.valueOf(20_000L - 2500L), counts.get("numbers"));
        assertEquals(20_000, pool.all().size());
        assertTrue(demo.loaded());
    }

    /** Rulebook §10: the demo has a subscriber free to change its package and one bound by each commitment. */
    @Test
    public void rules10_demoSubscribersCarryEachCommitment() {
        demo.load();
        Map<String, Set<String>> commitments = new java.util.TreeMap<>();
        subscribers.all().forEach(s -> commitments.put(s.msisdn(), s.commitments()));
        assertEquals(Map.of("13891810001", Set.of(),
                "13891810002", Set.of(SubscriberCommitments.AGREEMENT_NUMBER),
                "13891810003", Set.of(SubscriberCommitments.SUBSIDISED_PHONE),
                "13891810004", Set.of(SubscriberCommitments.PREPAID_PROMOTION), "13891810005", Set.of()), commitments);
        for (var s : subscribers.all()) {
            assertEquals("SN", s.province());
            assertEquals("GOTONE-88", s.packageCode());
            assertTrue(s.holder().idNumber(), org.bizhall.api.common.ResidentId.isValid(s.holder().idNumber()));
            assertEquals(DemoSet.subscribers().stream().filter(d -> d.msisdn().equals(s.msisdn())).findFirst()
                    .orElseThrow().depositFen(), accounts.balance(s.accountId()));
            // outside the pool: the demo never offers a number in service
            assertTrue(pool.find(new Msisdn(s.msisdn())).isEmpty());
        }
    }

    /** Rulebook §5: the demo has a personal holder paying by bank collection, whose over-deductions are refunded. */
    @Test
    public void rules5_aPersonalBankCollectionSubscriberWithMoneyOnItsAccount() {
        demo.load();

        Subscriber subscriber = subscribers.find(new Msisdn("13891810005")).orElseThrow();
        assertEquals(SubscriberStatus.ACTIVE, subscriber.status());
        assertEquals(CustomerType.PERSONAL, subscriber.holder().type());
        Account account = accounts.find(subscriber.accountId()).orElseThrow();
        assertEquals(AccountType.BANK_COLLECTION, account.type());
        assertEquals(30000, account.balanceFen());
        assertEquals("the balance is the sum of its ledger", 30000, accounts.posted(account.id(), "DEPOSIT"));
        assertTrue("every other demo subscriber pays real-time prepaid", subscribers.all().stream()
                .filter(s -> !s.msisdn().equals("13891810005"))
                .allMatch(s -> accounts.find(s.accountId()).orElseThrow().type() == AccountType.CASH_PREPAID));
    }

    @Test
    public void hallsHaveTheirProvinceKindsAndChineseNames() {
        demo.load();

        Hall gaoxin = halls.hall("SN-XA-001").orElseThrow();
        assertEquals("SN", gaoxin.province());
        assertEquals(Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), gaoxin.kinds());
        assertFalse(gaoxin.county());
        assertEquals("西安高新营业厅", gaoxin.name());
        assertEquals(Set.of(HallKind.PARTNER), halls.hall("SN-XA-002").orElseThrow().kinds());
        Hall taiyuan = halls.hall("SX-TY-001").orElseThrow();
        assertEquals("SX", taiyuan.province());
        assertEquals(Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED), taiyuan.kinds());
    }

    @Test
    public void staffWorkAtTheirHallsAndActInItsProvince() {
        demo.load();

        assertEquals(Map.of("op-sn", "SN-XA-001", "op-sn2", "SN-XA-002", "mgr-sn", "SN-XA-001", "bo-sn", "SN-XA-001",
                "op-sx", "SX-TY-001"), halls.staffMembers().stream()
                        .collect(java.util.stream.Collectors.toMap(StaffMember::user, StaffMember::hall)));
        Caller opSx = halls.caller("op-sx", Role.OPERATOR).orElseThrow();
        assertEquals("SX", opSx.province());
        assertTrue("admin has no staff record", halls.staff("admin").isEmpty());
    }

    @Test
    public void catalogueHasTheFiveDemoPackages() {
        demo.load();

        assertEquals(List.of(
                new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()),
                new Product("GOTONE-128", "全球通128元套餐", "全球通", 12800, "PACKAGE", List.of()),
                new Product("MZONE-18", "动感地带18元套餐", "动感地带", 1800, "PACKAGE", List.of()),
                new Product("MZONE-38", "动感地带38元套餐", "动感地带", 3800, "PACKAGE", List.of()),
                new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of())), catalog.products());
    }

    @Test
    public void eachProvinceGetsItsFullAvailableNumberBlock() {
        demo.load();

        assertEquals(10_000, pool.count("SN"));
        assertEquals(10_000, pool.count("SX"));
        assertEquals("SN", pool.find(new Msisdn("13891800000")).orElseThrow().province());
        assertEquals("SN", pool.find(new Msisdn("13891809999")).orElseThrow().province());
        assertEquals("SX", pool.find(new Msisdn("13935100000")).orElseThrow().province());
        assertEquals("SX", pool.find(new Msisdn("13935109999")).orElseThrow().province());
        assertTrue(pool.find(new Msisdn("13891810000")).isEmpty());
        assertTrue(pool.all().stream().allMatch(n -> n.status() == NumberStatus.AVAILABLE));
    }

    @Test
    public void luckyNumbersCarryPrestore_8888is200Yuan_888is100Yuan_88is50Yuan() {
        demo.load();

        assertEquals(20000, prestore("13891808888"));
        assertEquals(10000, prestore("13891800888"));
        assertEquals(10000, prestore("13935107888"));
        assertEquals(5000, prestore("13891800088"));
        assertEquals(5000, prestore("13935101288"));
        assertEquals(0, prestore("13891800089"));
        assertEquals(0, prestore("13891808880"));
        // per block: 1 × 8888, 9 × x888, 90 × xx88
        assertEquals(1, pool.all().stream().filter(n -> n.province().equals("SN") && n.prestoreFen() == 20000).count());
        assertEquals(9, pool.all().stream().filter(n -> n.province().equals("SN") && n.prestoreFen() == 10000).count());
        assertEquals(90, pool.all().stream().filter(n -> n.province().equals("SN") && n.prestoreFen() == 5000).count());
    }

    @Test
    public void giftsAreTheContractsWithTheirPointsAndStock_rules8() {
        demo.load();
        assertEquals(List.of("POWER-BANK", "THERMOS", "TOP-UP-50", "UMBRELLA"),
                loyalty.gifts(0, 50).items().stream().map(Gift::code).toList());
        assertEquals(new Gift("UMBRELLA", "雨伞", 500, 50, 0), loyalty.gift("UMBRELLA").orElseThrow());
        assertEquals(2000, loyalty.gift("POWER-BANK").orElseThrow().points());
        assertEquals(10, loyalty.gift("POWER-BANK").orElseThrow().stock());
        assertEquals(5000, loyalty.gift("TOP-UP-50").orElseThrow().creditFen());
        assertEquals(100, loyalty.gift("TOP-UP-50").orElseThrow().stock());
        assertEquals(0, loyalty.gift("THERMOS").orElseThrow().stock());
    }

    @Test
    public void demoSubscribersStartWithDemoPoints() {
        demo.load();
        for (String msisdn : List.of("13891810001", "13891810002", "13891810003", "13891810004", "13891810005")) {
            assertEquals(msisdn, 6000, loyalty.balance(msisdn));
            assertEquals("ADJUST", loyalty.all(msisdn).get(0).kind());
            assertEquals("demo", loyalty.all(msisdn).get(0).by());
        }
    }

    @Test
    public void refusesAStoreThatAlreadyHasHalls() {
        demo.load();
        int numbersBefore = pool.all().size();

        ProblemException e = assertThrows(ProblemException.class, demo::load);
        assertEquals(409, e.status());
        assertEquals("STORE_NOT_EMPTY", e.code());
        assertEquals(numbersBefore, pool.all().size());
    }

    @Test
    public void loadOnStartLeavesAFilledStoreAlone() {
        transactions.required(() -> {
            halls.saveHall(new Hall("SN-XA-009", "other", "SN", Set.of(HallKind.PARTNER), false));
            return null;
        });
        int transactionsBefore = transactions.begun();

        assertEquals(DemoDataLoader.LoadOutcome.STORE_NOT_EMPTY, demo.loadIfEmpty());

        assertEquals(1, halls.halls().size());
        assertTrue(pool.all().isEmpty());
        // no transaction to refuse in: a refused one is rolled back, which Karaf's log shows as a warning at every boot
        assertEquals(transactionsBefore, transactions.begun());
    }

    /** The bench spreads payments over many halls: benchHalls adds self-owned SN halls, one operator at each. */
    @Test
    public void benchHallsAddSelfOwnedShaanxiHallsWithAnOperatorEach() {
        demo.benchHalls = 3;

        Map<String, Long> counts = demo.load();

        assertEquals(Long.valueOf(6), counts.get("halls"));
        assertEquals(Long.valueOf(8), counts.get("staff"));
        Hall third = halls.hall("SN-BENCH-03").orElseThrow();
        assertEquals("SN", third.province());
        assertEquals(Set.of(HallKind.SELF_OWNED), third.kinds());
        assertEquals("SN-BENCH-02", halls.staff("bench-02").orElseThrow().hall());
        Caller bench = halls.caller("bench-01", Role.OPERATOR).orElseThrow();
        assertEquals("SN", bench.province());
        assertEquals("SN-BENCH-01", bench.hall());
        assertTrue(halls.staff("bench-04").isEmpty());
    }

    /**
     * Two nodes sharing one database start together on an empty store: both find it empty, the other commits first
     * and this node's load meets its keys. The load gives way quietly (no error at a start) and the store keeps the
     * other node's data: its halls, and one demo pool (the numbers go in slices that skip what is there, so which node
     * wrote a slice does not matter).
     */
    @Test
    public void aLoadThatLosesTheRaceToAnotherNodeGivesWay() {
        InMemoryHallDirectory[] shared = new InMemoryHallDirectory[1];
        boolean[] otherNodeFirst = {true};
        shared[0] = new InMemoryHallDirectory().beforeWrite(() -> {
            if (otherNodeFirst[0]) {
                otherNodeFirst[0] = false;
                DemoSet.halls().forEach(shared[0]::saveHall);
                throw new IllegalStateException("duplicate key value violates unique constraint \"halls_pkey\"");
            }
        });
        demo.halls = shared[0];

        assertEquals(DemoDataLoader.LoadOutcome.LOADED_BY_ANOTHER_NODE, demo.loadIfEmpty());

        assertTrue(demo.loaded());
        assertEquals(DemoSet.halls().size(), shared[0].halls().size());
        assertEquals("one demo pool", 20_000, pool.all().size());
    }

    /**
     * A first start's own jobs (the month's billing run) hold a lock the load needs past the store's wait, and the
     * store refuses the load as busy: it is tried again until it goes through (in the suite the load gave up at the
     * first refusal and the demo users had no hall for the rest of the run).
     */
    @Test
    public void aLoadTheStoreRefusesAsBusyIsTriedAgainUntilItGoesThrough() {
        int[] refusals = {2};
        demo.halls = new InMemoryHallDirectory().beforeWrite(() -> {
            if (refusals[0] > 0) {
                refusals[0]--;
                throw ProblemException.storeBusy("the store could not take a lock in time");
            }
        });
        demo.busyPause = java.time.Duration.ofMillis(1);

        assertEquals(DemoDataLoader.LoadOutcome.LOADED, demo.loadIfEmpty());

        assertTrue(demo.loaded());
        assertEquals(0, refusals[0]);
        assertEquals("the numbers committed before a refusal are not added twice", 20_000, pool.all().size());
    }

    @Test
    public void aStoreThatStaysBusyFailsTheLoadAfterItsTries() {
        int[] refusals = {0};
        demo.halls = new InMemoryHallDirectory().beforeWrite(() -> {
            refusals[0]++;
            throw ProblemException.storeBusy("the store could not take a lock in time");
        });
        demo.busyPause = java.time.Duration.ofMillis(1);

        assertEquals(DemoDataLoader.LoadOutcome.FAILED, demo.loadIfEmpty());
        assertEquals(DemoDataLoader.BUSY_ATTEMPTS, refusals[0]);
    }

    /**
     * The node stops while a first start loads the demo (the store closes under the load): the load ends without an
     * error in the log, and the next start completes it (above).
     */
    @Test
    public void aLoadCutShortByTheNodeStoppingIsNotAnError() {
        InMemoryNumberPool closing = new InMemoryNumberPool().beforeWrite(() -> {
            demo.deactivate();
            throw new IllegalStateException("Derby system shutdown");
        });
        demo.pool = closing;

        assertEquals(DemoDataLoader.LoadOutcome.STOPPED, demo.loadIfEmpty());
        assertFalse(demo.loaded());
    }
}
