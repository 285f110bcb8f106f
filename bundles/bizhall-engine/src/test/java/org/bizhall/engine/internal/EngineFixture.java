package org.bizhall.engine.internal;

import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.procedure.ProcedureProperties;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.bizhall.testing.DirectTransactions;
import org.bizhall.testing.InMemoryAccounts;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemoryOrderDeadlines;
import org.bizhall.testing.InMemoryReceipts;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;
import org.bizhall.testing.TestProvinceParameters;
import org.junit.Before;
import org.osgi.framework.Constants;

/** The engine with in-memory stores and services, a registry of test procedures, and the demo halls. */
abstract class EngineFixture {
    static final String MSISDN = "13891800088";
    static final long ACCOUNT = 88;
    static final Customer PERSON = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD,
            "11010519491231002X", null);
    static final Customer COMPANY = new Customer(CustomerType.CORPORATE, "西安某某科技有限公司",
            IdType.BUSINESS_LICENCE, "91350100M000100Y43", null);

    final Caller opSn = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN",
            Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION));
    final Caller opSx = new Caller("op-sx", Role.OPERATOR, "SX-TY-001", "SX", Set.of(HallKind.SELF_OWNED));

    FakeOrderStore store;
    DirectTransactions transactions;
    RecordingAuditLog audit;
    InMemoryReceipts receipts;
    InMemoryAccounts accounts;
    InMemorySubscribers subscribers;
    InMemoryOrderDeadlines deadlines;
    SettableClock clock;
    ProcedureRegistryImpl registry;
    OrderServiceImpl engine;
    private long nextServiceId = 1;

    @Before
    public void setUpEngine() {
        store = new FakeOrderStore();
        clock = new SettableClock();
        transactions = new DirectTransactions();
        audit = new RecordingAuditLog();
        receipts = new InMemoryReceipts();
        accounts = new InMemoryAccounts();
        subscribers = new InMemorySubscribers();
        deadlines = new InMemoryOrderDeadlines();
        transactions.enlist(store, audit, receipts, accounts, subscribers, deadlines);
        registry = new ProcedureRegistryImpl();
        registry.configure(Map.of());
        engine = new OrderServiceImpl(store, transactions, InMemoryHallDirectory.demo(), receipts, audit, clock,
                new TestProvinceParameters(), subscribers, accounts, registry, deadlines);
    }

    /** A subscriber of {@link #MSISDN} in service, its account {@link #ACCOUNT} holding {@code balanceFen}. */
    void subscriberWithAccount(long balanceFen) {
        subscribers.add(MSISDN, "SN", "SN-XA-001", accounts.seed(ACCOUNT, balanceFen).id());
    }

    void install(TestProcedure procedure, String bundle, String province, int ranking) {
        registry.addProcedure(procedure, new FakeServiceReference<>(nextServiceId++, bundle, "1.0.0",
                Map.of(ProcedureProperties.PROCEDURE, procedure.id, ProcedureProperties.PROVINCE, province,
                        Constants.SERVICE_RANKING, ranking)));
    }

    void hook(ProcedureStepHook hook, String procedure, String province, int ranking) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProcedureProperties.PROCEDURE, procedure);
        props.put(ProcedureProperties.PROVINCE, province);
        props.put(Constants.SERVICE_RANKING, ranking);
        props.put(Constants.SERVICE_ID, nextServiceId++);
        engine.addHook(hook, props);
    }

    long storedOrders() {
        return store.query(null, new OrderQuery(null, null, null, null, null, 0, 500)).total();
    }

    static ProblemException refused(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a refusal");
        return null;
    }

    static List<String> codes(List<?> items) {
        return items.stream().map(Object::toString).toList();
    }
}
