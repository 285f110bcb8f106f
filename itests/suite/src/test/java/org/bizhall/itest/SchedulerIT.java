package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 9 item 5 in the running distribution: an order that waits for a date is carried out by the scheduler once the
 * business clock has passed it, also when the store, the engine and the scheduler were restarted in between (every
 * in-memory state gone: the due time lives in the database); a confirmation that does not come by its deadline
 * rejects the order; admins start runs over HTTP (202 + the job's progress) and in the shell. The business clock only
 * moves forward here (the suites share one container). The same fixture bundle's refund procedure shows money paid
 * out (a negative quote, paid out when the accounting office approves).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SchedulerIT extends BizhallTestSupport {
    private static final String WAITING_PROCEDURE = "test-waiting";
    private static final String FIXTURE = "org.bizhall.itest.scheduled";
    private static final long REFUND_FEN = 100;
    /** The bundles whose restart drops every in-memory state of orders and due work. */
    private static final List<String> RESTARTED = List.of("org.bizhall.scheduler", "org.bizhall.engine",
            "org.bizhall.persistence");

    @Before
    public void platformWithTheWaitingProcedure() throws Exception {
        awaitPlatform();
        if (installed(FIXTURE) == null) {
            File fixture = new File(System.getProperty("bizhall.fixture.scheduled"));
            assertTrue("fixture bundle built: " + fixture, fixture.isFile());
            bundleContext.installBundle(fixture.toURI().toString()).start();
        }
        await("the waiting procedure is listed", () -> get("op-sn", "/procedures"),
                a -> a.status() == 200 && a.raw().body().contains("\"" + WAITING_PROCEDURE + "\""));
    }

    /** The suites share the container: the test procedure leaves with each test, so no other suite lists it. */
    @After
    public void withoutTheWaitingProcedure() throws Exception {
        Bundle fixture = installed(FIXTURE);
        if (fixture != null) {
            fixture.uninstall();
        }
    }

    /**
     * Order dates and deadlines need the engine's side of the scheduler: it registers {@code DueOrders} and writes the
     * due times. Said first, so an engine without it fails here and not on a missing job further down.
     */
    private void requireEngineDueOrders() {
        assertNotNull("the engine registers org.bizhall.platform.schedule.DueOrders",
                bundleContext.getServiceReference("org.bizhall.platform.schedule.DueOrders"));
    }

    private ObjectNode waitingOrder(String wait) {
        ObjectNode order = object().put("procedure", WAITING_PROCEDURE);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params").put("wait", wait);
        return order;
    }

    private void moveClock(OffsetDateTime to) {
        put("admin", "/admin/clock", object().put("now", to.toString())).expect(200);
    }

    private JsonNode order(String id) {
        return get("op-sn", "/orders/" + id).expect(200).json();
    }

    private Answer await(String what, java.util.function.Supplier<Answer> ask, Predicate<Answer> done)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        Answer last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = ask.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (AssertionError | RuntimeException notYet) {
                // the platform is still coming back
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": last answer " + (last == null ? "none" : last.status() + " " + last.raw().body()));
    }

    private JsonNode awaitState(String orderId, String state) throws InterruptedException {
        return await("order " + orderId + " " + state, () -> get("op-sn", "/orders/" + orderId),
                a -> a.status() == 200 && state.equals(a.json().path("state").asText())).json();
    }

    private static List<String> states(JsonNode order) {
        List<String> states = new ArrayList<>();
        order.path("history").forEach(h -> states.add(h.path("state").asText()));
        return states;
    }

    private JsonNode dueWork(String orderId) {
        for (JsonNode job : get("admin", "/admin/jobs?state=WAITING&limit=500").expect(200).json()) {
            if (orderId.equals(job.path("key").asText())) {
                return job;
            }
        }
        return null;
    }

    @Test
    public void aScheduledOrderIsCarriedOutAfterTheClockPassesItsDateEvenAcrossARestartOfStoreEngineAndScheduler()
            throws Exception {
        requireEngineDueOrders();
        JsonNode order = post("op-sn", "/orders", waitingOrder("DATE"), key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals(order.toString(), "SCHEDULED", order.path("state").asText());
        assertEquals("DATE", order.path("awaiting").asText());
        JsonNode job = dueWork(id);
        assertNotNull("the date is due work in the database", job);
        assertEquals("ORDER_DATE", job.path("kind").asText());
        OffsetDateTime due = OffsetDateTime.parse(job.path("dueAt").asText());
        OffsetDateTime created = OffsetDateTime.parse(order.path("createdAt").asText());
        assertTrue(due + " is a day after " + created, !due.isBefore(created.plusDays(1))
                && due.isBefore(created.plusDays(1).plusMinutes(1)));

        // not before its date: the clock moves to an hour before it and the order keeps waiting
        moveClock(due.minusHours(1));
        Thread.sleep(3_000); // three polls of the scheduler
        assertEquals("SCHEDULED", order(id).path("state").asText());

        // the scheduler goes down and the date passes; then the engine and the store go down too (every in-memory
        // state of orders and due work with them) and all three come back
        Bundle scheduler = bundle(RESTARTED.get(0));
        scheduler.stop();
        moveClock(due.plusHours(1));
        Thread.sleep(2_000);
        assertEquals("nothing runs it while the scheduler is down", "SCHEDULED", order(id).path("state").asText());
        List<Bundle> stopped = new ArrayList<>();
        for (String name : RESTARTED.subList(1, RESTARTED.size())) {
            Bundle b = bundle(name);
            b.stop();
            stopped.add(b);
        }
        for (int i = stopped.size() - 1; i >= 0; i--) {
            stopped.get(i).start();
        }
        scheduler.start();
        awaitPlatform();

        JsonNode done = awaitState(id, "COMPLETED");
        assertEquals(List.of("SCHEDULED", "COMPLETED"), states(done).subList(states(done).size() - 2, states(done).size()));
        assertEquals("carried out once, by the scheduler", null, dueWork(id));
    }

    @Test
    public void aConfirmationThatDoesNotComeByItsDeadlineRejectsTheOrderAndAConfirmedOneIsLeftAlone() throws Exception {
        requireEngineDueOrders();
        JsonNode late = post("op-sn", "/orders", waitingOrder("CALL"), key()).expect(201).json();
        JsonNode confirmed = post("op-sn", "/orders", waitingOrder("CALL"), key()).expect(201).json();
        assertEquals(late.toString(), "PENDING_CONFIRMATION", late.path("state").asText());
        assertEquals("CUSTOMER_CALL", late.path("awaiting").asText());
        JsonNode timeout = dueWork(late.path("id").asText());
        assertNotNull("the deadline is due work in the database", timeout);
        assertEquals("ORDER_TIMEOUT", timeout.path("kind").asText());

        post("op-sn", "/orders/" + confirmed.path("id").asText() + "/confirmations",
                object().put("step", "CUSTOMER_CALL").put("approved", true), key()).expect(201);
        assertEquals("COMPLETED", order(confirmed.path("id").asText()).path("state").asText());

        moveClock(OffsetDateTime.parse(timeout.path("dueAt").asText()).plusMinutes(30));
        JsonNode rejected = awaitState(late.path("id").asText(), "REJECTED");
        assertEquals(rejected.toString(), "CONFIRMATION_TIMEOUT", rejected.path("problem").path("code").asText());
        assertEquals("COMPLETED", order(confirmed.path("id").asText()).path("state").asText());
    }

    @Test
    public void anAdminStartsARunOverHttpAndFollowsItsProgressToTheEnd() throws Exception {
        // at least one subscriber for the run to walk
        String msisdn = availableNumber("op-sn", "13891807", false);
        JsonNode opening = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + opening.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", opening.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        Answer accepted = post("admin", "/admin/jobs", object().put("kind", "BILLING_RUN").put("key", "2020-01"))
                .expect(202);
        String location = accepted.header("Location");
        assertTrue(location, location.matches(".*/api/v1/admin/jobs/\\d+"));
        String path = location.substring(location.indexOf("/api/v1") + "/api/v1".length());
        JsonNode done = await("the billing run ends", () -> get("admin", path),
                a -> a.status() == 200 && "DONE".equals(a.json().path("state").asText())).json();
        assertEquals("2020-01", done.path("key").asText());
        assertTrue(done.toString(), done.path("total").asLong() >= 1);
        assertEquals("every subscriber walked", done.path("total").asLong(), done.path("processed").asLong());
        assertTrue(done.toString(), done.path("result").asText().contains("charged 0"));

        post("admin", "/admin/jobs", object().put("kind", "BILLING_RUN").put("key", "2999-01")).problem(422, "MONTH_NOT_ENDED");
        post("admin", "/admin/jobs", object().put("kind", "ORDER_DATE").put("key", "x")).problem(400, "JOB_KIND_UNKNOWN");
        post("admin", "/admin/jobs", object()).problem(400, "JOB_KIND_MISSING");
        post("op-sn", "/admin/jobs", object().put("kind", "PRINT_PURGE")).problem(403, "ROLE_NOT_ALLOWED");
        get("op-sn", "/admin/jobs").problem(403, "ROLE_NOT_ALLOWED");
        get("admin", "/admin/jobs/999999999").problem(404, "JOB_NOT_FOUND");
        get("admin", "/admin/jobs?state=SLEEPING").problem(400, "QUERY_PARAM_INVALID");
        assertTrue(get("admin", "/admin/jobs?state=DONE").expect(200).header("X-Total-Count") != null);
    }

    @Test
    public void theShellStartsARunAndShowsItsProgressLineUntilItEnds() throws Exception {
        String run = shell("hall:jobs --run IDEMPOTENCY_PURGE");
        assertTrue(run, run.contains("Started job"));
        assertTrue(run, run.contains("DONE: purged"));
        String list = shell("hall:jobs --state DONE");
        assertTrue(list, list.contains("IDEMPOTENCY_PURGE"));
        assertTrue(shell("hall:jobs --run NO_SUCH_RUN").contains("JOB_KIND_UNKNOWN"));
    }

    /**
     * API.md Fixed detail "Money paid out": an order whose quote is negative waits for no payment; once the accounting
     * office approves, the engine records a negative CASH payment with its receipt, the ledger's negative entry, and the
     * day's settlement counts it negative under CASH. The test procedure comes from the same fixture bundle.
     */
    @Test
    public void moneyPaidOut_aNegativeCashPaymentWithReceiptLedgerEntryAndSettlement() throws Exception {
        await("the refund procedure is listed", () -> get("op-sn", "/procedures"),
                a -> a.status() == 200 && a.raw().body().contains("\"test-refund\""));
        String msisdn = availableNumber("op-sn", "1389180", true);
        JsonNode opening = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + opening.path("id").asText() + "/payments", object().put("method", "CASH")
                .put("tenderedFen", opening.path("quote").path("totalFen").asLong()), key()).expect(201);
        String account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asText();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        assertTrue("the opening left money on the account: " + before, before >= REFUND_FEN);

        ObjectNode refund = object().put("procedure", "test-refund").put("msisdn", msisdn);
        refund.set("customer", personalCustomer("张三"));
        refund.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        refund.putObject("params").put("refundFen", REFUND_FEN);
        JsonNode order = post("op-sn", "/orders", refund, key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals(-REFUND_FEN, order.path("quote").path("totalFen").asLong());
        assertEquals("no payment step", "PENDING_CONFIRMATION", order.path("state").asText());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());

        JsonNode done = post("bo-sn", "/orders/" + id + "/confirmations", object().put("step", "ACCOUNTING_OFFICE")
                .put("approved", true), key()).expect(201).json();
        assertEquals(done.toString(), "COMPLETED", done.path("state").asText());

        JsonNode payments = get("op-sn", "/orders/" + id + "/payments").expect(200).json();
        assertEquals(1, payments.size());
        JsonNode payout = payments.get(0);
        assertEquals(-REFUND_FEN, payout.path("amountFen").asLong());
        assertEquals("CASH", payout.path("method").asText());
        String receipt = payout.path("receipt").path("number").asText();
        assertFalse(receipt.isEmpty());
        JsonNode printed = get("op-sn", "/receipts/" + receipt).expect(200).json();
        assertEquals(-REFUND_FEN, printed.path("totalFen").asLong());

        assertEquals(before - REFUND_FEN,
                get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());
        boolean posted = false;
        for (JsonNode entry : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            posted |= id.equals(entry.path("orderId").asText()) && entry.path("amountFen").asLong() == -REFUND_FEN;
        }
        assertTrue("the ledger's negative entry", posted);

        String date = printed.path("businessDate").asText();
        JsonNode day = get("mgr-sn", "/halls/SN-XA-001/settlements/" + date).expect(200).json();
        long sum = 0;
        boolean listed = false;
        for (JsonNode r : day.path("receipts")) {
            sum += r.path("totalFen").asLong();
            listed |= receipt.equals(r.path("number").asText()) && r.path("totalFen").asLong() == -REFUND_FEN;
        }
        assertTrue("the payout is among the day's receipts", listed);
        assertEquals("the settlement still equals its receipts", sum, day.path("totalFen").asLong());
    }
}
