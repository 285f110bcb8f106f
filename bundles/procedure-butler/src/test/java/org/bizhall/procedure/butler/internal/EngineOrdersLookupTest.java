package org.bizhall.procedure.butler.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.bizhall.api.common.Page;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderService;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The opening reads the butler's orders through the engine only when a month is billed: the service is taken for the
 * one list and given back, and the list is by procedure and number over every province.
 */
public class EngineOrdersLookupTest {
    private final List<Object[]> asked = new ArrayList<>();
    private int taken;
    private int givenBack;

    private final OrderService engine = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {OrderService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("list")) {
                    throw new AssertionError("only orders are listed, not " + method.getName());
                }
                asked.add(args);
                return new Page<>(List.of(), 0);
            });

    private final ComponentServiceObjects<OrderService> objects = new ComponentServiceObjects<>() {
        @Override
        public OrderService getService() {
            taken++;
            return engine;
        }

        @Override
        public void ungetService(OrderService service) {
            givenBack++;
        }

        @Override
        public ServiceReference<OrderService> getServiceReference() {
            return null;
        }
    };

    @Test
    public void rules13_billedEveryMonth_theEnginesOrdersAreTakenForOneListAndGivenBack() {
        ButlerFixture fx = new ButlerFixture();
        MerchantButlerOpening opening = new MerchantButlerOpening(fx.subscribers, fx.accounts, fx.deskPhones,
                fx.deskPhones, fx.clock, fx.audit, objects);
        assertEquals("nothing is taken at activation", 0, taken);
        try {
            java.lang.reflect.Field field = MerchantButlerOpening.class.getDeclaredField("orders");
            field.setAccessible(true);
            ((ButlerOrders) field.get(opening)).of(MerchantButlerCancellation.ID, ButlerFixture.DESK_NUMBER);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, taken);
        assertEquals(1, givenBack);
        Caller caller = (Caller) asked.get(0)[0];
        OrderQuery query = (OrderQuery) asked.get(0)[1];
        assertTrue("every province: an admin", caller.isAdmin());
        assertEquals(MerchantButlerCancellation.ID, query.procedure());
        assertEquals(ButlerFixture.DESK_NUMBER, query.msisdn());
        assertNull("in any state", query.state());
        assertEquals(Page.MAX_LIMIT, query.limit());
    }
}
