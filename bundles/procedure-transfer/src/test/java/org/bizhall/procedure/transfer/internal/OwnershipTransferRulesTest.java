package org.bizhall.procedure.transfer.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryArrears;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

/**
 * Rulebook §4 (seed 000 §6.5), 过户: both holders' documents (a company's licence and unit certificate, a bank payer's
 * account-holder ID, a corporate account's seal card); the old holder's arrears settled first; the new holder real-time
 * prepaid unless on a corporate account; a deposit of at least 200 yuan, 500 with international long distance
 * (province parameters). Refusals change nothing.
 */
public class OwnershipTransferRulesTest {
    private static final String NUMBER = "13891800088";
    private static final long OLD_ACCOUNT = 88;
    private static final Customer OLD_HOLDER = InMemorySubscribers.HOLDER;
    private static final String NEW_ID = "61010319800101001" + ResidentId.checkCharacter("61010319800101001");
    private static final Party NEW_HOLDER = new Party(PartyRole.NEW_HOLDER, CustomerType.PERSONAL, "李四",
            IdType.ID_CARD, NEW_ID);
    private static final Party NEW_COMPANY = new Party(PartyRole.NEW_HOLDER, CustomerType.CORPORATE, "西安某某科技有限公司",
            IdType.BUSINESS_LICENCE, TestOrderContext.CORPORATE_CODE);

    private final SettableClock clock = new SettableClock();
    private final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    private final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    private final InMemoryArrears arrears = new InMemoryArrears(subscribers, accounts, clock);
    private final RecordingAuditLog audit = new RecordingAuditLog(clock);
    private final OwnershipTransfer procedure = new OwnershipTransfer(subscribers, accounts, arrears, audit);

    private Subscriber subscriber(AccountType payer, long balanceFen, List<String> features) {
        accounts.seed(OLD_ACCOUNT, payer, "SN", OLD_HOLDER.name(), balanceFen);
        subscribers.register(new NewSubscriber(NUMBER, "SN", "SN-XA-001", OLD_HOLDER, "GOTONE-88", features,
                OLD_ACCOUNT, "135790", "open-1"));
        return subscribers.find(new Msisdn(NUMBER)).orElseThrow();
    }

    private Subscriber subscriber(long balanceFen) {
        return subscriber(AccountType.CASH_PREPAID, balanceFen, List.of());
    }

    private TestOrderContext order(Party newHolder) {
        return TestOrderContext.of(procedure).msisdn(NUMBER).customer(OLD_HOLDER).party(newHolder)
                .documents(DocumentKind.HOLDER_ID, DocumentKind.NEW_HOLDER_ID);
    }

    private TestOrderContext order() {
        return order(NEW_HOLDER);
    }

    /** Quote, the payment of its total in cash, execute: as the engine runs them. */
    private TestOrderContext transferred(TestOrderContext order) {
        Quote quote = order.submit(procedure);
        order.storeAndReloadResult();
        assertEquals(OrderState.COMPLETED, order.payAndExecute(procedure, PaymentMethod.CASH, quote.totalFen()).state());
        return order;
    }

    private void assertNothingChanged(long oldBalance) {
        Subscriber after = subscribers.find(new Msisdn(NUMBER)).orElseThrow();
        assertEquals(OLD_ACCOUNT, after.accountId());
        assertTrue(subscribers.holderMatches(new Msisdn(NUMBER), OLD_HOLDER.name()));
        assertEquals(oldBalance, accounts.balance(OLD_ACCOUNT));
        assertEquals(1, accounts.all().size());
        assertEquals(List.of(), accounts.entries());
        assertEquals(List.of(), audit.entries());
    }

    @Test
    public void rules4_theNewHolderGetsTheNumberAndANewRealTimePrepaidAccount() {
        subscriber(5_000);

        TestOrderContext order = transferred(order());

        Subscriber after = subscribers.find(new Msisdn(NUMBER)).orElseThrow();
        assertTrue(subscribers.holderMatches(new Msisdn(NUMBER), "李四"));
        assertFalse(subscribers.holderMatches(new Msisdn(NUMBER), OLD_HOLDER.name()));
        assertTrue(NEW_HOLDER.asCustomer().sameDocumentAs(after.holder()));
        Account account = accounts.find(after.accountId()).orElseThrow();
        assertTrue("a new account", account.id() != OLD_ACCOUNT);
        assertEquals(AccountType.CASH_PREPAID, account.type());
        assertEquals("李四", account.holderName());
        assertEquals(20_000, account.balanceFen());
        assertEquals(List.of(OwnershipTransfer.DEPOSIT),
                accounts.entries(account.id()).stream().map(e -> e.kind()).toList());
        assertEquals("the old holder's balance stays theirs", 5_000, accounts.balance(OLD_ACCOUNT));
        assertFalse("the old holder's service password is cleared", after.servicePasswordSet());
        assertEquals(account.id(), ((Number) order.result().get("newAccountId")).longValue());
    }

    @Test
    public void rules4_theOldHoldersArrearsAreSettledFirst() {
        subscriber(-3_500);
        arrears.currentMonthFen = 1_000;

        Quote quote = order().submit(procedure);

        assertEquals(List.of("ARREARS", "ARREARS", "DEPOSIT"), quote.items().stream().map(QuoteItem::code).toList());
        assertEquals(2_500, quote.items().get(0).amountFen());
        assertEquals(1_000, quote.items().get(1).amountFen());
        assertEquals(3_500 + 20_000, quote.totalFen());

        TestOrderContext order = order();
        transferred(order);
        assertEquals("the arrears paid to the old account", 0, accounts.balance(OLD_ACCOUNT));
        assertEquals(3_500, accounts.posted(OLD_ACCOUNT, OwnershipTransfer.LEDGER_PAYMENT));
        long newAccount = subscribers.find(new Msisdn(NUMBER)).orElseThrow().accountId();
        assertEquals("the deposit to the new one", 20_000, accounts.balance(newAccount));
        assertEquals(3_500L, ((Number) order.result().get("arrearsPaidFen")).longValue());
    }

    @Test
    public void rules4_aNumberSuspendedForTheOldHoldersArrearsIsRestored() {
        subscriber(-3_500);
        subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.SUSPENDED_ARREARS, "collection");

        transferred(order());

        assertEquals(SubscriberStatus.ACTIVE, subscribers.status(NUMBER));
    }

    @Test
    public void rules4_theDepositIsAtLeast200Yuan_belowRefusedAndNothingChanges() {
        subscriber(5_000);
        TestOrderContext order = order().param(OwnershipTransfer.DEPOSIT_FEN, 19_999);

        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));

        assertEquals(422, e.status());
        assertEquals("TRANSFER_DEPOSIT_TOO_LOW", e.code());
        assertEquals("params.depositFen", e.field());
        assertTrue(e.detail().contains("200.00"));
        assertNothingChanged(5_000);
        assertEquals(20_000, order().param(OwnershipTransfer.DEPOSIT_FEN, 20_000).submit(procedure).totalFen());
    }

    @Test
    public void rules4_theDepositIsAtLeast500YuanWithInternationalLongDistance() {
        subscriber(AccountType.CASH_PREPAID, 5_000, List.of(SubscriberFeatures.INTL_LONG_DISTANCE));

        ProblemException e = assertThrows(ProblemException.class,
                () -> order().param(OwnershipTransfer.DEPOSIT_FEN, 49_999).submit(procedure));

        assertEquals("TRANSFER_DEPOSIT_TOO_LOW", e.code());
        assertTrue(e.detail().contains("500.00"));
        assertEquals("the default deposit is the minimum", 50_000, order().submit(procedure).totalFen());
    }

    @Test
    public void rules4_theMinimumDepositsAreProvinceParameters() {
        subscriber(5_000);
        TestOrderContext order = order().param(OwnershipTransfer.DEPOSIT_FEN, 25_000);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.TRANSFER_MIN_DEPOSIT_FEN, 30_000L);

        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));

        assertEquals("TRANSFER_DEPOSIT_TOO_LOW", e.code());
        TestOrderContext lower = order().param(OwnershipTransfer.DEPOSIT_FEN, 15_000);
        lower.provinceParams = new TestProvinceParams("SN").with(NationalParams.TRANSFER_MIN_DEPOSIT_FEN, 10_000L);
        assertEquals(15_000, lower.submit(procedure).totalFen());
    }

    @Test
    public void rules4_theNewHolderIsRealTimePrepaid_notBankCollection() {
        subscriber(5_000);

        ProblemException e = assertThrows(ProblemException.class, () -> order()
                .param(OwnershipTransfer.ACCOUNT_TYPE, "BANK_COLLECTION").submit(procedure));

        assertEquals(422, e.status());
        assertEquals("TRANSFER_PREPAID_REQUIRED", e.code());
        assertEquals("params.accountType", e.field());
        assertNothingChanged(5_000);
    }

    @Test
    public void rules4_exceptACorporateNewHolderOnItsCorporateAccount() {
        subscriber(5_000);
        ProblemException personal = assertThrows(ProblemException.class, () -> order(NEW_HOLDER)
                .param(OwnershipTransfer.ACCOUNT_TYPE, "CORPORATE_ACCOUNT").document(DocumentKind.SEAL_CARD)
                .submit(procedure));
        assertEquals("CORPORATE_ACCOUNT_NEEDS_CORPORATE_CUSTOMER", personal.code());
        ProblemException noSealCard = assertThrows(ProblemException.class, () -> order(NEW_COMPANY)
                .param(OwnershipTransfer.ACCOUNT_TYPE, "CORPORATE_ACCOUNT")
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE).submit(procedure));
        assertTrue(noSealCard.detail().contains("SEAL_CARD"));
        TestOrderContext order = order(NEW_COMPANY).param(OwnershipTransfer.ACCOUNT_TYPE, "CORPORATE_ACCOUNT")
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.SEAL_CARD);

        assertEquals("a corporate account keeps no deposit", 0, order.submit(procedure).totalFen());
        order.storeAndReloadResult();
        procedure.execute(order);

        Account account = accounts.find(subscribers.find(new Msisdn(NUMBER)).orElseThrow().accountId()).orElseThrow();
        assertEquals(AccountType.CORPORATE_ACCOUNT, account.type());
    }

    @Test
    public void rules4_bothHoldersIdsAreShown() {
        assertEquals(List.of(DocumentKind.HOLDER_ID, DocumentKind.NEW_HOLDER_ID), procedure.descriptor().documents());
        subscriber(5_000);
        for (DocumentKind left : List.of(DocumentKind.HOLDER_ID, DocumentKind.NEW_HOLDER_ID)) {
            TestOrderContext order = TestOrderContext.of(procedure).msisdn(NUMBER).customer(OLD_HOLDER)
                    .party(NEW_HOLDER).documents(left == DocumentKind.HOLDER_ID ? DocumentKind.NEW_HOLDER_ID
                            : DocumentKind.HOLDER_ID);

            ProblemException e = assertThrows(left.name(), ProblemException.class, () -> order.submit(procedure));

            assertEquals("DOCUMENT_MISSING", e.code());
            assertTrue(e.detail().contains(left.name()));
        }
    }

    @Test
    public void rules4_aCorporateNewHolderShowsItsLicenceAndUnitCertificate() {
        subscriber(5_000);

        ProblemException e = assertThrows(ProblemException.class,
                () -> order(NEW_COMPANY).document(DocumentKind.BUSINESS_LICENCE).submit(procedure));

        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("UNIT_CERTIFICATE"));
        assertEquals(List.of(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE),
                procedure.descriptor().documentsByCase().get(OwnershipTransfer.CASE_NEW_HOLDER_CORPORATE));
        assertEquals(20_000, order(NEW_COMPANY).documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE)
                .submit(procedure).totalFen());
    }

    @Test
    public void rules4_aBankCollectionPayerShowsTheBankAccountHoldersId() {
        subscriber(AccountType.BANK_COLLECTION, 5_000, List.of());

        ProblemException e = assertThrows(ProblemException.class, () -> order().submit(procedure));

        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("BANK_HOLDER_ID"));
        Quote quote = order().document(DocumentKind.BANK_HOLDER_ID).submit(procedure);
        assertEquals(20_000, quote.totalFen());
    }

    @Test
    public void rules4_aCorporateAccountPayerShowsTheSealCard() {
        subscriber(AccountType.CORPORATE_ACCOUNT, 5_000, List.of());

        ProblemException e = assertThrows(ProblemException.class, () -> order().submit(procedure));

        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("SEAL_CARD"));
    }

    @Test
    public void rules4_theCustomerIsTheHolder() {
        subscriber(5_000);

        ProblemException e = assertThrows(ProblemException.class, () -> order()
                .customer(new Customer(CustomerType.PERSONAL, "王五", IdType.PASSPORT, "E1234567", "西安"))
                .submit(procedure));

        assertEquals("HOLDER_MISMATCH", e.code());
        assertNothingChanged(5_000);
    }

    @Test
    public void rules4_theNewHolderIsNamedAndIsSomeoneElse() {
        subscriber(5_000);
        TestOrderContext none = TestOrderContext.of(procedure).msisdn(NUMBER).customer(OLD_HOLDER)
                .documents(DocumentKind.HOLDER_ID, DocumentKind.NEW_HOLDER_ID);

        assertEquals("NEW_HOLDER_REQUIRED", assertThrows(ProblemException.class, () -> none.submit(procedure)).code());
        Party same = new Party(PartyRole.NEW_HOLDER, CustomerType.PERSONAL, OLD_HOLDER.name(), OLD_HOLDER.idType(),
                OLD_HOLDER.idNumber());
        assertEquals("TRANSFER_SAME_HOLDER",
                assertThrows(ProblemException.class, () -> order(same).submit(procedure)).code());
        assertNothingChanged(5_000);
    }

    @Test
    public void rules4_aNumberWaitingForItsCancellationIsNotTransferred() {
        subscriber(5_000);
        subscribers.changeStatus(new Msisdn(NUMBER), Set.of(SubscriberStatus.ACTIVE),
                SubscriberStatus.PENDING_CANCELLATION, clock.now().toLocalDate().plusMonths(3), "pre");

        assertEquals("SUBSCRIBER_PENDING_CANCELLATION",
                assertThrows(ProblemException.class, () -> order().submit(procedure)).code());
    }

    @Test
    public void rules4_theOldHoldersDepositDoesNotPayTheTransfer() {
        subscriber(50_000);
        TestOrderContext order = order();
        order.submit(procedure);

        ProblemException e = assertThrows(ProblemException.class,
                () -> order.payAndExecute(procedure, PaymentMethod.DEPOSIT, 20_000));

        assertEquals("PAYMENT_METHOD_NOT_ACCEPTED", e.code());
    }

    @Test
    public void rules4_bothHoldersAreAuditedMasked() {
        subscriber(5_000);

        transferred(order());

        AuditEntry entry = audit.entries().stream().filter(a -> a.action().equals("OWNERSHIP_TRANSFERRED"))
                .findFirst().orElseThrow();
        assertTrue(entry.detail(), entry.detail().contains("张*") && entry.detail().contains("李*"));
        assertFalse(entry.detail(), entry.detail().contains("张三") || entry.detail().contains("李四"));
        assertFalse(entry.detail(), entry.detail().contains(OLD_HOLDER.idNumber()) || entry.detail().contains(NEW_ID));
        assertEquals(Long.valueOf(20_000), entry.amountFen());
    }

    @Test
    public void rules4_theOrderKeepsTheNewHolderMaskedAndTheReminder() {
        subscriber(5_000);
        TestOrderContext order = order();
        order.submit(procedure);

        assertEquals("李*", order.result().get("newHolder"));
        assertEquals(OwnershipTransfer.SETTLEMENT_REMINDER, order.result().get("reminder"));
    }
}
