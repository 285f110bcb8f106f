package org.bizhall.procedure.redemption.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.loyalty.PointsMovement;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryLoyalty;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Before;
import org.junit.Test;

/** Rulebook §8 and the contract's "Points" on the procedure, against the shared in-memory services. */
public class PointsRedemptionTest {
    private static final String NUMBER = "13891800001";
    private static final Hall PARTNER_HALL = new Hall("SN-XA-002", "西安合作厅", "SN", Set.of(HallKind.PARTNER), false);

    private final SettableClock clock = new SettableClock();
    private final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    private final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    private final InMemoryLoyalty loyalty = new InMemoryLoyalty(subscribers, clock);
    private final PointsRedemption procedure = new PointsRedemption(subscribers, accounts, loyalty);

    @Before
    public void catalogue() {
        loyalty.addGift(new Gift("UMBRELLA", "雨伞", 500, 50, 0));
        loyalty.addGift(new Gift("POWER-BANK", "充电宝", 2000, 10, 0));
        loyalty.addGift(new Gift("TOP-UP-50", "50元话费", 5000, 100, 5000));
        loyalty.addGift(new Gift("THERMOS", "保温杯", 800, 0, 0));
    }

    private TestOrderContext personal(long points, String gift) {
        accounts.seed(1, 0);
        subscribers.add(NUMBER, "SN", "SN-XA-001", 1);
        if (points > 0) {
            loyalty.adjust(NUMBER, points, "seed", "bo-sn");
        }
        return TestOrderContext.of(procedure).msisdn(NUMBER).customer(InMemorySubscribers.HOLDER)
                .documents(DocumentKind.HOLDER_ID).param("giftCode", gift);
    }

    private TestOrderContext corporate(long points) {
        Customer company = TestOrderContext.corporate("西安某某科技有限公司");
        accounts.seed(2, AccountType.CASH_PREPAID, "SN", "西安某某科技有限公司", 0);
        subscribers.add(new Subscriber(NUMBER, "SN", "SN-XA-001", SubscriberStatus.ACTIVE, company, "GOTONE-88",
                List.of(), Set.of("NORMAL"), 2, false, clock.now().minusMonths(3)));
        loyalty.adjust(NUMBER, points, "seed", "bo-sn");
        return TestOrderContext.of(procedure).msisdn(NUMBER).customer(company).byProxy()
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID)
                .param("giftCode", "UMBRELLA");
    }

    private long stock(String code) {
        return loyalty.gift(code).orElseThrow().stock();
    }

    @Test
    public void rules8_atRedemptionHallsOnly_elsewhereRefusedAndNothingTaken() {
        TestOrderContext order = personal(1000, "UMBRELLA");
        order.hall = PARTNER_HALL;
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(422, e.status());
        assertEquals("HALL_KIND_NOT_ALLOWED", e.code());
        assertEquals(1000, loyalty.balance(NUMBER));
        assertEquals(50, stock("UMBRELLA"));
    }

    @Test
    public void rules8_personalInPerson_pointsAndStockTakenOnce_giftHandedOut_signatureRecorded() {
        TestOrderContext order = personal(1200, "UMBRELLA").param("quantity", 2).param("signatureRef", "SIG-0001");
        assertEquals(0, order.submit(procedure).totalFen());
        order.storeAndReloadResult();
        StepOutcome outcome = procedure.execute(order);
        assertEquals(OrderState.COMPLETED, outcome.state());
        assertEquals(200, loyalty.balance(NUMBER));
        assertEquals(48, stock("UMBRELLA"));
        assertEquals("SIG-0001", order.result.get("signatureRef"));
        assertEquals(true, order.result.get("handedOut"));
        List<PointsMovement> moves = loyalty.all(NUMBER);
        assertEquals(PointsMovement.REDEEM, moves.get(moves.size() - 1).kind());
        assertEquals(-1000, moves.get(moves.size() - 1).points());
    }

    @Test
    public void rules8_quantityDefaultsToOne() {
        TestOrderContext order = personal(600, "UMBRELLA");
        order.submit(procedure);
        assertEquals(100, loyalty.balance(NUMBER));
        assertEquals(49, stock("UMBRELLA"));
    }

    @Test
    public void rules8_pointsNeverGoNegative_refusedTakesNothing() {
        TestOrderContext order = personal(1999, "POWER-BANK");
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(422, e.status());
        assertEquals("POINTS_INSUFFICIENT", e.code());
        assertEquals("params.giftCode", e.field());
        assertEquals(1999, loyalty.balance(NUMBER));
        assertEquals(10, stock("POWER-BANK"));
    }

    @Test
    public void rules8_stockNeverGoesNegative_outOfStockRefused() {
        TestOrderContext order = personal(5000, "THERMOS");
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals(422, e.status());
        assertEquals("GIFT_OUT_OF_STOCK", e.code());
        assertEquals(5000, loyalty.balance(NUMBER));
        assertEquals(0, stock("THERMOS"));
    }

    @Test
    public void rules8_unknownGiftRefused() {
        ProblemException e = assertThrows(ProblemException.class, () -> personal(5000, "GOLD-BAR").submit(procedure));
        assertEquals("GIFT_UNKNOWN", e.code());
        assertEquals("params.giftCode", e.field());
    }

    @Test
    public void rules8_topUp50CreditsTheAccountThroughTheLedger() {
        TestOrderContext order = personal(5000, "TOP-UP-50");
        order.submit(procedure);
        order.storeAndReloadResult();
        assertEquals(OrderState.COMPLETED, procedure.execute(order).state());
        assertEquals(5000, accounts.balance(1));
        assertEquals("POINTS_TOP_UP", accounts.entries().get(accounts.entries().size() - 1).kind());
        assertEquals(order.orderId, accounts.entries().get(accounts.entries().size() - 1).orderId());
        assertEquals(0, loyalty.balance(NUMBER));
        assertEquals(99, stock("TOP-UP-50"));
    }

    @Test
    public void rules8_corporateWaitsForTheBigCustomerOfficeWithinRedemptionOfficeMinutes() {
        TestOrderContext order = corporate(800);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.REDEMPTION_OFFICE_MINUTES, 10);
        order.submit(procedure);
        order.storeAndReloadResult();
        StepOutcome waiting = procedure.execute(order);
        assertEquals(OrderState.PENDING_CONFIRMATION, waiting.state());
        assertEquals(Awaiting.BACK_OFFICE, waiting.awaiting());
        assertEquals(order.now.plusMinutes(10), waiting.dueAt());
        assertEquals("held while the office decides", 300, loyalty.balance(NUMBER));

        order.storeAndReloadResult();
        StepOutcome done = procedure.confirm(order, new Confirmation("BIG_CUSTOMER_OFFICE", true, "集团客户确认", null));
        assertEquals(OrderState.COMPLETED, done.state());
        assertEquals(300, loyalty.balance(NUMBER));
        assertEquals(49, stock("UMBRELLA"));
    }

    @Test
    public void rules8_corporateAccountCustomerAlsoWaitsForTheOffice() {
        accounts.seed(3, AccountType.CORPORATE_ACCOUNT, "SN", "单位", 0);
        subscribers.add(NUMBER, "SN", "SN-XA-001", 3);
        loyalty.adjust(NUMBER, 500, "seed", "bo-sn");
        TestOrderContext order = TestOrderContext.of(procedure).msisdn(NUMBER).customer(InMemorySubscribers.HOLDER)
                .documents(DocumentKind.HOLDER_ID).param("giftCode", "UMBRELLA");
        order.submit(procedure);
        StepOutcome waiting = procedure.execute(order);
        assertEquals(Awaiting.BACK_OFFICE, waiting.awaiting());
        assertEquals(order.now.plusMinutes(10), waiting.dueAt());
    }

    @Test
    public void rules8_officeDeclines_orderRejected_pointsAndStockGivenBack() {
        TestOrderContext order = corporate(800);
        order.submit(procedure);
        procedure.execute(order);
        order.storeAndReloadResult();
        StepOutcome declined = procedure.confirm(order, new Confirmation("BIG_CUSTOMER_OFFICE", false, "非集团客户", null));
        assertEquals(OrderState.REJECTED, declined.state());
        assertEquals(800, loyalty.balance(NUMBER));
        assertEquals(50, stock("UMBRELLA"));
    }

    @Test
    public void rules8_officeDoesNotAnswerInTime_cancelGivesBackOnce() {
        TestOrderContext order = corporate(800);
        order.submit(procedure);
        procedure.execute(order);
        procedure.cancel(order); // what the engine runs when the deadline passes (REJECTED, CONFIRMATION_TIMEOUT)
        procedure.cancel(order);
        assertEquals(800, loyalty.balance(NUMBER));
        assertEquals(50, stock("UMBRELLA"));
    }

    @Test
    public void rules8_corporateComesThroughAProxyWithLicenceCertificateAndProxyId() {
        TestOrderContext order = corporate(800);
        order.parties.clear();
        order.documents.removeIf(d -> d.kind() == DocumentKind.PROXY_ID);
        assertEquals("PROXY_REQUIRED", assertThrows(ProblemException.class, () -> order.submit(procedure)).code());
        order.byProxy();
        order.documents.removeIf(d -> d.kind() == DocumentKind.UNIT_CERTIFICATE);
        order.document(DocumentKind.PROXY_ID);
        assertEquals("DOCUMENT_MISSING", assertThrows(ProblemException.class, () -> order.submit(procedure)).code());
        assertEquals(800, loyalty.balance(NUMBER));
    }

    @Test
    public void rules8_personalProxyNeedsTheCustomersConfirmationCall() {
        TestOrderContext order = personal(500, "UMBRELLA").byProxy().documents(DocumentKind.PROXY_ID);
        order.submit(procedure);
        order.storeAndReloadResult();
        StepOutcome waiting = procedure.execute(order);
        assertEquals(Awaiting.CUSTOMER_CALL, waiting.awaiting());
        assertNull(waiting.dueAt());
        order.storeAndReloadResult();
        ProblemException wrong = assertThrows(ProblemException.class,
                () -> procedure.confirm(order, new Confirmation("BIG_CUSTOMER_OFFICE", true, null, null)));
        assertEquals(409, wrong.status());
        assertEquals(OrderState.COMPLETED,
                procedure.confirm(order, new Confirmation("CUSTOMER_CALL", true, "客户电话确认", null)).state());
        assertEquals(0, loyalty.balance(NUMBER));
    }

    @Test
    public void rules8_personalProxyWithoutProxyIdRefused() {
        TestOrderContext order = personal(500, "UMBRELLA").byProxy();
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals(500, loyalty.balance(NUMBER));
    }

    @Test
    public void rules8_onlyTheHoldersNumber_holderMismatchRefused() {
        TestOrderContext order = personal(500, "UMBRELLA").customer(TestOrderContext.personal("王五"));
        subscribers.add(new Subscriber(NUMBER, "SN", "SN-XA-001", SubscriberStatus.ACTIVE,
                new Customer(InMemorySubscribers.HOLDER.type(), "张三", InMemorySubscribers.HOLDER.idType(),
                        "610103198001010010", null), "GOTONE-88", List.of(), Set.of("NORMAL"), 1, false,
                clock.now().minusMonths(3)));
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals("HOLDER_MISMATCH", e.code());
        assertTrue(loyalty.balance(NUMBER) == 500);
    }
}
