package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rules "Hall devices": every demo hall has a simulated device of each kind; a driver bundle installed at runtime binds
 * a device that was configured before it, removing it unbinds the device; receipts reach the bound printer, a printer
 * that stops answering gets them when it is back (even across a restart of the printing bundle), and payments keep
 * working throughout. The demo's SN-XA-001 has a simulated cash kiosk: notes it accepts are credited in full, and a
 * {@code KIOSK_CASH} payment with {@code tenderedFen} takes the kiosk's count as it is (issue 8 defect 2, API.md Fixed
 * details, Payments), instead of asking the kiosk driver about notes nobody gave.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HallDevicesIT extends BizhallTestSupport {
    private static final Charset GB18030 = Charset.forName("GB18030");
    /** Sorts before the hall's simulated printer, so while it is bound the hall's receipts go to it. */
    private static final String DEVICE = "SN-XA-001-a-escpos";

    @Inject
    protected ConfigurationAdmin configurations;

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    /** A port-9100 printer stand-in on loopback that hands over each job as GB18030 text. */
    private static final class Printer implements AutoCloseable {
        final ServerSocket server;
        final BlockingQueue<String> jobs = new LinkedBlockingQueue<>();

        Printer(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                        byte[] bytes = in.readAllBytes();
                        if (bytes.length > 0) {
                            jobs.add(new String(bytes, GB18030));
                        }
                    } catch (IOException closed) {
                        // closed by the test
                    }
                }
            }, "it-escpos-printer");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        /** Waits for a job containing {@code text}; the driver retries a waiting receipt every few seconds. */
        String awaitJobWith(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                String job = jobs.poll(1, TimeUnit.SECONDS);
                if (job != null && job.contains(text)) {
                    return job;
                }
            }
            throw new AssertionError("the printer never printed " + text);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private JsonNode listed(String user, String id) {
        for (JsonNode d : get(user, "/devices?limit=500").expect(200).json()) {
            if (id.equals(d.path("id").asText())) {
                return d;
            }
        }
        return null;
    }

    /** Waits for the device to be listed and to meet the condition (configuration applies asynchronously). */
    private JsonNode awaitDevice(String id, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode d = listed("op-sn", id);
        while ((d == null || !condition.test(d)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            d = listed("op-sn", id);
        }
        assertTrue(id + " is not listed", d != null);
        assertTrue(d.toString(), condition.test(d));
        return d;
    }

    /** Opens an account and pays it in cash; returns the receipt number. */
    private String pay() {
        String msisdn = availableNumber("op-sn", "13891806", false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        long total = order.path("quote").path("totalFen").asLong();
        JsonNode payment = post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", total), key()).expect(201).json();
        return payment.path("receipt").path("number").asText();
    }

    @Test
    public void everyDemoHallHasASimulatedDeviceOfEveryKind_hallDevices() {
        JsonNode all = get("admin", "/devices?limit=500").expect(200).json();
        for (String hall : new String[] {"SN-XA-001", "SN-XA-002", "SX-TY-001"}) {
            for (String kind : new String[] {"ID_CARD_READER", "RECEIPT_PRINTER", "CASH_KIOSK", "NUMBER_KIOSK",
                    "QUEUE_MACHINE", "RATING_PAD", "TD_DESK_PHONE"}) {
                boolean found = false;
                for (JsonNode d : all) {
                    found |= hall.equals(d.path("hall").asText()) && kind.equals(d.path("kind").asText())
                            && "simulator".equals(d.path("driver").asText()) && "ONLINE".equals(d.path("status").asText());
                }
                assertTrue(hall + " " + kind, found);
            }
        }
        for (JsonNode d : get("op-sx", "/devices").expect(200).json()) {
            assertEquals("staff see their own hall only", "SX-TY-001", d.path("hall").asText());
        }
        get("op-sx", "/devices?hall=SN-XA-001").problem(403, "OTHER_HALL");
        assertEquals("ONLINE", post("op-sn", "/devices/SN-XA-001-reader/test", null).expect(200).json()
                .path("status").asText());
    }

    @Test
    public void receiptsReachPrintersOnlyAfterTheirPaymentCommits_theTransactionManagerOffersSynchronizations() {
        assertTrue("the receipt store defers printing to the commit through the JTA synchronization registry",
                bundleContext.getServiceReference("javax.transaction.TransactionSynchronizationRegistry") != null);
    }

    @Test
    public void installingADriverBindsAConfiguredDeviceAndRemovingItUnbindsIt_paymentsKeepWorking_hallDevices()
            throws Exception {
        try (Printer printer = new Printer(0)) {
            Configuration config = configurations.createFactoryConfiguration("org.bizhall.device", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("id", DEVICE);
            props.put("hall", "SN-XA-001");
            props.put("kind", "RECEIPT_PRINTER");
            props.put("driver", "escpos");
            props.put("address", "127.0.0.1:" + printer.port());
            props.put("timeout.ms", "1000");
            config.update(props);
            Bundle driver = null;
            try {
                JsonNode unbound = awaitDevice(DEVICE, d -> d.has("bound"));
                assertFalse(unbound.toString(), unbound.path("bound").asBoolean());
                assertEquals("OFFLINE", unbound.path("status").asText());
                assertEquals("escpos", unbound.path("driver").asText());
                assertTrue(shell("hall:devices SN-XA-001").contains("unbound"));
                assertEquals("OFFLINE", post("op-sn", "/devices/" + DEVICE + "/test", null).expect(200).json()
                        .path("status").asText());
                pay();

                File jar = new File(System.getProperty("bizhall.device.escpos"));
                assertTrue("driver bundle built: " + jar, jar.isFile());
                driver = bundleContext.installBundle(jar.toURI().toString());
                driver.start();
                awaitDevice(DEVICE, d -> d.path("bound").asBoolean() && "ONLINE".equals(d.path("status").asText()));
                String listing = shell("hall:devices SN-XA-001");
                assertTrue(listing, listing.contains(DEVICE) && listing.contains("escpos"));
                assertTrue(shell("hall:device-test " + DEVICE).contains("ONLINE"));

                String receipt = pay();
                String job = printer.awaitJobWith(receipt);
                assertTrue(job, job.contains("营业厅收据"));

                printer.close();
                int port = printer.port();
                String whileOff = pay();
                // the queue is in the database: a restart of the printing bundle, and a payment while it is stopped,
                // lose no receipt
                Bundle devices = bundle("org.bizhall.devices");
                devices.stop();
                String whileStopped = pay();
                devices.start();
                try (Printer back = new Printer(port)) {
                    back.awaitJobWith(whileOff);
                    back.awaitJobWith(whileStopped);
                }

                driver.uninstall();
                driver = null;
                awaitDevice(DEVICE, d -> !d.path("bound").asBoolean() && "OFFLINE".equals(d.path("status").asText()));
                pay();
            } finally {
                if (driver != null) {
                    driver.uninstall();
                }
                config.delete();
            }
        }
    }

    // ---- Counter services on the demo halls' simulated devices (queue, rating pad, number kiosk, desk phone) ----

    /** Calls a queue of the demo hall until nobody waits, so a test starts from an empty line. */
    private void drainQueue(String queue) {
        for (int i = 0; i < 1000; i++) {
            Answer called = post("op-sn", "/halls/SN-XA-001/queue/calls", object().put("queue", queue).put("counter", "9"));
            if (called.status() == 204) {
                return;
            }
            called.expect(200);
        }
        throw new AssertionError("the queue " + queue + " never emptied");
    }

    @Test
    public void ticketsAreIssuedAndCalledOnTheDemoHallsSimulatedQueueMachine_rule14_queueTicket() {
        String queue = "QIT";
        drainQueue(queue);
        JsonNode first = post("op-sn", "/halls/SN-XA-001/queue/tickets", object().put("queue", queue)).expect(201).json();
        assertEquals(queue, first.path("queue").asText());
        assertEquals("SN-XA-001-queue", first.path("device").asText());
        assertEquals("SN-XA-001", first.path("hall").asText());
        assertEquals(0, first.path("waitingAhead").asInt());
        JsonNode second = post("mgr-sn", "/halls/SN-XA-001/queue/tickets", object().put("queue", queue)).expect(201).json();
        assertEquals(1, second.path("waitingAhead").asInt());

        JsonNode called = post("op-sn", "/halls/SN-XA-001/queue/calls", object().put("queue", queue).put("counter", "3"))
                .expect(200).json();
        assertEquals(first.path("number").asText(), called.path("number").asText());
        assertEquals("3", called.path("counter").asText());
        assertEquals(second.path("number").asText(), post("op-sn", "/halls/SN-XA-001/queue/calls",
                object().put("queue", queue).put("counter", "4")).expect(200).json().path("number").asText());
        post("op-sn", "/halls/SN-XA-001/queue/calls", object().put("queue", queue).put("counter", "3")).expect(204);

        post("op-sx", "/halls/SN-XA-001/queue/tickets", object()).problem(403, "OTHER_HALL");
        post("op-sn", "/halls/SN-XA-001/queue/calls", object().put("queue", queue)).problem(400, "COUNTER_MISSING");
        assertEquals("a walk-in's number routes nowhere", "GENERAL", post("op-sn", "/halls/SN-XA-001/queue/tickets",
                object().put("msisdn", "13891809999")).expect(201).json().path("queue").asText());
    }

    @Test
    public void aCompletedOrderIsRatedOnceFromTheDemoHallsSimulatedPad_rule1_8() throws Exception {
        String msisdn = availableNumber("op-sn", "138918075", false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "MZONE-18"), key()).expect(201).json();
        String id = order.path("id").asText();
        post("op-sn", "/orders/" + id + "/rating", object()).problem(409, "ORDER_NOT_COMPLETED");
        long total = order.path("quote").path("totalFen").asLong();
        post("op-sn", "/orders/" + id + "/payments", object().put("method", "CASH").put("tenderedFen", total), key())
                .expect(201);
        assertEquals("COMPLETED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());

        post("op-sn", "/orders/" + id + "/rating", object().put("score", 6)).problem(400, "SCORE_INVALID");
        post("op-sn2", "/orders/" + id + "/rating", object().put("score", 4)).problem(403, "OTHER_HALL");
        post("op-sx", "/orders/" + id + "/rating", object().put("score", 4)).expect(403);
        Answer rated = post("op-sn", "/orders/" + id + "/rating", object()).expect(201);
        assertTrue(rated.header("Location"), rated.header("Location").endsWith("/orders/" + id + "/rating"));
        JsonNode rating = rated.json();
        assertEquals(id, rating.path("orderId").asText());
        assertEquals("op-sn", rating.path("operator").asText());
        assertEquals("PAD", rating.path("source").asText());
        assertEquals("SN-XA-001-rating-pad", rating.path("device").asText());
        assertEquals("the simulated customer presses 5", 5, rating.path("score").asInt());
        post("op-sn", "/orders/" + id + "/rating", object().put("score", 3)).problem(409, "RATING_EXISTS");
        assertEquals(5, get("op-sn", "/orders/" + id + "/rating").expect(200).json().path("score").asInt());

        String today = rating.path("businessDate").asText();
        JsonNode day = get("mgr-sn", "/halls/SN-XA-001/ratings?date=" + today).expect(200).json();
        assertEquals(today, day.path("date").asText());
        assertTrue(day.toString(), day.path("count").asLong() >= 1);
        boolean opSn = false;
        for (JsonNode o : day.path("operators")) {
            opSn |= "op-sn".equals(o.path("operator").asText()) && o.path("count").asLong() >= 1;
        }
        assertTrue(day.toString(), opSn);
        get("op-sn2", "/halls/SN-XA-001/ratings").problem(403, "OTHER_HALL");
        String shown = shell("hall:ratings SN-XA-001 " + today);
        assertTrue(shown, shown.contains("Hall SN-XA-001") && shown.contains("op-sn"));
    }

    @Test
    public void theDemoHallsNumberKioskShowsNumbersAndTheCustomersChoiceIsReserved_rule1_1() {
        JsonNode offer = post("op-sn", "/halls/SN-XA-001/number-kiosk/offers",
                object().put("prefix", "138918076").put("limit", 3)).expect(200).json();
        assertEquals("SN-XA-001-number-kiosk", offer.path("device").asText());
        assertEquals(3, offer.path("numbers").size());
        String first = offer.path("numbers").get(0).path("msisdn").asText();
        assertTrue(first, first.startsWith("138918076"));
        JsonNode choice = get("op-sn", "/halls/SN-XA-001/number-kiosk/choice").expect(200).json();
        assertEquals("the simulated customer picks the first number shown", first, choice.path("msisdn").asText());
        post("op-sn", "/numbers/" + first + "/reservations", object(), key()).expect(201);
        post("op-sn", "/halls/SN-XA-001/number-kiosk/offers", object().put("limit", 51)).problem(400, "LIMIT_INVALID");
        get("op-sx", "/halls/SN-XA-001/number-kiosk/choice").problem(403, "OTHER_HALL");
    }

    @Test
    public void theDemoHallsSimulatedDeskPhoneRegistersWithTheTerminalManagementPort_rule13() throws Exception {
        JsonNode registration = post("op-sn", "/devices/SN-XA-001-desk-phone/registrations", object()
                .put("manufacturer", "ZTE").put("terminalType", "TD-SCDMA").put("model", "F100")
                .put("msisdn", "13891800001")).expect(201).json();
        assertTrue(registration.toString(), registration.path("accepted").asBoolean());
        assertEquals("SN-XA-001-desk-phone", registration.path("device").asText());
        assertEquals("F100", registration.path("model").asText());
        assertEquals("op-sn", registration.path("registeredBy").asText());

        post("op-sn", "/devices/SN-XA-001-queue/registrations", object().put("manufacturer", "ZTE")
                .put("terminalType", "TD-SCDMA").put("model", "F100").put("msisdn", "13891800001"))
                .problem(422, "DEVICE_KIND_MISMATCH");
        assertEquals("model", post("op-sn", "/devices/SN-XA-001-desk-phone/registrations", object()
                .put("manufacturer", "ZTE").put("terminalType", "TD-SCDMA").put("msisdn", "13891800001"))
                .problem(400, "REGISTRATION_FIELD_MISSING").path("field").asText());
        post("op-sx", "/devices/SN-XA-001-desk-phone/registrations", object().put("manufacturer", "ZTE")
                .put("terminalType", "TD-SCDMA").put("model", "F100").put("msisdn", "13891800001"))
                .problem(403, "OTHER_HALL");
        String shown = shell("hall:desk-phone-register SN-XA-002-desk-phone ZTE TD-SCDMA F200 13891800002");
        assertTrue(shown, shown.contains("ACCEPTED"));
    }

    // ---- identities read from the hall's ID-card reader, notes counted by the hall's cash kiosk

    /** The identity of the demo hall's simulated ID card (its configured default), as responses show it. */
    private static final String READER_NAME_MASKED = "张*";
    private static final String READER_NUMBER_MASKED = "**************002X";
    /** Numbers of these tests: 13891809700–13891809799. */
    private static final String READER_KIOSK_NUMBERS = "138918097";

    @Test
    public void accountOpenedWithTheHoldersIdentityReadFromTheHallsCardReader_hallDevices() {
        String msisdn = availableNumber("op-sn", READER_KIOSK_NUMBERS, false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        ObjectNode envelope = openingOrder(msisdn, "GOTONE-88");
        envelope.putObject("customer").put("source", "ID_CARD_READER").put("address", "西安市高新区科技路1号");
        JsonNode order = post("op-sn", "/orders", envelope, key()).expect(201).json();
        String id = order.path("id").asText();
        for (JsonNode shown : new JsonNode[] {order, get("op-sn", "/orders/" + id).expect(200).json()}) {
            JsonNode customer = shown.path("customer");
            assertEquals(customer.toString(), "ID_CARD_READER", customer.path("source").asText());
            assertEquals(customer.toString(), "PERSONAL", customer.path("type").asText());
            assertEquals(customer.toString(), "ID_CARD", customer.path("idType").asText());
            assertEquals(customer.toString(), READER_NAME_MASKED, customer.path("name").asText());
            assertEquals(customer.toString(), READER_NUMBER_MASKED, customer.path("idNumber").asText());
        }
        post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()),
                key()).expect(201);
        assertEquals("COMPLETED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        JsonNode holder = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("holder");
        assertEquals(holder.toString(), READER_NAME_MASKED, holder.path("name").asText());

        // a typed identity stays as it was: no source
        String typed = availableNumber("op-sn", READER_KIOSK_NUMBERS, false);
        post("op-sn", "/numbers/" + typed + "/reservations", object(), key()).expect(201);
        JsonNode manual = post("op-sn", "/orders", openingOrder(typed, "GOTONE-88"), key()).expect(201).json();
        assertTrue(manual.path("customer").toString(), manual.path("customer").path("source").isNull());
        post("op-sn", "/orders/" + manual.path("id").asText() + "/cancel", null, key()).expect(200);
    }

    @Test
    public void billPaidAtTheHallsCashKioskCreditsTheAcceptedNotesAndReportsTheReturnedOne_hallDevices() {
        String msisdn = openedNumber(READER_KIOSK_NUMBERS);
        long account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();

        JsonNode order = billOf(msisdn, 5000);
        assertEquals(5000, order.path("quote").path("totalFen").asLong());
        String id = order.path("id").asText();
        // the simulated kiosk takes 10/20/50/100-yuan notes: the 5-yuan note comes back
        ObjectNode notes = object().put("method", "KIOSK_CASH");
        notes.putArray("notes").add(50).add(5).add(20);
        String idempotencyKey = key();
        Answer paid = post("op-sn", "/orders/" + id + "/payments", notes, idempotencyKey).expect(201);
        JsonNode payment = paid.json();
        assertEquals(payment.toString(), 7000, payment.path("tenderedFen").asLong());
        assertEquals(0, payment.path("changeFen").asLong());
        assertEquals(2000, payment.path("surplusFen").asLong());
        JsonNode kiosk = payment.path("kiosk");
        assertEquals(kiosk.toString(), "SN-XA-001-cash-kiosk", kiosk.path("device").asText());
        assertEquals(kiosk.toString(), "[5000,2000]", kiosk.path("acceptedNotesFen").toString());
        assertEquals(kiosk.toString(), "[500]", kiosk.path("returnedNotesFen").toString());
        assertEquals("COMPLETED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertEquals("the accepted notes are credited in full, the returned one is not", before + 7000,
                get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());

        Answer again = post("op-sn", "/orders/" + id + "/payments", notes, idempotencyKey).expect(201);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(payment, again.json());
        assertEquals(before + 7000, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong());

        // notes the kiosk accepts below the amount due pay nothing
        JsonNode second = billOf(msisdn, 5000);
        ObjectNode returnedOnly = object().put("method", "KIOSK_CASH");
        returnedOnly.putArray("notes").add(20).add(5).add(5);
        post("op-sn", "/orders/" + second.path("id").asText() + "/payments", returnedOnly, key())
                .problem(422, "TENDERED_TOO_LOW");
        assertEquals(0, get("op-sn", "/orders/" + second.path("id").asText() + "/payments").expect(200).json().size());
        post("op-sn", "/orders/" + second.path("id").asText() + "/cancel", null, key()).expect(200);
    }

    /** Numbers of the kiosk's counted-cash tests, apart from the reader's and the notes' ones. */
    private static final String KIOSK_COUNT_NUMBERS = "138918096";

    /** A number of {@code prefix} opened and paid in cash, so a bill can be paid for it. */
    private String openedNumber(String prefix) {
        String msisdn = availableNumber("op-sn", prefix, false);
        post("op-sn", "/numbers/" + msisdn + "/reservations", object(), key()).expect(201);
        JsonNode opening = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + opening.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", opening.path("quote").path("totalFen").asLong()),
                key()).expect(201);
        return msisdn;
    }

    /** A bill-payment order of {@code amountFen} for {@code msisdn}, waiting for its payment. */
    private JsonNode billOf(String msisdn, long amountFen) {
        ObjectNode bill = object().put("procedure", "bill-payment").put("msisdn", msisdn);
        bill.putObject("params").put("amountFen", amountFen);
        return post("op-sn", "/orders", bill, key()).expect(201).json();
    }

    @Test
    public void kioskCashWithTenderedFenIsTheKiosksCountInAHallWithACashKiosk_issue8Defect2() {
        String msisdn = openedNumber(KIOSK_COUNT_NUMBERS);
        long account = get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("accountId").asLong();
        long before = get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen").asLong();
        String id = billOf(msisdn, 5000).path("id").asText();

        JsonNode payment = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "KIOSK_CASH").put("tenderedFen", 5000), key()).expect(201).json();

        assertEquals(payment.toString(), 5000, payment.path("tenderedFen").asLong());
        assertEquals(0, payment.path("changeFen").asLong());
        assertEquals(0, payment.path("surplusFen").asLong());
        assertTrue("no driver report for a counted amount", payment.path("kiosk").isMissingNode()
                || payment.path("kiosk").isNull());
        assertEquals("COMPLETED", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        assertEquals(before + 5000, get("op-sn", "/accounts/" + account).expect(200).json().path("balanceFen")
                .asLong());
    }

    @Test
    public void kioskCashWithBothFormsOrBelowTheAmountDuePaysNothing_issue8Defect2() {
        String msisdn = openedNumber(KIOSK_COUNT_NUMBERS);
        String id = billOf(msisdn, 5000).path("id").asText();
        ObjectNode both = object().put("method", "KIOSK_CASH").put("tenderedFen", 5000);
        both.putArray("notes").add(50);
        post("op-sn", "/orders/" + id + "/payments", both, key()).problem(400, "KIOSK_TENDER_AMBIGUOUS");
        JsonNode low = post("op-sn", "/orders/" + id + "/payments",
                object().put("method", "KIOSK_CASH").put("tenderedFen", 4000), key()).problem(422, "TENDERED_TOO_LOW");
        assertEquals("tenderedFen", low.path("field").asText());
        assertEquals(0, get("op-sn", "/orders/" + id + "/payments").expect(200).json().size());
        assertEquals("PENDING_PAYMENT", get("op-sn", "/orders/" + id).expect(200).json().path("state").asText());
        post("op-sn", "/orders/" + id + "/cancel", null, key()).expect(200);
    }
}
