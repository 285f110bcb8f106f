package org.bizhall.procedure.bills.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.billing.RunControl;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.NewReceipt;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.ReceiptLine;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemoryReceipts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

/** 打印清单 and 补打发票 (rulebook §9; seed 000 §6.10.1, seed 003 for the service password), as the engine drives them. */
public class BillsTest {
    private static final String NUMBER = "13891809801";
    private static final String OTHER_NUMBER = "13891809802";
    private static final long ACCOUNT = 7;
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");

    private final SettableClock clock = new SettableClock(NOW);
    private final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    private final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    private final InMemoryReceipts receipts = new InMemoryReceipts(clock);
    private final Map<Long, YearMonth> billedMonths = new HashMap<>();
    private final BillingService billing = new BillingService() {
        @Override
        public BillingRun run(Caller caller, YearMonth month, RunControl control) {
            throw new UnsupportedOperationException("the bills only read what runs charged");
        }

        @Override
        public Map<Long, YearMonth> billedMonths(long accountId) {
            return Map.copyOf(billedMonths);
        }
    };
    private final ItemizedBill bill = new ItemizedBill(subscribers, accounts, billing, clock);
    private final InvoiceReprint reprint = new InvoiceReprint(subscribers, receipts, InMemoryHallDirectory.demo());

    public BillsTest() {
        accounts.seed(ACCOUNT, 0);
        accounts.seed(ACCOUNT + 1, 0);
        subscribers.add(NUMBER, "SN", "SN-XA-001", ACCOUNT);
        subscribers.add(OTHER_NUMBER, "SN", "SN-XA-001", ACCOUNT + 1);
    }

    private TestOrderContext order(String procedureId) {
        TestOrderContext order = new TestOrderContext(procedureId, new TestProvinceParams("SN").readableOnly());
        order.now = clock.now();
        return order.msisdn(NUMBER).customer(TestOrderContext.personal("张三")).documents(DocumentKind.HOLDER_ID);
    }

    /** A billing run's charge for {@code month}, posted at the run's time. */
    private LedgerEntry billed(String month, long rentFen, String at) {
        clock.set(OffsetDateTime.parse(at));
        LedgerEntry e = accounts.post(ACCOUNT, "RENT", -rentFen, null, "月租 全球通88 " + month);
        billedMonths.put(e.id(), YearMonth.parse(month));
        return e;
    }

    private LedgerEntry posted(String kind, long amountFen, String at) {
        clock.set(OffsetDateTime.parse(at));
        return accounts.post(ACCOUNT, kind, amountFen, "order-x", kind.toLowerCase());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(TestOrderContext order) {
        return (List<Map<String, Object>>) order.result.get("lines");
    }

    @Test
    public void rules9_itemizedBill_theMonthsChargesWithTheRentOfTheMonthItBills() {
        posted("DEPOSIT", 20000, "2026-10-03T09:00:00+08:00");
        posted("SIM_CARD", -1000, "2026-10-03T09:05:00+08:00");
        billed("2026-10", 8800, "2026-11-01T00:10:00+08:00"); // October's rent, charged on the first of November
        posted("KEEP_NUMBER_FEE", -500, "2026-11-05T10:00:00+08:00");
        clock.set(NOW);

        TestOrderContext october = order(ItemizedBill.ID).param("month", "2026-10");
        october.submit(bill);
        assertEquals("nothing is due", 0, october.quote.totalFen());
        assertEquals(OrderState.COMPLETED, bill.execute(october).state());
        assertEquals(List.of("SIM_CARD", "RENT"), lines(october).stream().map(l -> l.get("kind")).toList());
        assertEquals(List.of(1000L, 8800L), lines(october).stream().map(l -> l.get("amountFen")).toList());
        assertEquals("2026-11-01", lines(october).get(1).get("date"));
        assertEquals(9800L, october.result.get("totalFen"));
        assertEquals("the deposit is a credit, not a charge", 20000L, october.result.get("creditsFen"));
        List<?> printout = (List<?>) october.result.get("printout");
        assertTrue(printout.toString(), printout.get(printout.size() - 1).toString().contains("98.00"));

        TestOrderContext november = order(ItemizedBill.ID).param("month", "2026-11");
        november.submit(bill);
        bill.execute(november);
        assertEquals(List.of("KEEP_NUMBER_FEE"), lines(november).stream().map(l -> l.get("kind")).toList());
        assertEquals(500L, november.result.get("totalFen"));
    }

    @Test
    public void rules9_itemizedBill_aMonthNotBegunIsRefusedAndAnEmptyMonthIsAnEmptyBill() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> order(ItemizedBill.ID).param("month", "2026-12").submit(bill));
        assertEquals(422, e.status());
        assertEquals("MONTH_IN_FUTURE", e.code());
        assertEquals("params.month", e.field());

        ProblemException malformed = assertThrows(ProblemException.class,
                () -> order(ItemizedBill.ID).param("month", "2026-13").submit(bill));
        assertEquals(400, malformed.status());
        assertEquals("params.month", malformed.field());

        TestOrderContext empty = order(ItemizedBill.ID).param("month", "2025-01");
        empty.submit(bill);
        bill.execute(empty);
        assertEquals(List.of(), lines(empty));
        assertEquals(0L, empty.result.get("totalFen"));
    }

    @Test
    public void rules9_seed003_itemizedBill_theServicePasswordMayStandInForTheId() {
        billed("2026-10", 8800, "2026-11-01T00:10:00+08:00");
        clock.set(NOW);
        assertTrue(bill.descriptor().passwordInsteadOfId());
        TestOrderContext order = new TestOrderContext(ItemizedBill.ID, new TestProvinceParams("SN"));
        order.now = NOW;
        order.msisdn(NUMBER).byServicePassword("739151").param("month", "2026-10");
        order.submit(bill);
        bill.execute(order);
        assertEquals(8800L, order.result.get("totalFen"));
        assertFalse("invoice-reprint asks for the ID", reprint.descriptor().passwordInsteadOfId());
    }

    @Test
    public void rules9_itemizedBill_onlyTheHolderGetsTheBill() {
        TestOrderContext stranger = order(ItemizedBill.ID).param("month", "2026-10")
                .customer(new org.bizhall.api.customer.Customer(org.bizhall.api.customer.CustomerType.PERSONAL, "李四",
                        org.bizhall.api.customer.IdType.ID_CARD, "61010219800101123"
                                + org.bizhall.api.common.ResidentId.checkCharacter("61010219800101123"), "西安"));
        assertEquals("HOLDER_MISMATCH", assertThrows(ProblemException.class, () -> stranger.submit(bill)).code());
    }

    private Receipt receiptFor(String msisdn, String hall) {
        return receipts.issue(new NewReceipt(hall, "op-sn", "order-1", msisdn, "CASH",
                List.of(new ReceiptLine("SIM_CARD", "补卡卡费", 1000)), 1000, 2000, 1000));
    }

    @Test
    public void rules9_invoiceReprint_aReceiptOfThisNumberIsReprintedAndMarkedAsOne() {
        Receipt receipt = receiptFor(NUMBER, "SN-XA-001");
        TestOrderContext order = order(InvoiceReprint.ID).param("receiptNumber", receipt.number());
        order.submit(reprint);
        assertEquals("nothing is due", 0, order.quote.totalFen());
        assertEquals("the quote reprints nothing", 0, receipts.find(receipt.number()).orElseThrow().reprints());
        assertEquals(OrderState.COMPLETED, reprint.execute(order).state());
        assertEquals(1, receipts.find(receipt.number()).orElseThrow().reprints());
        assertEquals(true, order.result.get("reprint"));
        assertEquals(1, order.result.get("reprints"));
        assertEquals("SN-XA-001", order.result.get("printQueuedFor"));
    }

    @Test
    public void rules9_invoiceReprint_aReceiptOfAnotherNumberOrProvinceIsRefusedAndNothingReprinted() {
        Receipt others = receiptFor(OTHER_NUMBER, "SN-XA-001");
        ProblemException e = assertThrows(ProblemException.class,
                () -> order(InvoiceReprint.ID).param("receiptNumber", others.number()).submit(reprint));
        assertEquals(422, e.status());
        assertEquals("RECEIPT_OF_ANOTHER_NUMBER", e.code());
        assertEquals("params.receiptNumber", e.field());

        Receipt shanxi = receiptFor(NUMBER, "SX-TY-001");
        ProblemException hidden = assertThrows(ProblemException.class,
                () -> order(InvoiceReprint.ID).param("receiptNumber", shanxi.number()).submit(reprint));
        assertEquals(404, hidden.status());
        assertEquals("RECEIPT_NOT_FOUND", hidden.code());

        ProblemException unknown = assertThrows(ProblemException.class,
                () -> order(InvoiceReprint.ID).param("receiptNumber", "SN-XA-001-20261110-999999").submit(reprint));
        assertEquals("RECEIPT_NOT_FOUND", unknown.code());
        assertEquals(0, receipts.find(others.number()).orElseThrow().reprints());
        assertEquals(0, receipts.find(shanxi.number()).orElseThrow().reprints());
    }

    @Test
    public void rules9_invoiceReprint_theHoldersIdIsNeeded() {
        Receipt receipt = receiptFor(NUMBER, "SN-XA-001");
        TestOrderContext order = new TestOrderContext(InvoiceReprint.ID, new TestProvinceParams("SN"))
                .msisdn(NUMBER).customer(TestOrderContext.personal("张三")).param("receiptNumber", receipt.number());
        assertEquals("DOCUMENT_MISSING", assertThrows(ProblemException.class, () -> order.submit(reprint)).code());
    }
}
