package org.bizhall.procedure.products.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.TestOrderContext;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Test;

/** Rulebook §9 (seed 000 §6.10.5): international roaming opens with a deposit and a guarantee letter, closes freely. */
public class RoamingChangeTest {
    private static final String NUMBER = "13891800002";

    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final RoamingChange procedure = new RoamingChange(subscribers, accounts, new RecordingAuditLog());

    private TestOrderContext order(AccountType accountType, String action, DocumentKind... documents) {
        accounts.seed(7, accountType, "SN", "张三", 5000);
        subscribers.add(NUMBER, "SN", "SN-XA-001", 7);
        TestOrderContext order = TestOrderContext.of(procedure).msisdn(NUMBER)
                .customer(TestOrderContext.personal("张三")).documents(documents).param(RoamingChange.ACTION, action);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.INTL_ROAMING_DEPOSIT_FEN, 50000L);
        return order;
    }

    private boolean roaming() {
        return subscribers.find(new Msisdn(NUMBER)).orElseThrow().has(SubscriberFeatures.INTL_ROAMING);
    }

    @Test
    public void rules9_openingTakesTheProvinceDepositOnTheLedger() {
        TestOrderContext order = order(AccountType.CASH_PREPAID, "OPEN", DocumentKind.HOLDER_ID,
                DocumentKind.GUARANTEE_LETTER);
        assertEquals(50000, order.submit(procedure).totalFen());
        assertFalse("nothing changes before the payment", roaming());
        assertEquals(OrderState.COMPLETED, order.payAndExecute(procedure, PaymentMethod.CASH, 50000).state());
        assertTrue(roaming());
        assertEquals(50000, accounts.posted(7, RoamingChange.DEPOSIT));
        assertEquals(55000, accounts.balance(7));
    }

    @Test
    public void rules9_theDepositPaidIsCreditedEvenWhenTheProvinceChangedItSince() {
        TestOrderContext order = order(AccountType.BANK_COLLECTION, "OPEN", DocumentKind.HOLDER_ID,
                DocumentKind.GUARANTEE_LETTER);
        order.submit(procedure);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.INTL_ROAMING_DEPOSIT_FEN, 80000L);
        order.payAndExecute(procedure, PaymentMethod.CASH, 50000);
        assertEquals(50000, accounts.posted(7, RoamingChange.DEPOSIT));
    }

    @Test
    public void rules9_openingWithoutGuaranteeLetterIsRefused() {
        TestOrderContext order = order(AccountType.CASH_PREPAID, "OPEN", DocumentKind.HOLDER_ID);
        ProblemException e = assertThrows(ProblemException.class, () -> order.submit(procedure));
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail(), e.detail().contains("GUARANTEE_LETTER"));
        assertFalse(roaming());
        assertTrue(accounts.entries(7).isEmpty());
    }

    @Test
    public void rules9_corporateAccountPaysNoDepositAndSignsNoLetter() {
        TestOrderContext order = order(AccountType.CORPORATE_ACCOUNT, "OPEN", DocumentKind.HOLDER_ID);
        assertEquals(0, order.submit(procedure).totalFen());
        assertEquals(OrderState.COMPLETED, order.payAndExecute(procedure, null, 0).state());
        assertTrue(roaming());
        assertEquals(0, accounts.posted(7, RoamingChange.DEPOSIT));
    }

    @Test
    public void rules9_theLetterIsAnnouncedAsItsOwnCase() {
        Map<String, List<DocumentKind>> cases = procedure.descriptor().documentsByCase();
        assertEquals(List.of(DocumentKind.GUARANTEE_LETTER), cases.get(RoamingChange.OPEN_CASE));
        assertEquals(List.of(DocumentKind.HOLDER_ID), procedure.descriptor().documents());
        assertFalse(AnnouncedDocuments.required(procedure.descriptor(),
                org.bizhall.api.customer.CustomerType.PERSONAL, false).contains(DocumentKind.GUARANTEE_LETTER));
    }

    @Test
    public void rules9_closingIsFreeAndRefundsNothing() {
        TestOrderContext open = order(AccountType.CASH_PREPAID, "OPEN", DocumentKind.HOLDER_ID,
                DocumentKind.GUARANTEE_LETTER);
        open.submit(procedure);
        open.payAndExecute(procedure, PaymentMethod.CASH, 50000);
        int entries = accounts.entries(7).size();

        TestOrderContext close = TestOrderContext.of(procedure).msisdn(NUMBER)
                .customer(TestOrderContext.personal("张三")).documents(DocumentKind.HOLDER_ID)
                .param(RoamingChange.ACTION, "CLOSE");
        assertEquals(0, close.submit(procedure).totalFen());
        assertEquals(OrderState.COMPLETED, close.payAndExecute(procedure, null, 0).state());
        assertFalse(roaming());
        assertEquals(entries, accounts.entries(7).size());
        assertEquals(55000, accounts.balance(7));
        assertEquals(RoamingChange.DEPOSIT_KEPT, close.result.get(ResultKeys.NOTICE));
    }

    @Test
    public void rules9_openingWhatIsOpenOrClosingWhatIsClosedIsRefused() {
        TestOrderContext close = order(AccountType.CASH_PREPAID, "CLOSE", DocumentKind.HOLDER_ID);
        assertEquals("INTL_ROAMING_NOT_OPEN", assertThrows(ProblemException.class, () -> close.submit(procedure)).code());
        subscribers.changeFeatures(new Msisdn(NUMBER), Set.of(SubscriberFeatures.INTL_ROAMING), Set.of(), "setup");
        TestOrderContext open = order(AccountType.CASH_PREPAID, "OPEN", DocumentKind.HOLDER_ID,
                DocumentKind.GUARANTEE_LETTER);
        subscribers.changeFeatures(new Msisdn(NUMBER), Set.of(SubscriberFeatures.INTL_ROAMING), Set.of(), "setup");
        assertEquals("INTL_ROAMING_ALREADY_OPEN", assertThrows(ProblemException.class, () -> open.submit(procedure)).code());
    }

    @Test
    public void rules9_anUnknownActionIsBadInput() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> order(AccountType.CASH_PREPAID, "PAUSE", DocumentKind.HOLDER_ID).submit(procedure));
        assertEquals(400, e.status());
        assertEquals("params.action", e.field());
    }
}
