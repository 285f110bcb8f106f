package org.bizhall.engine.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.customer.IdType;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.testing.InMemoryCustomerCategories;
import org.junit.Before;
import org.junit.Test;

/**
 * Rulebook §14, VIP orders go first: the engine marks an order at submission from the customer's categories in the
 * hall's province, keeps the mark with the order, and every reader (a list, one order, the scheduler's later steps)
 * sees the mark it was taken with.
 */
public class OrderPriorityTest extends EngineFixture {
    private final InMemoryCustomerCategories categories = new InMemoryCustomerCategories();
    private TestProcedure payment;

    @Before
    public void setUp() {
        payment = new TestProcedure("bill-payment", "缴费");
        payment.execute = order -> StepOutcome.awaitingConfirmation(org.bizhall.api.order.Awaiting.BACK_OFFICE, "wait");
        install(payment, "org.bizhall.procedure.payment", "*", 0);
        engine.categories(categories);
    }

    private Order submit(org.bizhall.api.hall.Caller caller, org.bizhall.api.customer.Customer customer,
            String msisdn) {
        return engine.submit(caller, new OrderRequest("bill-payment", msisdn, customer, List.of(), List.of(), Map.of()));
    }

    @Test
    public void rules14_anOrderOfAVipCustomerOfTheProvinceIsMarkedVip() {
        categories.put("SN", IdType.ID_CARD, PERSON.idNumber(), "VIP", "BLACKLIST");
        Order vip = submit(opSn, PERSON, MSISDN);
        assertEquals(Order.VIP, vip.priority());
        assertEquals("kept with the order", Order.VIP, store.find(vip.id()).orElseThrow().priority());
        assertEquals("a VIP of Shaanxi is an ordinary customer in Shanxi", Order.NORMAL,
                submit(opSx, PERSON, null).priority());
        assertEquals(Order.NORMAL, submit(opSn, COMPANY, null).priority());
    }

    @Test
    public void rules14_anOrderWithoutCustomerTakesTheMarkOfItsNumbersSubscriber() {
        subscribers.add(subscribers.add(MSISDN, "SN", "SN-XA-001", 1).withCategories(Set.of("VIP")));
        assertEquals(Order.VIP, submit(opSn, null, MSISDN).priority());
        assertEquals(Order.NORMAL, submit(opSn, null, "13891800002").priority());
        assertEquals("a subscriber of another province marks nothing", Order.NORMAL,
                submit(opSx, null, MSISDN).priority());
    }

    @Test
    public void rules14_theMarkIsFixedAtSubmission_everyReaderSeesTheSameMark() {
        Order before = submit(opSn, PERSON, MSISDN);
        categories.put("SN", IdType.ID_CARD, PERSON.idNumber(), "VIP");
        Order after = submit(opSn, PERSON, MSISDN);
        assertEquals(Order.NORMAL, engine.get(opSn, before.id()).priority());
        assertEquals(Order.VIP, engine.get(opSn, after.id()).priority());
        Map<String, String> listed = new java.util.HashMap<>();
        engine.list(opSn, new OrderQuery(OrderState.PENDING_CONFIRMATION, null, null, null, null, 0, 50)).items()
                .forEach(o -> listed.put(o.id(), o.priority()));
        assertEquals(Map.of(before.id(), Order.NORMAL, after.id(), Order.VIP), listed);
        assertEquals("the masked order keeps it", Order.VIP, engine.get(opSn, after.id()).masked().priority());
    }

    @Test
    public void rules14_withoutCategoriesEveryOrderIsNormal() {
        engine.categories(null);
        categories.put("SN", IdType.ID_CARD, PERSON.idNumber(), "VIP");
        assertEquals(Order.NORMAL, submit(opSn, PERSON, MSISDN).priority());
    }
}
