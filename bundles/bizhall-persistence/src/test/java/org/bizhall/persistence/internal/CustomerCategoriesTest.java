package org.bizhall.persistence.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.CustomerCategorySetting;
import org.bizhall.api.service.NewSubscriber;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Customer categories (rulebook §14): per customer and province, shown on every subscriber of the customer. */
public class CustomerCategoriesTest {
    private static final String ZHANG = "11010519491231002X";
    private static final String LI = "61010219800101123" + ResidentId.checkCharacter("61010219800101123");
    private static final Caller MGR_SN = new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN", Set.of());
    private static final Caller BO_SN = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of());
    private static final Caller OP_SN = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN", Set.of());
    private static final Caller MGR_SX = new Caller("mgr-sx", Role.MANAGER, "SX-TY-001", "SX", Set.of());

    private TestDatabase db;

    @Before
    public void start() throws Exception {
        db = new TestDatabase();
    }

    @After
    public void stop() {
        db.close();
    }

    private void register(String msisdn, String province, String idNumber) {
        db.subscribers.register(new NewSubscriber(msisdn, province, province + "-XA-001",
                new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, idNumber, null), "GOTONE-88", List.of(), 1L,
                null, "order-" + msisdn));
    }

    private Set<String> categoriesOf(String msisdn) {
        return db.subscribers.find(new Msisdn(msisdn)).orElseThrow().categories();
    }

    private static void refused(int status, String code, Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(e.detail(), code, e.code());
        assertEquals(status, e.status());
    }

    @Test
    public void rules14_categoriesSetForACustomerShowOnEverySubscriberOfTheCustomerInTheProvince() {
        register("13891800001", "SN", ZHANG);
        register("13891800002", "SN", ZHANG);
        register("13891800003", "SN", LI);
        register("13591800001", "SX", ZHANG);
        CustomerCategorySetting set = db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, Set.of("BLACKLIST", "VIP"), "大客户，另有欠费");
        assertEquals("ALL order", List.of("VIP", "BLACKLIST"), set.categories());
        assertEquals(2, set.subscribers());
        assertEquals("**************002X", set.idNumber());
        assertEquals("mgr-sn", set.changedBy());
        assertEquals(Set.of("VIP", "BLACKLIST"), categoriesOf("13891800001"));
        assertEquals(Set.of("VIP", "BLACKLIST"), categoriesOf("13891800002"));
        assertEquals("another customer", Set.of("NORMAL"), categoriesOf("13891800003"));
        assertEquals("another province", Set.of("NORMAL"), categoriesOf("13591800001"));
        assertEquals(Set.of("VIP", "BLACKLIST"), db.categories.of("SN", IdType.ID_CARD, ZHANG));
        assertEquals(Set.of("NORMAL"), db.categories.of("SX", IdType.ID_CARD, ZHANG));
    }

    /**
     * Rulebook §14 at a submission: the engine (the order's priority) and the procedure (the blacklist) both ask for the
     * customer's categories in one transaction; the second answer is the first's, and a change made in the same
     * transaction is what the next question sees.
     */
    @Test
    public void rules14_oneTransactionAsksOnceAndSeesItsOwnChange() {
        String wang = "11010519491231003" + ResidentId.checkCharacter("11010519491231003");
        db.transactions.required(() -> {
            assertEquals(Set.of("NORMAL"), db.categories.of("SN", IdType.ID_CARD, wang));
            assertEquals(Set.of("NORMAL"), db.categories.of("SN", IdType.ID_CARD, " " + wang));
            db.categories.set(MGR_SN, IdType.ID_CARD, wang, Set.of("BLACKLIST"), "欠费");
            assertEquals(Set.of("BLACKLIST"), db.categories.of("SN", IdType.ID_CARD, wang));
            return null;
        });
        assertEquals(Set.of("BLACKLIST"), db.categories.of("SN", IdType.ID_CARD, wang));
        assertEquals(Set.of("NORMAL"), db.categories.of("SX", IdType.ID_CARD, wang));
    }

    @Test
    public void rules14_aSubscriberRegisteredLaterGetsTheCustomersCategories() {
        db.categories.set(BO_SN, IdType.ID_CARD, ZHANG, Set.of("VIP"), "集团客户经理确认");
        register("13891800004", "SN", ZHANG);
        assertEquals(Set.of("VIP"), categoriesOf("13891800004"));
        register("13891800005", "SN", LI);
        assertEquals(Set.of("NORMAL"), categoriesOf("13891800005"));
    }

    @Test
    public void rules14_aNumberTakenOverByAnotherHolderShowsTheNewHoldersCategories() {
        db.categories.set(MGR_SN, IdType.ID_CARD, LI, Set.of("REDLIST"), "人大代表");
        register("13891800006", "SN", ZHANG);
        db.subscribers.changeHolder(new Msisdn("13891800006"),
                new Customer(CustomerType.PERSONAL, "李四", IdType.ID_CARD, LI, null), 7L, "order-transfer");
        assertEquals(Set.of("REDLIST"), categoriesOf("13891800006"));
    }

    @Test
    public void rules14_normalGoesWhenAnotherCategoryIsSet_andComesBackWhenNoneIs() {
        register("13891800007", "SN", ZHANG);
        assertEquals(List.of("VIP"), db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, Set.of("NORMAL", "VIP"), "升级").categories());
        assertEquals(List.of("NORMAL"), db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, Set.of(), "降级").categories());
        assertEquals(Set.of("NORMAL"), categoriesOf("13891800007"));
    }

    @Test
    public void rules14_onlyManagersAndTheBackOfficeSetCategories_andBadInputChangesNothing() {
        register("13891800008", "SN", ZHANG);
        refused(403, "ROLE_NOT_ALLOWED", () -> db.categories.set(OP_SN, IdType.ID_CARD, ZHANG, Set.of("VIP"), "x"));
        refused(403, "ROLE_NOT_ALLOWED", () -> db.categories.set(Caller.admin("admin"), IdType.ID_CARD, ZHANG, Set.of("VIP"), "x"));
        refused(400, "CATEGORY_INVALID", () -> db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, Set.of("GOLD"), "x"));
        refused(400, "REASON_MISSING", () -> db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, Set.of("VIP"), " "));
        refused(400, "CATEGORIES_MISSING", () -> db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, null, "x"));
        ProblemException badId = assertThrows(ProblemException.class,
                () -> db.categories.set(MGR_SN, IdType.ID_CARD, "110105194912310021", Set.of("VIP"), "x"));
        assertEquals("idNumber", badId.field());
        assertEquals(Set.of("NORMAL"), categoriesOf("13891800008"));
        assertEquals(Set.of("NORMAL"), db.categories.of("SN", IdType.ID_CARD, ZHANG));
        db.categories.set(MGR_SX, IdType.ID_CARD, ZHANG, Set.of("VIP"), "山西大客户");
        assertEquals("a manager sets categories in their own province only", Set.of("NORMAL"), categoriesOf("13891800008"));
    }

    @Test
    public void rules14_twoManagersCategorisingANewCustomerAtOnceStoreOneSetting() throws Exception {
        register("13891800009", "SN", ZHANG);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<List<String>>> outcomes = new java.util.ArrayList<>();
        try {
            for (Caller caller : List.of(MGR_SN, BO_SN)) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return db.categories.set(caller, IdType.ID_CARD, ZHANG,
                            Set.of(caller == MGR_SN ? "VIP" : "REDLIST"), "同时设置").categories();
                }));
            }
            start.countDown();
            List<List<String>> stored = new java.util.ArrayList<>();
            for (var outcome : outcomes) {
                try {
                    stored.add(outcome.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    ProblemException p = (ProblemException) e.getCause();
                    assertEquals(409, p.status());
                    assertEquals("CUSTOMER_CATEGORIES_CHANGED", p.code());
                }
            }
            assertTrue(stored.toString(), !stored.isEmpty());
            List<String> last = db.categories.of("SN", IdType.ID_CARD, ZHANG).stream().toList();
            assertTrue("the subscriber shows one of the settings that was answered",
                    stored.contains(List.copyOf(categoriesOf("13891800009"))));
            assertEquals(Set.copyOf(last), categoriesOf("13891800009"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void rules14_everyChangeIsAuditedWithWhoAndWhy() {
        db.categories.set(MGR_SN, IdType.ID_CARD, ZHANG, Set.of("BLACKLIST"), "恶意欠费");
        List<AuditEntity> entries = Tx.call(db.jpa, em -> em.createQuery(
                "select a from AuditEntity a where a.action = 'CUSTOMER_CATEGORIES_CHANGED'", AuditEntity.class)
                .getResultList());
        assertEquals(1, entries.size());
        assertEquals("mgr-sn", entries.get(0).actor);
        assertTrue(entries.get(0).detail, entries.get(0).detail.contains("[NORMAL] -> [BLACKLIST]"));
        assertTrue(entries.get(0).detail, entries.get(0).detail.contains("恶意欠费"));
        assertTrue("the subject shows the ID masked", entries.get(0).subject.endsWith("**************002X"));
    }
}
