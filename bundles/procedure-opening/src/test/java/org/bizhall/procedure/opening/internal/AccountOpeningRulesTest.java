package org.bizhall.procedure.opening.internal;

import org.bizhall.testing.TestOrderContext;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.CreditCode;
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
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryCatalog;
import org.bizhall.testing.InMemoryCustomerCategories;
import org.bizhall.testing.InMemoryNumberPool;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParams;
import org.junit.Before;
import org.junit.Test;

/** The rules of account opening (rulebook §1), one test per rule, against in-memory core services. */
public class AccountOpeningRulesTest {
    private static final String PLAIN_NUMBER = "13891800123";
    private static final String NUMBER_8888 = "13891808888";
    private static final String NUMBER_88 = "13891800188";
    private static final String HOLDER_ID = "11010519491231002X";
    private static final String PROXY_ID = idNumber("61010219800101123");
    private static final String CREDIT_CODE = creditCode("91610131MA6U00001");
    private static final String ADDRESS = "陕西省西安市雁塔区科技路1号";

    private SettableClock clock;
    private InMemoryNumberPool pool;
    private InMemoryAccounts accounts;
    private InMemorySubscribers subscribers;
    private RecordingAuditLog audit;
    private InMemoryCustomerCategories categories;
    private AccountOpening opening;

    @Before
    public void setUp() {
        clock = new SettableClock();
        pool = new InMemoryNumberPool(clock);
        pool.with(PLAIN_NUMBER, "SN", 0);
        pool.with(NUMBER_8888, "SN", 20000);
        pool.with(NUMBER_88, "SN", 5000);
        accounts = new InMemoryAccounts(clock);
        subscribers = new InMemorySubscribers(clock);
        audit = new RecordingAuditLog(clock);
        categories = new InMemoryCustomerCategories(subscribers, clock);
        opening = new AccountOpening(pool, InMemoryCatalog.demo(), accounts, subscribers, audit, categories);
    }

    // ---- rule 1.1: the number is reserved first, with a time limit --------------------------------------------

    @Test
    public void numberIsHeldAtQuoteAndAssignedAtExecute_rule1_1() {
        TestOrderContext order = personalOrder();

        quote(order);
        assertEquals(NumberStatus.RESERVED, pool.number(PLAIN_NUMBER).status());
        assertEquals("order-1", pool.number(PLAIN_NUMBER).orderId());
        assertNotNull("the customer is told how long the number is held", order.result.get("reservationExpiresAt"));

        payAndExecute(order, PaymentMethod.CASH, 20000);
        assertEquals(NumberStatus.ASSIGNED, pool.number(PLAIN_NUMBER).status());
        assertEquals(PLAIN_NUMBER, order.result.get("msisdn"));
    }

    @Test
    public void numberHeldForSomeoneElseIsRefused_rule1_1() {
        pool.reserve(new Msisdn(PLAIN_NUMBER), "SN", "op-sn2");

        ProblemException e = refused(personalOrder());
        assertEquals(409, e.status());
        assertEquals("NUMBER_RESERVED", e.code());
    }

    @Test
    public void operatorsOwnReservationBecomesTheOrdersHold_rule1_1() {
        pool.reserve(new Msisdn(PLAIN_NUMBER), "SN", "op-sn");

        quote(personalOrder());
        assertEquals("order-1", pool.number(PLAIN_NUMBER).orderId());
    }

    @Test
    public void lapsedHoldOpensNothing_rule1_1() {
        TestOrderContext order = personalOrder();
        quote(order);
        clock.plusMinutes(31);
        order.pay(PaymentMethod.CASH, 10000);

        ProblemException e = assertThrows(ProblemException.class, () -> opening.execute(order));
        assertEquals("RESERVATION_EXPIRED", e.code());
        assertTrue("no account is opened for a number the order lost", accounts.all().isEmpty());
        assertEquals(0, subscribers.count());
    }

    @Test
    public void cancelGivesTheNumberBackToThePool_rule1_1() {
        TestOrderContext order = personalOrder();
        quote(order);

        opening.cancel(order);
        assertEquals(NumberStatus.AVAILABLE, pool.number(PLAIN_NUMBER).status());
        opening.cancel(order);
        assertEquals("a second cancel finds nothing to give back and still succeeds", NumberStatus.AVAILABLE,
                pool.number(PLAIN_NUMBER).status());
    }

    // ---- rule 1.2: customer type from the documents, complete data, committed after payment --------------------

    @Test
    public void incompleteCustomerDataIsRefused_rule1_2() {
        TestOrderContext order = personalOrder();
        order.customer = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, HOLDER_ID, " ");

        ProblemException e = refused(order);
        assertEquals(422, e.status());
        assertEquals("CUSTOMER_INCOMPLETE", e.code());
        assertEquals("customer.address", e.field());
        assertEquals("a refused opening holds no number", NumberStatus.AVAILABLE, pool.number(PLAIN_NUMBER).status());
    }

    @Test
    public void customerDataIsCommittedOnlyAfterPayment_rule1_2() {
        TestOrderContext order = personalOrder();
        quote(order);
        assertTrue(accounts.all().isEmpty());
        assertEquals(0, subscribers.count());

        payAndExecute(order, PaymentMethod.CASH, 11000);
        Subscriber subscriber = subscribers.find(new Msisdn(PLAIN_NUMBER)).orElseThrow();
        assertEquals(SubscriberStatus.ACTIVE, subscriber.status());
        assertEquals("张三", subscriber.holder().name());
        assertEquals("GOTONE-88", subscriber.packageCode());
        assertEquals("SN-XA-001", subscriber.hall());
        assertEquals(subscriber.accountId(), ((Number) order.result.get("accountId")).longValue());
        assertEquals("张三", accounts.all().get(0).holderName());
    }

    @Test
    public void personalCustomerShowsHolderId_documents() {
        TestOrderContext order = personalOrder();
        order.documents.clear();

        ProblemException e = refused(order);
        assertEquals("DOCUMENT_MISSING", e.code());
        assertEquals("documents", e.field());
        assertTrue(e.detail().contains("HOLDER_ID"));
    }

    @Test
    public void proxyForPersonalCustomerShowsOwnId_documents() {
        TestOrderContext order = personalOrder();
        order.parties.add(new Party(PartyRole.PROXY, CustomerType.PERSONAL, "李四", IdType.ID_CARD, PROXY_ID));

        ProblemException e = refused(order);
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("PROXY_ID"));

        order.document(DocumentKind.PROXY_ID);
        quote(order);
    }

    @Test
    public void corporateNeedsUnitCertificateLicenceAndProxy_documents() {
        TestOrderContext noProxy = corporateOrder();
        noProxy.parties.clear();
        ProblemException e = refused(noProxy);
        assertEquals(422, e.status());
        assertEquals("PROXY_REQUIRED", e.code());

        TestOrderContext noLicence = corporateOrder();
        noLicence.documents.removeIf(d -> d.kind() == DocumentKind.BUSINESS_LICENCE);
        e = refused(noLicence);
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("BUSINESS_LICENCE"));

        TestOrderContext noCertificate = corporateOrder();
        noCertificate.documents.removeIf(d -> d.kind() == DocumentKind.UNIT_CERTIFICATE);
        assertTrue(refused(noCertificate).detail().contains("UNIT_CERTIFICATE"));

        TestOrderContext noProxyId = corporateOrder();
        noProxyId.documents.removeIf(d -> d.kind() == DocumentKind.PROXY_ID);
        assertTrue(refused(noProxyId).detail().contains("PROXY_ID"));

        TestOrderContext complete = corporateOrder();
        assertFalse("a corporate customer needs no personal holder ID", complete.hasDocument(DocumentKind.HOLDER_ID));
        quote(complete);
    }

    // ---- rule 1.3: the package, and its price for this action and time ----------------------------------------

    @Test
    public void unknownPackageIsRefused_rule1_3() {
        TestOrderContext order = personalOrder().param("package", "GOTONE-999");

        ProblemException e = refused(order);
        assertEquals(422, e.status());
        assertEquals("PACKAGE_UNKNOWN", e.code());
        assertEquals("params.package", e.field());
    }

    @Test
    public void missingPackageIsMalformed_rule1_3() {
        TestOrderContext order = personalOrder();
        order.params.remove("package");

        ProblemException e = refused(order);
        assertEquals(400, e.status());
        assertEquals("params.package", e.field());
    }

    @Test
    public void packagePriceForTheJoiningDayIsTold_rule1_3() {
        TestOrderContext early = personalOrder();
        early.now = OffsetDateTime.parse("2026-11-15T23:30:00+08:00");
        quote(early);
        assertEquals(8800L, early.result.get("monthlyRentFen"));
        assertEquals("joined by the 15th: the full month", 8800L, early.result.get("firstMonthRentFen"));

        setUp();
        TestOrderContext late = personalOrder();
        // 16:30 UTC on the 15th is already the 16th in the business zone.
        late.now = OffsetDateTime.parse("2026-11-15T16:30:00Z");
        quote(late);
        assertEquals("joined on the 16th or later: half a month", 4400L, late.result.get("firstMonthRentFen"));

        setUp();
        TestOrderContext daily = personalOrder().param("package", "EASYOWN-BASIC");
        daily.now = OffsetDateTime.parse("2026-11-21T10:00:00+08:00");
        quote(daily);
        // 10 days left in November: 1000 × 12 / 365 × 10 = 328.77 → 329 fen.
        assertEquals(329L, daily.result.get("firstMonthRentFen"));
    }

    // ---- rule 1.4: fees ---------------------------------------------------------------------------------------

    @Test
    public void depositBelowProvinceMinimumIsRefused_rule1_4() {
        TestOrderContext order = personalOrder().param("depositFen", 9999);

        ProblemException e = refused(order);
        assertEquals(422, e.status());
        assertEquals("DEPOSIT_TOO_LOW", e.code());
        assertEquals("params.depositFen", e.field());
    }

    @Test
    public void depositDefaultsToProvinceMinimum_rule1_4() {
        Quote quote = quote(personalOrder());
        assertEquals(10000, amount(quote, "DEPOSIT"));
        assertEquals("预存话费", item(quote, "DEPOSIT").orElseThrow().description());
    }

    @Test
    public void simFeeWaivedWhenDepositReachesWaiverAmount_rule1_4() {
        Quote quote = quote(personalOrder().param("depositFen", 10000));

        QuoteItem sim = item(quote, "SIM_CARD").orElseThrow();
        assertEquals(0, sim.amountFen());
        assertTrue(sim.description().contains("免"));
        assertEquals(10000, quote.totalFen());
    }

    @Test
    public void simFeeChargedWhenDepositBelowWaiverAmount_rule1_4() {
        TestOrderContext order = personalOrder().param("depositFen", 5000);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.OPENING_DEPOSIT_FEN, 5000);

        Quote quote = quote(order);
        assertEquals(1000, amount(quote, "SIM_CARD"));
        assertEquals("SIM卡费", item(quote, "SIM_CARD").orElseThrow().description());
        assertEquals(6000, quote.totalFen());
    }

    @Test
    public void countyHallWaivesSimFeeFromTheSmallerCountyDeposit_rule1_4() {
        TestOrderContext county = personalOrder().param("depositFen", 5000);
        county.hall = TestOrderContext.COUNTY_HALL;
        county.provinceParams = new TestProvinceParams("SN").with(NationalParams.OPENING_DEPOSIT_FEN, 3000);
        assertEquals(0, amount(quote(county), "SIM_CARD"));

        setUp();
        TestOrderContext countyBelow = personalOrder().param("depositFen", 4999);
        countyBelow.hall = TestOrderContext.COUNTY_HALL;
        countyBelow.provinceParams = new TestProvinceParams("SN").with(NationalParams.OPENING_DEPOSIT_FEN, 3000);
        assertEquals("the county SIM fee is the national 10 yuan", 1000, amount(quote(countyBelow), "SIM_CARD"));

        setUp();
        TestOrderContext city = personalOrder().param("depositFen", 5000);
        city.provinceParams = new TestProvinceParams("SN").with(NationalParams.OPENING_DEPOSIT_FEN, 3000);
        assertEquals(1000, amount(quote(city), "SIM_CARD"));
    }

    @Test
    public void numberPrestoreIsQuotedAndCredited_rule1_4() {
        TestOrderContext order = personalOrder();
        order.msisdn = NUMBER_8888;

        Quote quote = quote(order);
        QuoteItem prestore = item(quote, "PRESTORE").orElseThrow();
        assertEquals(20000, prestore.amountFen());
        assertEquals("号码预存款", prestore.description());
        assertEquals(30000, quote.totalFen());

        payAndExecute(order, PaymentMethod.CASH, 30000);
        long account = accountId(order);
        assertEquals(20000, accounts.posted(account, "PRESTORE"));
    }

    @Test
    public void numberWithoutPrestoreQuotesNone_rule1_4() {
        assertFalse(item(quote(personalOrder()), "PRESTORE").isPresent());
    }

    @Test
    public void intlRoamingAddsExtraDeposit_rule1_4() {
        TestOrderContext order = personalOrder().param("intlRoaming", true);

        Quote quote = quote(order);
        QuoteItem roaming = item(quote, "INTL_ROAMING_DEPOSIT").orElseThrow();
        assertEquals(50000, roaming.amountFen());
        assertEquals("国际漫游押金", roaming.description());
        assertEquals(60000, quote.totalFen());

        payAndExecute(order, PaymentMethod.CASH, 60000);
        assertEquals(50000, accounts.posted(accountId(order), "INTL_ROAMING_DEPOSIT"));
        assertTrue(subscribers.find(new Msisdn(PLAIN_NUMBER)).orElseThrow().features().contains("INTL_ROAMING"));
    }

    @Test
    public void intlRoamingAskedAsFeatureStillTakesItsDeposit_rule1_4() {
        TestOrderContext order = personalOrder().param("features", List.of("INTL_ROAMING"));

        assertEquals(50000, amount(quote(order), "INTL_ROAMING_DEPOSIT"));
    }

    @Test
    public void intlRoamingIsNotForCorporateAccount_rule1_4() {
        TestOrderContext order = corporateAccountOrder().param("intlRoaming", true);

        ProblemException e = refused(order);
        assertEquals(422, e.status());
        assertEquals("INTL_ROAMING_NOT_FOR_CORPORATE_ACCOUNT", e.code());
    }

    @Test
    public void corporateAccountHasNoDeposit_rule1_4() {
        TestOrderContext order = corporateAccountOrder();
        Quote quote = quote(order);
        assertFalse(item(quote, "DEPOSIT").isPresent());
        assertEquals("no deposit, so no waiver: the SIM card is paid", 1000, amount(quote, "SIM_CARD"));
        assertEquals(1000, quote.totalFen());

        payAndExecute(order, PaymentMethod.CASH, 1000);
        Account account = accounts.find(accountId(order)).orElseThrow();
        assertEquals(AccountType.CORPORATE_ACCOUNT, account.type());
        assertEquals(0, account.balanceFen());

        setUp();
        ProblemException e = refused(corporateAccountOrder().param("depositFen", 10000));
        assertEquals(422, e.status());
        assertEquals("DEPOSIT_NOT_FOR_CORPORATE_ACCOUNT", e.code());
        assertEquals("params.depositFen", e.field());
    }

    // ---- rule 1.5: bank collection and corporate account payers ------------------------------------------------

    @Test
    public void bankCollectionNeedsPassbookHolderIdAndBankConfirmation_rule1_5() {
        TestOrderContext noHolder = bankCollectionOrder();
        noHolder.parties.clear();
        assertEquals("BANK_ACCOUNT_HOLDER_REQUIRED", refused(noHolder).code());

        TestOrderContext noPassbook = bankCollectionOrder();
        noPassbook.documents.removeIf(d -> d.kind() == DocumentKind.BANK_PASSBOOK);
        ProblemException e = refused(noPassbook);
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("BANK_PASSBOOK"));

        TestOrderContext noHolderId = bankCollectionOrder();
        noHolderId.documents.removeIf(d -> d.kind() == DocumentKind.BANK_HOLDER_ID);
        assertTrue(refused(noHolderId).detail().contains("BANK_HOLDER_ID"));

        TestOrderContext notConfirmed = bankCollectionOrder();
        notConfirmed.params.remove("bankConfirmed");
        e = refused(notConfirmed);
        assertEquals(422, e.status());
        assertEquals("BANK_ACCOUNT_NOT_CONFIRMED", e.code());
        assertEquals("params.bankConfirmed", e.field());

        TestOrderContext complete = bankCollectionOrder();
        Quote quote = quote(complete);
        assertEquals("bank collection still pays the opening deposit", 10000, amount(quote, "DEPOSIT"));
        payAndExecute(complete, PaymentMethod.CASH, 10000);
        assertEquals(AccountType.BANK_COLLECTION, accounts.find(accountId(complete)).orElseThrow().type());
    }

    @Test
    public void corporateAccountNeedsCorporateCustomerSealCardAndBankConfirmation_rule1_5() {
        TestOrderContext personal = personalOrder().param("accountType", "CORPORATE_ACCOUNT").param("bankConfirmed", true);
        personal.document(DocumentKind.SEAL_CARD);
        ProblemException e = refused(personal);
        assertEquals(422, e.status());
        assertEquals("CORPORATE_ACCOUNT_NEEDS_CORPORATE_CUSTOMER", e.code());

        TestOrderContext noSealCard = corporateAccountOrder();
        noSealCard.documents.removeIf(d -> d.kind() == DocumentKind.SEAL_CARD);
        e = refused(noSealCard);
        assertEquals("DOCUMENT_MISSING", e.code());
        assertTrue(e.detail().contains("SEAL_CARD"));

        TestOrderContext notConfirmed = corporateAccountOrder();
        notConfirmed.params.remove("bankConfirmed");
        assertEquals("BANK_ACCOUNT_NOT_CONFIRMED", refused(notConfirmed).code());

        quote(corporateAccountOrder());
    }

    // ---- rule 1.6: service password, signatures -----------------------------------------------------------------

    @Test
    public void passwordAdvisedWhenNotSet_rule1_6() {
        TestOrderContext order = personalOrder();
        quote(order);
        payAndExecute(order, PaymentMethod.CASH, 10000);

        assertEquals(false, order.result.get("servicePasswordSet"));
        assertTrue(String.valueOf(order.result.get("servicePasswordAdvice")).contains("服务密码"));
    }

    @Test
    public void passwordGivenIsSetAndNeverEchoed_rule1_6() {
        TestOrderContext order = personalOrder().param("servicePassword", "135790");
        quote(order);
        payAndExecute(order, PaymentMethod.CASH, 10000);

        assertEquals(true, order.result.get("servicePasswordSet"));
        assertNull(order.result.get("servicePasswordAdvice"));
        assertEquals("135790", subscribers.passwordsGiven().get(PLAIN_NUMBER));
        assertFalse("the password never appears in the order's result", order.result.toString().contains("135790"));
    }

    @Test
    public void servicePasswordMustBeSixDigits_rule1_6() {
        for (String wrong : List.of("12345", "1234567", "12a456", "")) {
            ProblemException e = refused(personalOrder().param("servicePassword", wrong));
            assertEquals(wrong, 400, e.status());
            assertEquals("PARAM_INVALID", e.code());
            assertEquals("params.servicePassword", e.field());
        }
    }

    @Test
    public void customerSignsTheAgreementInThreePlaces_rule1_6() {
        TestOrderContext order = personalOrder();
        quote(order);
        payAndExecute(order, PaymentMethod.CASH, 10000);

        assertEquals(3, order.result.get("agreementSignatures"));
    }

    // ---- rules 1.7 and 1.8: receipt, SIM capacity, satisfaction survey -----------------------------------------

    @Test
    public void simCapacityChoiceIsRecordedAndDepositReceiptReminded_rule1_7() {
        TestOrderContext order = personalOrder().param("simCapacity", "128K");
        quote(order);
        assertEquals("128K", order.result.get("simCapacity"));

        payAndExecute(order, PaymentMethod.CASH, 10000);
        assertTrue(String.valueOf(order.result.get("receiptAdvice")).contains("收据"));
    }

    @Test
    public void satisfactionSurveySmsAskedAfterOpening_rule1_8() {
        TestOrderContext order = personalOrder();
        quote(order);
        assertNull("the survey comes after the opening, not with the quote", order.result.get("satisfactionSurvey"));

        payAndExecute(order, PaymentMethod.CASH, 10000);
        String sms = String.valueOf(order.result.get("satisfactionSurvey"));
        assertTrue(sms.contains("满意"));
        assertTrue(sms.contains("回复10"));
    }

    // ---- money ---------------------------------------------------------------------------------------------------

    @Test
    public void balanceAfterOpeningIsDepositPlusPrestore() {
        TestOrderContext order = personalOrder().param("depositFen", 15000);
        order.msisdn = NUMBER_88;
        Quote quote = quote(order);
        assertEquals("deposit 150 + prestore 50, SIM card waived", 20000, quote.totalFen());
        // The engine keeps the result as JSON between quote and execute.
        order.storeAndReloadResult();

        payAndExecute(order, PaymentMethod.CASH, 20000);
        long account = accountId(order);
        assertEquals(20000, accounts.find(account).orElseThrow().balanceFen());
        assertEquals(15000, accounts.posted(account, "DEPOSIT"));
        assertEquals(5000, accounts.posted(account, "PRESTORE"));
        assertEquals(20000L, order.result.get("balanceFen"));
    }

    /** Issue 9: payment methods are the engine's alone; it credits a kiosk's surplus once execute opened the account. */
    @Test
    public void kioskSurplusIsLeftToTheEngine_issue9() {
        TestOrderContext order = personalOrder();
        quote(order);

        payAndExecute(order, PaymentMethod.KIOSK_CASH, 15000);
        long account = accountId(order);
        assertEquals(0, accounts.posted(account, "KIOSK_SURPLUS"));
        assertEquals("the procedure credits what it quoted", 10000, accounts.find(account).orElseThrow().balanceFen());
        assertNull(order.result.get("kioskSurplusFen"));
    }

    @Test
    public void simCardFeeIsNotCreditedToTheAccount() {
        TestOrderContext order = personalOrder().param("depositFen", 5000);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.OPENING_DEPOSIT_FEN, 5000);
        quote(order);

        payAndExecute(order, PaymentMethod.CASH, 6000);
        assertEquals(5000, accounts.find(accountId(order)).orElseThrow().balanceFen());
    }

    @Test
    public void provinceParametersDriveTheAmounts() {
        TestOrderContext order = personalOrder().param("intlRoaming", true);
        order.hall = TestOrderContext.COUNTY_HALL;
        order.provinceParams = new TestProvinceParams("SN")
                .with(NationalParams.OPENING_DEPOSIT_FEN, 3000)
                .with(NationalParams.SIM_CARD_FEE_FEN, 1500)
                .with(NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN, 20000)
                .with(NationalParams.SIM_FEE_WAIVER_DEPOSIT_COUNTY_FEN, 20000)
                .with(NationalParams.INTL_ROAMING_DEPOSIT_FEN, 80000);

        Quote quote = quote(order);
        assertEquals(3000, amount(quote, "DEPOSIT"));
        assertEquals(1500, amount(quote, "SIM_CARD"));
        assertEquals(80000, amount(quote, "INTL_ROAMING_DEPOSIT"));
        assertEquals(84500, quote.totalFen());

        setUp();
        TestOrderContext waived = personalOrder().param("depositFen", 20000);
        waived.provinceParams = new TestProvinceParams("SN").with(NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN, 20000);
        assertEquals(0, amount(quote(waived), "SIM_CARD"));

        setUp();
        TestOrderContext notWaived = personalOrder().param("depositFen", 19999);
        notWaived.provinceParams = new TestProvinceParams("SN").with(NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN, 20000);
        assertEquals(1000, amount(quote(notWaived), "SIM_CARD"));

        setUp();
        TestOrderContext higherMinimum = personalOrder().param("depositFen", 10000);
        higherMinimum.provinceParams = new TestProvinceParams("SX").with(NationalParams.OPENING_DEPOSIT_FEN, 20000);
        assertEquals("DEPOSIT_TOO_LOW", refused(higherMinimum).code());
    }

    @Test
    public void paidAmountsAreCreditedEvenIfParametersChangeBeforeExecute() {
        TestOrderContext order = personalOrder().param("intlRoaming", true);
        quote(order);
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.INTL_ROAMING_DEPOSIT_FEN, 99900)
                .with(NationalParams.OPENING_DEPOSIT_FEN, 99900);

        payAndExecute(order, PaymentMethod.CASH, 60000);
        assertEquals(60000, accounts.find(accountId(order)).orElseThrow().balanceFen());
    }

    // ---- envelope and descriptor -----------------------------------------------------------------------------------

    @Test
    public void missingNumberOrCustomerIsMalformed() {
        TestOrderContext noNumber = personalOrder();
        noNumber.msisdn = null;
        ProblemException e = refused(noNumber);
        assertEquals(400, e.status());
        assertEquals("MSISDN_MISSING", e.code());

        TestOrderContext noCustomer = personalOrder();
        noCustomer.customer = null;
        e = refused(noCustomer);
        assertEquals(400, e.status());
        assertEquals("CUSTOMER_MISSING", e.code());
    }

    @Test
    public void openingIsAuditedWithoutPersonalData() {
        TestOrderContext order = personalOrder();
        quote(order);
        payAndExecute(order, PaymentMethod.CASH, 10000);

        assertEquals(1, audit.forOrder("order-1").size());
        assertFalse(audit.entries().toString().contains("张三"));
        assertFalse(audit.entries().toString().contains(HOLDER_ID));
    }

    @Test
    public void descriptorNamesTheProcedureItsDocumentsAndSteps() {
        ProcedureDescriptor d = opening.descriptor();
        assertEquals("account-opening", d.id());
        assertEquals("新开户 Account opening", d.title());
        assertEquals("outside a framework; in one, the bundle's version", "0.0.0", d.version());
        assertEquals(List.of(DocumentKind.HOLDER_ID), d.documents());
        assertEquals(List.of("quote", "payment", "execute"), d.steps());
        assertTrue(d.paramsSchema().contains("\"package\""));
    }

    // ---- rule 14: a blacklisted customer opens no new number unless the province allows it ----------------------

    @Test
    public void rules14_blacklistedCustomerIsRefusedAndHoldsNoNumber() {
        categories.put("SN", IdType.ID_CARD, HOLDER_ID, "VIP", "BLACKLIST");

        ProblemException e = refused(personalOrder());
        assertEquals(422, e.status());
        assertEquals("CUSTOMER_BLACKLISTED", e.code());
        assertEquals("customer", e.field());
        assertEquals("a refused opening holds no number", NumberStatus.AVAILABLE, pool.number(PLAIN_NUMBER).status());
        assertTrue(accounts.all().isEmpty());
        assertEquals(0, subscribers.count());
    }

    @Test
    public void rules14_blacklistedCustomerOpensWhereTheProvinceAllowsIt_blacklistMayOpen() {
        categories.put("SN", IdType.ID_CARD, HOLDER_ID, "BLACKLIST");
        TestOrderContext order = personalOrder();
        order.provinceParams = new TestProvinceParams("SN").with(NationalParams.BLACKLIST_MAY_OPEN, true);

        quote(order);
        payAndExecute(order, PaymentMethod.CASH, 20000);
        assertEquals(NumberStatus.ASSIGNED, pool.number(PLAIN_NUMBER).status());
    }

    @Test
    public void rules14_onlyTheBlacklistOfTheProvinceAndOfThatCustomerRefuses() {
        categories.put("SX", IdType.ID_CARD, HOLDER_ID, "BLACKLIST");
        categories.put("SN", IdType.ID_CARD, PROXY_ID, "BLACKLIST");
        categories.put("SN", IdType.ID_CARD, HOLDER_ID, "VIP", "REDLIST");

        quote(personalOrder());
        assertEquals(NumberStatus.RESERVED, pool.number(PLAIN_NUMBER).status());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private TestOrderContext personalOrder() {
        TestOrderContext order = new TestOrderContext(AccountOpening.ID, new TestProvinceParams("SN"));
        order.msisdn = PLAIN_NUMBER;
        order.customer = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, HOLDER_ID, ADDRESS);
        order.document(DocumentKind.HOLDER_ID);
        order.param("package", "GOTONE-88");
        return order;
    }

    private TestOrderContext corporateOrder() {
        TestOrderContext order = new TestOrderContext(AccountOpening.ID, new TestProvinceParams("SN"));
        order.msisdn = PLAIN_NUMBER;
        order.customer = new Customer(CustomerType.CORPORATE, "西安秦川科技有限公司", IdType.BUSINESS_LICENCE, CREDIT_CODE,
                ADDRESS);
        order.parties.add(new Party(PartyRole.PROXY, CustomerType.PERSONAL, "李四", IdType.ID_CARD, PROXY_ID));
        order.document(DocumentKind.UNIT_CERTIFICATE).document(DocumentKind.BUSINESS_LICENCE)
                .document(DocumentKind.PROXY_ID);
        order.param("package", "GOTONE-128");
        return order;
    }

    private TestOrderContext corporateAccountOrder() {
        TestOrderContext order = corporateOrder().param("accountType", "CORPORATE_ACCOUNT").param("bankConfirmed", true);
        return order.document(DocumentKind.SEAL_CARD);
    }

    private TestOrderContext bankCollectionOrder() {
        TestOrderContext order = personalOrder().param("accountType", "BANK_COLLECTION").param("bankConfirmed", true);
        order.parties.add(new Party(PartyRole.BANK_ACCOUNT_HOLDER, CustomerType.PERSONAL, "张三", IdType.ID_CARD,
                HOLDER_ID));
        return order.document(DocumentKind.BANK_PASSBOOK).document(DocumentKind.BANK_HOLDER_ID);
    }

    /** Submitted as the engine does: params against the schema, the holder's documents, then the quote. */
    private Quote quote(TestOrderContext order) {
        return order.submit(opening);
    }

    private void payAndExecute(TestOrderContext order, PaymentMethod method, long tenderedFen) {
        order.pay(method, tenderedFen);
        StepOutcome outcome = opening.execute(order);
        assertEquals(OrderState.COMPLETED, outcome.state());
    }

    private ProblemException refused(TestOrderContext order) {
        return assertThrows(ProblemException.class, () -> order.submit(opening));
    }

    private static Optional<QuoteItem> item(Quote quote, String code) {
        return quote.items().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    private static long amount(Quote quote, String code) {
        return item(quote, code).orElseThrow(() -> new AssertionError("no " + code + " in " + quote)).amountFen();
    }

    private static long accountId(TestOrderContext order) {
        return ((Number) order.result.get("accountId")).longValue();
    }

    private static String idNumber(String first17) {
        return first17 + ResidentId.checkCharacter(first17);
    }

    private static String creditCode(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }
}
