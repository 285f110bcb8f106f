package org.bizhall.procedure.password.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.bizhall.api.common.CreditCode;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.TestOrderContext;
import org.junit.Test;

public class PasswordProceduresTest {
    private static final String NUMBER = "13891808501";
    private static final String OLD = "135790";
    private static final String NEW = "802461";
    private static final String HOLDER_ID = "11010519491231002X";
    private static final Customer HOLDER = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, HOLDER_ID, null);
    private static final String OTHER_ID = "61010219800101123" + ResidentId.checkCharacter("61010219800101123");
    private static final Party PROXY = new Party(PartyRole.PROXY, CustomerType.PERSONAL, "王五", IdType.ID_CARD, OTHER_ID);

    private final FakeServices services = new FakeServices();
    private final PasswordChange change = new PasswordChange(services, services, services);
    private final PasswordReset reset = new PasswordReset(services, services, services);

    private TestOrderContext changeOrder(String old, String chosen) {
        TestOrderContext order = new TestOrderContext(PasswordChange.ID, services);
        order.msisdn = NUMBER;
        return order.param("oldPassword", old).param("newPassword", chosen);
    }

    private TestOrderContext resetOrder(Customer customer, String chosen) {
        TestOrderContext order = new TestOrderContext(PasswordReset.ID, services);
        order.msisdn = NUMBER;
        order.customer = customer;
        return order.document(DocumentKind.HOLDER_ID).param("newPassword", chosen);
    }

    /** Submitted (schema, announced documents, quote), then (nothing being due) executed, as the engine runs a free order. */
    private static OrderState run(Procedure procedure, TestOrderContext order) {
        order.submit(procedure);
        assertEquals(0, order.quote.totalFen());
        return procedure.execute(order).state();
    }

    private static ProblemException refused(Procedure procedure, TestOrderContext order) {
        return assertThrows(ProblemException.class, () -> run(procedure, order));
    }

    private void assertNoPasswordIn(TestOrderContext order) {
        String shown = order.result.toString() + services.audit;
        for (String password : List.of(OLD, NEW, "246801")) {
            assertFalse(shown, shown.contains(password));
        }
    }

    @Test
    public void changeNeedsTheOldPassword_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, OLD);
        ProblemException wrong = refused(change, changeOrder("246801", NEW));
        assertEquals(422, wrong.status());
        assertEquals("PASSWORD_WRONG", wrong.code());
        assertEquals("params.oldPassword", wrong.field());
        assertEquals(OLD, services.passwords.get(NUMBER));

        TestOrderContext order = changeOrder(OLD, NEW);
        assertEquals(OrderState.COMPLETED, run(change, order));
        assertEquals(NEW, services.passwords.get(NUMBER));
        assertEquals(true, order.result.get("servicePasswordSet"));
        assertTrue(String.valueOf(order.result.get("selfServiceAdvice")).contains("短信营业厅"));
        assertEquals(List.of("op-sn SERVICE_PASSWORD_CHANGED " + NUMBER + " changed with the old service password"),
                services.audit);
        assertNoPasswordIn(order);
    }

    @Test
    public void withTheServicePasswordNoIdIsNeeded_documents() {
        services.add(NUMBER, "SN", SubscriberStatus.SUSPENDED_LOSS, HOLDER, OLD);
        TestOrderContext order = changeOrder(OLD, NEW);
        assertNull(order.customer);
        assertTrue(order.documents.isEmpty());
        assertEquals(OrderState.COMPLETED, run(change, order));
        assertTrue(change.descriptor().documents().isEmpty());
    }

    @Test
    public void lockedAfterConsecutiveWrongAttempts_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, OLD);
        for (int i = 1; i < FakeServices.MAX_ATTEMPTS; i++) {
            assertEquals("PASSWORD_WRONG", refused(change, changeOrder("246801", NEW)).code());
        }
        ProblemException lockedNow = refused(change, changeOrder("246801", NEW));
        assertEquals(423, lockedNow.status());
        assertEquals("PASSWORD_LOCKED", lockedNow.code());
        assertEquals("params.oldPassword", lockedNow.field());
        assertEquals("even the right password waits for the lock to end", "PASSWORD_LOCKED",
                refused(change, changeOrder(OLD, NEW)).code());
        assertEquals(OLD, services.passwords.get(NUMBER));
    }

    @Test
    public void aCustomerWithoutPasswordIsSentToTheReset_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, null);
        ProblemException none = refused(change, changeOrder(OLD, NEW));
        assertEquals(422, none.status());
        assertEquals("PASSWORD_NOT_SET", none.code());
        assertTrue(none.detail(), none.detail().contains("password-reset"));

        assertEquals(OrderState.COMPLETED, run(reset, resetOrder(HOLDER, NEW)));
        assertEquals(NEW, services.passwords.get(NUMBER));
    }

    @Test
    public void badNewPasswordsAreRefusedBeforeTheOldOneIsCheckedOrCounted_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, OLD);
        for (String malformed : List.of("12345", "abcdef", "1234567")) {
            ProblemException e = refused(change, changeOrder("246801", malformed));
            assertEquals(malformed, 400, e.status());
            assertEquals("the schema's pattern", "PARAM_INVALID", e.code());
            assertEquals("params.newPassword", e.field());
        }
        for (String trivial : List.of("000000", "123456", "987654")) {
            ProblemException e = refused(change, changeOrder("246801", trivial));
            assertEquals(trivial, 400, e.status());
            assertEquals(trivial, "PASSWORD_INVALID", e.code());
            assertEquals("params.newPassword", e.field());
        }
        TestOrderContext withoutOld = changeOrder(OLD, NEW);
        withoutOld.params.remove("oldPassword");
        assertEquals("PARAM_MISSING", refused(change, withoutOld).code());
        assertEquals("PASSWORD_UNCHANGED", refused(change, changeOrder(OLD, OLD)).code());
        assertEquals("no attempt was checked, none counted", 0, services.checks);
    }

    @Test
    public void resetNeedsTheHoldersId_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, OLD);
        Customer stranger = new Customer(CustomerType.PERSONAL, "李四", IdType.ID_CARD, OTHER_ID, null);
        ProblemException mismatch = refused(reset, resetOrder(stranger, NEW));
        assertEquals("HOLDER_MISMATCH", mismatch.code());
        assertFalse(mismatch.detail().contains(HOLDER_ID.substring(14)));
        Customer otherDocument = new Customer(CustomerType.PERSONAL, "张三", IdType.PASSPORT, HOLDER_ID, null);
        assertEquals("same number on another kind of document", "HOLDER_MISMATCH",
                refused(reset, resetOrder(otherDocument, NEW)).code());
        TestOrderContext withoutId = resetOrder(HOLDER, NEW);
        withoutId.documents.clear();
        assertEquals("DOCUMENT_MISSING", refused(reset, withoutId).code());
        assertEquals("CUSTOMER_MISSING", refused(reset, resetOrder(null, NEW)).code());
        assertEquals(OLD, services.passwords.get(NUMBER));

        Customer lowerCase = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, HOLDER_ID.toLowerCase(), null);
        TestOrderContext order = resetOrder(lowerCase, NEW);
        assertEquals(OrderState.COMPLETED, run(reset, order));
        assertEquals(NEW, services.passwords.get(NUMBER));
        assertEquals(List.of("op-sn SERVICE_PASSWORD_RESET " + NUMBER + " reset with the holder's ID, in person"),
                services.audit);
        assertNoPasswordIn(order);
    }

    @Test
    public void resetLiftsTheLock_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, OLD);
        services.locked.put(NUMBER, true);
        assertEquals("PASSWORD_LOCKED", refused(change, changeOrder(OLD, NEW)).code());
        assertEquals(OrderState.COMPLETED, run(reset, resetOrder(HOLDER, NEW)));
        assertFalse(services.locked(NUMBER));
        assertEquals(OrderState.COMPLETED, run(change, changeOrder(NEW, "246801")));
    }

    @Test
    public void aProxyShowsOwnIdAndACompanyResetsThroughOne_rule11() {
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, HOLDER, OLD);
        TestOrderContext byProxy = resetOrder(HOLDER, NEW);
        byProxy.parties.add(PROXY);
        assertEquals("DOCUMENT_MISSING", refused(reset, byProxy).code());
        byProxy.document(DocumentKind.PROXY_ID);
        assertEquals(OrderState.COMPLETED, run(reset, byProxy));
        assertTrue(services.audit.get(0), services.audit.get(0).endsWith("by proxy"));

        String company = "91610131MA6U00001" + CreditCode.checkCharacter("91610131MA6U00001");
        Customer corporate = new Customer(CustomerType.CORPORATE, "西安高新科技有限公司", IdType.BUSINESS_LICENCE, company,
                null);
        services.add(NUMBER, "SN", SubscriberStatus.ACTIVE, corporate, OLD);
        TestOrderContext alone = new TestOrderContext(PasswordReset.ID, services);
        alone.msisdn = NUMBER;
        alone.customer = corporate;
        alone.document(DocumentKind.BUSINESS_LICENCE).document(DocumentKind.UNIT_CERTIFICATE).param("newPassword", NEW);
        assertEquals("PROXY_REQUIRED", refused(reset, alone).code());
        alone.parties.add(PROXY);
        alone.document(DocumentKind.PROXY_ID);
        assertEquals(OrderState.COMPLETED, run(reset, alone));
    }

    @Test
    public void theNumberIsOneOfTheProvinceInService() {
        services.add(NUMBER, "SX", SubscriberStatus.ACTIVE, HOLDER, OLD);
        assertEquals("OTHER_PROVINCE", refused(change, changeOrder(OLD, NEW)).code());
        services.add(NUMBER, "SN", SubscriberStatus.CANCELLED, HOLDER, OLD);
        assertEquals("SUBSCRIBER_CANCELLED", refused(reset, resetOrder(HOLDER, NEW)).code());
        TestOrderContext noNumber = changeOrder(OLD, NEW);
        noNumber.msisdn = null;
        assertEquals("MSISDN_MISSING", refused(change, noNumber).code());
        TestOrderContext unknown = changeOrder(OLD, NEW);
        unknown.msisdn = "13891808599";
        assertEquals(404, refused(change, unknown).status());
        assertEquals(0, services.checks);
    }
}
