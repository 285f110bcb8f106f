package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.bizhall.api.device.DeviceDriver;
import org.bizhall.api.device.ReceiptPrinter;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Paper and keeping a number over HTTP (rulebook §9 and §13, seeds 003 and 004): the itemized bill of a billed month,
 * with the holder's ID and with the service password; an invoice reprinted, marked as a reprint and printed on the
 * hall's printer; keep-number suspension for two months across two month turns, ending ACTIVE, and a running one
 * cancelled. The business clock only moves forward, from wherever it is. Numbers: 138918098xx.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BillsAndSuspensionIT extends BizhallTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PREFIX = "138918098";
    private static final String PASSWORD = "640317";
    private static final String PRINTER = "SN-XA-001-printer";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** A GOTONE-88 number opened with the default deposit and a service password; the paid opening order. */
    private JsonNode open() {
        String msisdn = availableNumber("op-sn", PREFIX, false);
        ObjectNode opening = openingOrder(msisdn, "GOTONE-88");
        ((ObjectNode) opening.get("params")).put("servicePassword", PASSWORD);
        JsonNode order = post("op-sn", "/orders", opening, key()).expect(201).json();
        JsonNode payment = post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201).json();
        ObjectNode done = (ObjectNode) get("op-sn", "/orders/" + order.path("id").asText()).expect(200).json();
        done.put("receiptNumber", payment.path("receipt").path("number").asText());
        return done;
    }

    private static ObjectNode withId(String procedure, String msisdn) {
        ObjectNode order = object().put("procedure", procedure).put("msisdn", msisdn);
        order.set("customer", personalCustomer("张三"));
        order.putArray("documents").addObject().put("kind", "HOLDER_ID").put("number", VALID_ID);
        order.putObject("params");
        return order;
    }

    private static ObjectNode params(ObjectNode order) {
        return (ObjectNode) order.get("params");
    }

    private static LocalDate businessDate(JsonNode order) {
        return OffsetDateTime.parse(order.path("createdAt").asText()).atZoneSameInstant(ZONE).toLocalDate();
    }

    private void moveClock(OffsetDateTime to) {
        put("admin", "/admin/clock", object().put("now", to.toString())).expect(200);
    }

    private int stored(String procedure, String msisdn) {
        return get("op-sn", "/orders?procedure=" + procedure + "&msisdn=" + msisdn).expect(200).json().size();
    }

    private long account(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
    }

    private String status(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("status").asText();
    }

    private int ledgerEntries(long account, String kind) {
        int n = 0;
        for (JsonNode e : get("op-sn", "/accounts/" + account + "/ledger?limit=500").expect(200).json()) {
            n += kind.equals(e.path("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    private static <T> T await(String what, Supplier<T> ask, Predicate<T> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        T last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ask.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": last seen " + last);
    }

    // ---- 打印清单 itemized bill ----------------------------------------------------------------------------------

    @Test
    public void itemizedBillOfABilledMonthWithTheIdAndWithTheServicePassword_rules9_seed003() throws Exception {
        JsonNode opened = open();
        String msisdn = opened.path("msisdn").asText();
        LocalDate joined = businessDate(opened);
        YearMonth month = YearMonth.from(joined);
        long rent = joined.getDayOfMonth() <= 15 ? 8800 : 4400;

        ObjectNode future = withId("itemized-bill", msisdn);
        params(future).put("month", month.plusMonths(1).toString());
        JsonNode refused = post("op-sn", "/orders", future, key()).problem(422, "MONTH_IN_FUTURE");
        assertEquals("params.month", refused.path("field").asText());
        assertEquals("a refused bill stores no order", 0, stored("itemized-bill", msisdn));

        moveClock(month.plusMonths(1).atDay(3).atTime(10, 0).atZone(ZONE).toOffsetDateTime());
        post("admin", "/admin/billing-runs", object().put("month", month.toString())).expect(200);

        ObjectNode byId = withId("itemized-bill", msisdn);
        params(byId).put("month", month.toString());
        JsonNode bill = post("op-sn", "/orders", byId, key()).expect(201).json();
        assertEquals(bill.toString(), "COMPLETED", bill.path("state").asText());
        assertEquals("nothing to pay", 0, bill.path("quote").path("totalFen").asLong());
        JsonNode result = bill.path("result");
        assertEquals(month.toString(), result.path("month").asText());
        assertEquals(result.toString(), 1, result.path("lines").size());
        JsonNode line = result.path("lines").get(0);
        assertEquals("RENT", line.path("kind").asText());
        assertEquals("the month's rent, charged by the run after the month ended", rent, line.path("amountFen").asLong());
        assertEquals(month.plusMonths(1).atDay(3).toString(), line.path("date").asText());
        assertEquals(rent, result.path("totalFen").asLong());
        assertEquals("the opening deposit is a credit", 10000, result.path("creditsFen").asLong());
        assertTrue(result.path("printout").toString(), result.path("printout").size() >= 3);

        // seed 003: the service password in place of the ID
        ObjectNode byPassword = object().put("procedure", "itemized-bill").put("msisdn", msisdn);
        byPassword.putObject("params").put("month", month.toString()).put("servicePassword", PASSWORD);
        JsonNode same = post("op-sn", "/orders", byPassword, key()).expect(201).json();
        assertEquals(same.toString(), "COMPLETED", same.path("state").asText());
        assertEquals("SERVICE_PASSWORD", same.path("result").path("identifiedBy").asText());
        assertEquals(rent, same.path("result").path("totalFen").asLong());
        assertFalse("the password is never shown", same.toString().contains(PASSWORD));

        ObjectNode wrong = object().put("procedure", "itemized-bill").put("msisdn", msisdn);
        wrong.putObject("params").put("month", month.toString()).put("servicePassword", "917363");
        post("op-sn", "/orders", wrong, key()).problem(422, "PASSWORD_WRONG");
        assertEquals(2, stored("itemized-bill", msisdn));
        assertTrue(get("op-sn", "/procedures").expect(200).json().findValues("id").stream()
                .anyMatch(id -> id.asText().equals("itemized-bill")));
    }

    // ---- 补打发票 invoice reprint --------------------------------------------------------------------------------

    /** What the demo hall's simulated printer printed: number and whether marked as a reprint, oldest first. */
    private List<String> printed() {
        try {
            for (ServiceReference<ReceiptPrinter> ref : bundleContext.getServiceReferences(ReceiptPrinter.class,
                    "(" + DeviceDriver.DRIVER_PROPERTY + "=simulator)")) {
                Object printer = bundleContext.getService(ref);
                try {
                    Method printed = printer.getClass().getMethod("printed", String.class);
                    return ((List<?>) printed.invoke(printer, PRINTER)).stream().map(Object::toString).toList();
                } finally {
                    bundleContext.ungetService(ref);
                }
            }
        } catch (ReflectiveOperationException | org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no simulated receipt printer");
    }

    @Test
    public void invoiceReprintIsMarkedAsAReprintAndPrintedOnTheHallsPrinter_rules9() throws Exception {
        JsonNode opened = open();
        String msisdn = opened.path("msisdn").asText();
        String receipt = opened.path("receiptNumber").asText();
        assertFalse(receipt.isEmpty());
        assertEquals(0, get("op-sn", "/receipts/" + receipt).expect(200).json().path("reprints").asInt());

        ObjectNode reprint = withId("invoice-reprint", msisdn);
        params(reprint).put("receiptNumber", receipt);
        JsonNode order = post("op-sn", "/orders", reprint, key()).expect(201).json();
        assertEquals(order.toString(), "COMPLETED", order.path("state").asText());
        assertTrue(order.path("result").path("reprint").asBoolean());
        assertEquals(1, order.path("result").path("reprints").asInt());
        assertEquals("SN-XA-001", order.path("result").path("printQueuedFor").asText());
        assertEquals(1, get("op-sn", "/receipts/" + receipt).expect(200).json().path("reprints").asInt());
        List<String> paper = await("the reprint reaches the hall's printer", this::printed,
                p -> p.stream().anyMatch(s -> s.contains(receipt) && s.contains("reprint=true")));
        assertTrue(paper.toString(), paper.stream().anyMatch(s -> s.contains(receipt) && s.contains("reprint=false")));

        // a receipt of another number, or none, is refused and reprints nothing
        String other = open().path("receiptNumber").asText();
        ObjectNode ofOther = withId("invoice-reprint", msisdn);
        params(ofOther).put("receiptNumber", other);
        assertEquals("params.receiptNumber",
                post("op-sn", "/orders", ofOther, key()).problem(422, "RECEIPT_OF_ANOTHER_NUMBER").path("field").asText());
        ObjectNode unknown = withId("invoice-reprint", msisdn);
        params(unknown).put("receiptNumber", "SN-XA-001-20200101-999999");
        post("op-sn", "/orders", unknown, key()).problem(404, "RECEIPT_NOT_FOUND");
        assertEquals(0, get("op-sn", "/receipts/" + other).expect(200).json().path("reprints").asInt());
        assertEquals(1, stored("invoice-reprint", msisdn));
    }

    // ---- 停机保号 keep-number suspension --------------------------------------------------------------------------

    private JsonNode awaitOrder(String id, Predicate<JsonNode> done) throws InterruptedException {
        return await("order " + id, () -> get("op-sn", "/orders/" + id).expect(200).json(), done);
    }

    @Test
    public void keepNumberForTwoMonthsChargesEachMonthAndEndsActiveAfterTwoMonthTurns_rules13_seed004()
            throws Exception {
        JsonNode opened = open();
        String msisdn = opened.path("msisdn").asText();
        long account = account(msisdn);
        YearMonth month = YearMonth.from(businessDate(opened));

        ObjectNode tooLong = withId("keep-number-suspension", msisdn);
        params(tooLong).put("months", 4);
        post("op-sn", "/orders", tooLong, key()).problem(422, "KEEP_NUMBER_TOO_LONG");
        assertEquals(0, stored("keep-number-suspension", msisdn));

        ObjectNode keep = withId("keep-number-suspension", msisdn);
        params(keep).put("months", 2);
        JsonNode order = post("op-sn", "/orders", keep, key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals("PENDING_PAYMENT", order.path("state").asText());
        assertEquals("the first month's fee, keepNumberMonthlyFeeFen", 500, order.path("quote").path("totalFen").asLong());
        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", 1000), key()).expect(201).json();
        assertEquals(500, payment.path("changeFen").asLong());
        JsonNode running = get("op-sn", "/orders/" + id).expect(200).json();
        assertEquals(running.toString(), "SCHEDULED", running.path("state").asText());
        assertEquals("DATE", running.path("awaiting").asText());
        assertEquals("effective the same day", "SUSPENDED_REQUEST", status(msisdn));
        assertEquals(1, ledgerEntries(account, "KEEP_NUMBER_FEE"));
        long balance = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();

        // the next month's turn: the month is charged to the account, the number stays kept
        moveClock(month.plusMonths(1).atDay(1).atTime(9, 0).atZone(ZONE).toOffsetDateTime());
        await("the second month charged", () -> ledgerEntries(account, "KEEP_NUMBER_FEE"), n -> n == 2);
        JsonNode second = awaitOrder(id, o -> o.path("result").path("paidMonths").asInt() == 2);
        assertEquals("SCHEDULED", second.path("state").asText());
        assertEquals("SUSPENDED_REQUEST", status(msisdn));
        assertEquals(balance - 500, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());

        // the turn after the term: the number is back, nothing more charged
        moveClock(month.plusMonths(2).atDay(1).atTime(9, 0).atZone(ZONE).toOffsetDateTime());
        JsonNode done = awaitOrder(id, o -> "COMPLETED".equals(o.path("state").asText()));
        assertEquals("TERM_ENDED", done.path("result").path("ended").asText());
        assertEquals("ACTIVE", status(msisdn));
        assertEquals("two months, two fees", 2, ledgerEntries(account, "KEEP_NUMBER_FEE"));
        // the kept months pay no rent, whichever of the turn's jobs (this order, the month's billing run) ran first
        post("admin", "/admin/billing-runs", object().put("month", month.toString())).expect(200);
        post("admin", "/admin/billing-runs", object().put("month", month.plusMonths(1).toString())).expect(200);
        assertEquals(0, ledgerEntries(account, "RENT"));
    }

    @Test
    public void cancellingARunningKeepNumberResumesTheNumber_rules13() throws Exception {
        String msisdn = open().path("msisdn").asText();
        ObjectNode keep = withId("keep-number-suspension", msisdn);
        params(keep).put("months", 3);
        String id = post("op-sn", "/orders", keep, key()).expect(201).json().path("id").asText();
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "CASH").put("tenderedFen", 500), key())
                .expect(201);
        assertEquals("SUSPENDED_REQUEST", status(msisdn));
        JsonNode cancelled = post("op-sn", "/orders/" + id + "/cancel", object()).expect(200).json();
        assertEquals("CANCELLED", cancelled.path("state").asText());
        assertEquals("CANCELLED", cancelled.path("result").path("ended").asText());
        assertEquals("ACTIVE", status(msisdn));
        post("op-sn", "/orders/" + id + "/cancel", object()).problem(409, "ORDER_NOT_CANCELLABLE");
    }
}
