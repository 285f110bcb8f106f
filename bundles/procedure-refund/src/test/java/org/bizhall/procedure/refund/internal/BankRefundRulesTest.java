package org.bizhall.procedure.refund.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

/**
 * Rulebook §5 (seed 000 §6.6), BOSS 退费: only a personal bank-collection account; the refund form, the holder's ID,
 * the bank-account holder's ID and the passbook; the accounting office confirms; the cash refund is never more than
 * confirmed; a decline rejects the order. The engine pays the refund out (engine tests); these tests check what the
 * procedure decides.
 */
public class BankRefundRulesTest {
    private static final String NUMBER = "13891800066";
    private static final long ACCOUNT = 66;
    private static final List<DocumentKind> ALL_DOCUMENTS = List.of(DocumentKind.HOLDER_ID, DocumentKind.REFUND_FORM,
            DocumentKind.BANK_HOLDER_ID, DocumentKind.BANK_PASSBOOK);

    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final BankRefund procedure = new BankRefund(subscribers, accounts, audit);

    private void subscriber(AccountType payer, Customer holder, long balanceFen) {
        accounts.seed(ACCOUNT, payer, "SN", holder.name(), balanceFen);
        subscribers.add(new Subscriber(NUMBER, "SN", "SN-XA-001", SubscriberStatus.ACTIVE, holder, "GOTONE-88",
                List.of(), Set.of("NORMAL"), ACCOUNT, false, OffsetDateTime.parse("2026-01-01T10:00:00+08:00")));
    }

    private TestOrderContext order(long claimedFen) {
        return TestOrderContext.of(procedure).msisdn(NUMBER).customer(InMemorySubscribers.HOLDER)
                .documents(ALL_DOCUMENTS).param(BankRefund.CLAIMED_FEN, claimedFen);
    }

    /** Submitted and executed as the engine does for a negative quote: it waits for the accounting office. */
    private TestOrderContext waiting(long claimedFen) {
        TestOrderContext order = order(claimedFen);
        order.submit(procedure);
        order.storeAndReloadResult();
        StepOutcome outcome = procedure.execute(order);
        assertEquals(OrderState.PENDING_CONFIRMATION, outcome.state());
        assertEquals(Awaiting.BACK_OFFICE, outcome.awaiting());
        order.storeAndReloadResult();
        return order;
    }

    private static Confirmation office(boolean approved, Long confirmedFen) {
        return new Confirmation(BankRefund.ACCOUNTING_OFFICE, approved, "核查", null, confirmedFen);
    }

    @Test
    public void rules5_theClaimIsQuotedAsMoneyPaidOutAndWaitsForTheAccountingOffice() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);

        Quote quote = order(8_000).submit(procedure);

        assertEquals(-8_000, quote.totalFen());
        assertEquals(BankRefund.BANK_REFUND, quote.items().get(0).code());
        waiting(8_000);
        assertEquals("nothing moves before the office confirms", List.of(), accounts.entries());
    }

    @Test
    public void rules5_neverMoreThanConfirmed_theRefundIsTheLowerOfClaimAndConfirmation() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
        TestOrderContext order = waiting(8_000);

        StepOutcome outcome = procedure.confirm(order, office(true, 5_000L));

        assertEquals(OrderState.COMPLETED, outcome.state());
        assertEquals(Long.valueOf(5_000), outcome.payOutFen());
        assertEquals(5_000L, order.result().get(BankRefund.RESULT_REFUND_FEN));
        assertEquals(5_000L, order.result().get(BankRefund.RESULT_CONFIRMED_FEN));
        assertTrue(audit.actions().contains("BANK_REFUND_CONFIRMED"));
    }

    @Test
    public void rules5_neverMoreThanClaimed_aConfirmationAboveTheClaimRefundsTheClaim() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
        TestOrderContext order = waiting(8_000);

        StepOutcome outcome = procedure.confirm(order, office(true, 9_000L));

        assertEquals(Long.valueOf(8_000), outcome.payOutFen());
    }

    @Test
    public void rules5_aDeclinedConfirmationRejectsTheOrderAndPaysNothing() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
        TestOrderContext order = waiting(8_000);

        StepOutcome outcome = procedure.confirm(order, office(false, null));

        assertEquals(OrderState.REJECTED, outcome.state());
        assertEquals(null, outcome.payOutFen());
        assertFalse(order.result().containsKey(BankRefund.RESULT_REFUND_FEN));
    }

    @Test
    public void rules5_anApprovalNamesThePositiveConfirmedAmount() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
        TestOrderContext order = waiting(8_000);

        ProblemException missing = assertThrows(ProblemException.class,
                () -> procedure.confirm(order, office(true, null)));
        assertEquals("CONFIRMED_AMOUNT_MISSING", missing.code());
        assertEquals("confirmedFen", missing.field());
        ProblemException zero = assertThrows(ProblemException.class, () -> procedure.confirm(order, office(true, 0L)));
        assertEquals("CONFIRMED_AMOUNT_INVALID", zero.code());
        assertEquals(400, zero.status());
    }

    @Test
    public void rules5_onlyTheAccountingOfficeConfirms() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
        TestOrderContext order = waiting(8_000);

        ProblemException e = assertThrows(ProblemException.class, () -> procedure.confirm(order,
                new Confirmation("BIG_CUSTOMER_OFFICE", true, null, null, 5_000L)));

        assertEquals("CONFIRMATION_STEP_INVALID", e.code());
        assertEquals("step", e.field());
    }

    @Test
    public void rules5_onlyABankCollectionAccount() {
        for (AccountType payer : List.of(AccountType.CASH_PREPAID, AccountType.CORPORATE_ACCOUNT)) {
            InMemorySubscribers fresh = new InMemorySubscribers();
            InMemoryAccounts freshAccounts = new InMemoryAccounts();
            BankRefund refund = new BankRefund(fresh, freshAccounts, audit);
            freshAccounts.seed(ACCOUNT, payer, "SN", "张三", 20_000);
            fresh.add(NUMBER, "SN", "SN-XA-001", ACCOUNT);
            TestOrderContext order = TestOrderContext.of(refund).msisdn(NUMBER).customer(InMemorySubscribers.HOLDER)
                    .documents(ALL_DOCUMENTS).param(BankRefund.CLAIMED_FEN, 8_000);

            ProblemException e = assertThrows(payer.name(), ProblemException.class, () -> order.submit(refund));

            assertEquals(payer.name(), 422, e.status());
            assertEquals(payer.name(), "REFUND_NOT_BANK_COLLECTION", e.code());
        }
    }

    @Test
    public void rules5_onlyAPersonalHolder() {
        Customer company = new Customer(CustomerType.CORPORATE, "西安某某科技有限公司", IdType.BUSINESS_LICENCE,
                TestOrderContext.CORPORATE_CODE, "西安");
        subscriber(AccountType.BANK_COLLECTION, company, 20_000);
        TestOrderContext order = TestOrderContext.of(procedure).msisdn(NUMBER).customer(company).byProxy()
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.PROXY_ID,
                        DocumentKind.REFUND_FORM, DocumentKind.BANK_HOLDER_ID, DocumentKind.BANK_PASSBOOK)
                .param(BankRefund.CLAIMED_FEN, 8_000);

        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));

        assertEquals(422, e.status());
        assertEquals("REFUND_NOT_PERSONAL", e.code());
    }

    @Test
    public void rules5_theRefundFormTheHoldersIdTheBankHoldersIdAndThePassbook() {
        assertEquals(ALL_DOCUMENTS, procedure.descriptor().documents());
        for (DocumentKind left : ALL_DOCUMENTS) {
            subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
            TestOrderContext order = TestOrderContext.of(procedure).msisdn(NUMBER).customer(InMemorySubscribers.HOLDER)
                    .documents(ALL_DOCUMENTS.stream().filter(k -> k != left).toList())
                    .param(BankRefund.CLAIMED_FEN, 8_000);

            ProblemException e = assertThrows(left.name(), ProblemException.class, () -> order.submit(procedure));

            assertEquals(left.name(), "DOCUMENT_MISSING", e.code());
            assertTrue(left.name(), e.detail().contains(left.name()));
        }
        assertTrue("a proxy shows its own ID too", AnnouncedDocuments.forHolder(procedure.descriptor(),
                CustomerType.PERSONAL, true).contains(DocumentKind.PROXY_ID));
    }

    @Test
    public void rules5_theHolderAsks() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);
        TestOrderContext order = order(8_000)
                .customer(new Customer(CustomerType.PERSONAL, "李四", IdType.PASSPORT, "E12345678", "西安"));

        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));

        assertEquals("HOLDER_MISMATCH", e.code());
    }

    @Test
    public void rules5_theClaimIsRefundedFromTheAccountSoNotAboveItsBalance() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 5_000);

        ProblemException e = assertThrows(ProblemException.class, () -> order(5_001).submit(procedure));

        assertEquals(422, e.status());
        assertEquals("REFUND_ABOVE_BALANCE", e.code());
        assertEquals("params.claimedFen", e.field());
    }

    @Test
    public void rules5_aClaimIsAtLeastOneFen() {
        subscriber(AccountType.BANK_COLLECTION, InMemorySubscribers.HOLDER, 20_000);

        ProblemException e = assertThrows(ProblemException.class, () -> order(0).submit(procedure));

        assertEquals(400, e.status());
        assertEquals("params.claimedFen", e.field());
    }
}
