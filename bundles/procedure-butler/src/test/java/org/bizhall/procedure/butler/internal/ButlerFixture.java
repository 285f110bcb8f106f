package org.bizhall.procedure.butler.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryDeskPhones;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestOrderContext;

/** A company with a TD desk phone number at the Xi'an hall, whose desk-phone device the hall installs through. */
final class ButlerFixture {
    static final String DESK_NUMBER = "13891800031";
    static final String OTHER_NUMBER = "13891800032";
    static final long ACCOUNT = 7;
    static final String HALL_PHONE = "SN-XA-001-desk-phone";
    static final Customer COMPANY = TestOrderContext.corporate("西安某某餐饮有限公司");

    final SettableClock clock = new SettableClock();
    final InMemorySubscribers subscribers = new InMemorySubscribers(clock);
    final InMemoryAccounts accounts = new InMemoryAccounts(clock);
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryDeskPhones deskPhones = new InMemoryDeskPhones().add(HALL_PHONE, TestOrderContext.CITY_HALL.id());

    ButlerFixture() {
        accounts.seed(ACCOUNT, AccountType.CORPORATE_ACCOUNT, "SN", COMPANY.name(), 0);
        subscribers.add(number(DESK_NUMBER, COMPANY));
        subscribers.add(number(OTHER_NUMBER, COMPANY));
    }

    static Subscriber number(String msisdn, Customer holder) {
        return new Subscriber(msisdn, "SN", "SN-XA-001", SubscriberStatus.ACTIVE, holder, "GOTONE-88", List.of(),
                Set.of(), ACCOUNT, false, SettableClock.DEFAULT_NOW.minusYears(1));
    }

    /** The butler orders the engine would hold, as {@link #taken} stores them. */
    final List<Order> orders = new ArrayList<>();

    MerchantButlerOpening opening() {
        return new MerchantButlerOpening(subscribers, accounts, deskPhones, deskPhones, clock, audit,
                (procedure, msisdn) -> orders.stream()
                        .filter(o -> o.procedure().equals(procedure) && msisdn.equals(o.msisdn())).toList());
    }

    /** Keeps {@code order} of {@code procedure} as the engine would, in {@code state}, created at its business time. */
    void taken(String procedure, TestOrderContext order, OrderState state) {
        orders.removeIf(o -> o.id().equals(order.orderId));
        orders.add(new Order(order.orderId, procedure, "test", "SN", order.hall.id(), order.user, order.msisdn,
                order.customer, List.of(), List.of(), Map.of(), state, null, null, new HashMap<>(order.result), null,
                order.now, order.now, List.of()));
    }

    /** An order of {@code procedure} for the desk number by the company's proxy with every paper of the opening. */
    static TestOrderContext order(Procedure procedure) {
        return TestOrderContext.of(procedure).msisdn(DESK_NUMBER).customer(COMPANY).byProxy()
                .documents(DocumentKind.BUSINESS_LICENCE, DocumentKind.UNIT_CERTIFICATE, DocumentKind.APPLICATION_FORM,
                        DocumentKind.PROXY_ID, DocumentKind.COMPANY_AUTHORISATION);
    }

    /** An opening of the standalone edition billed from {@code billingFrom}, for a two-year contract. */
    static TestOrderContext opening(Procedure procedure, String billingFrom) {
        return order(procedure).param("tariff", "STANDALONE").param("billingFrom", billingFrom)
                .param("contractMonths", 24).param("terminalManufacturer", "ZTE").param("terminalType", "TD-SCDMA")
                .param("terminalModel", "F100");
    }

    /** {@code step} confirmed by a user of {@code role}, as the engine hands it over after the result was stored. */
    static StepOutcome confirm(Procedure procedure, TestOrderContext order, Role role, String step, boolean approved,
            String note) {
        order.storeAndReloadResult();
        order.role = role;
        order.user = role == Role.BACKOFFICE ? "bo-sn" : "op-sn";
        return procedure.confirm(order, new Confirmation(step, approved, note, null));
    }

    /** The scheduler's call once the business clock passed {@code at}. */
    StepOutcome dateReached(Procedure procedure, TestOrderContext order, OffsetDateTime at) {
        order.storeAndReloadResult();
        clock.moveTo(at);
        order.now = at;
        order.user = "scheduler";
        return procedure.dateReached(order);
    }
}
