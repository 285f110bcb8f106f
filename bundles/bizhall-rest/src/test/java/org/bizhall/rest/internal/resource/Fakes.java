package org.bizhall.rest.internal.resource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ProcedureRegistry;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.QuoteItem;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.rest.internal.auth.Authenticator;
import org.bizhall.testing.InMemoryHallDirectory;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.SettableClock;

/** Small stand-ins for the services the REST bundle calls, holding the demo data the contract names. */
final class Fakes {
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 5, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    private Fakes() {
    }

    /** Password is the user name; roles as the demo realm gives them. */
    static Authenticator realm() {
        Map<String, List<String>> roles = Map.of("op-sn", List.of("operator"), "op-sx", List.of("operator"),
                "mgr-sn", List.of("manager"), "bo-sn", List.of("backoffice"),
                "admin", List.of("admin"), "lost", List.of("operator"), "viewer", List.of("viewer"));
        return (user, password) -> roles.containsKey(user) && user.equals(new String(password))
                ? Optional.of(new Authenticator.Login(user, roles.get(user))) : Optional.empty();
    }

    /** The demo halls and staff; {@code down} makes reading the halls fail as an unreachable database does. */
    static final class Halls extends InMemoryHallDirectory {
        boolean down;

        Halls() {
            withDemoData();
        }

        @Override
        public List<Hall> halls() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return super.halls();
        }

        @Override
        public Optional<Hall> hall(String id) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return super.hall(id);
        }
    }

    /** A clock at {@link #NOW} that, as in production, cannot be moved until a test makes it adjustable. */
    static SettableClock clock() {
        return new SettableClock(NOW).setAdjustable(false);
    }

    /** 13891800088 of SN held by 张三, 13935100001 of SX held by 李四. */
    static InMemorySubscribers subscribers() {
        InMemorySubscribers subscribers = new InMemorySubscribers(clock());
        subscribers.add(subscriber("13891800088", "SN", "张三"));
        subscribers.add(subscriber("13935100001", "SX", "李四"));
        return subscribers;
    }

    private static Subscriber subscriber(String msisdn, String province, String name) {
        return new Subscriber(msisdn, province, province + "-1", SubscriberStatus.ACTIVE,
                new Customer(CustomerType.PERSONAL, name, IdType.ID_CARD, "11010519491231002X", "西安"),
                "GOTONE-88", List.of("VOICE"), Set.of("VIP"), 42, true, NOW);
    }

    /** Accepts every envelope at a fixed quote, as the engine would for a procedure that takes a deposit. */
    static final class Orders implements OrderService {
        final List<Order> submitted = new ArrayList<>();
        final List<Confirmation> confirmations = new ArrayList<>();

        @Override
        public Order submit(Caller caller, OrderRequest request) {
            if ("refused".equals(request.procedure())) {
                throw ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "the deposit must be at least 200.00 yuan",
                        "params.depositFen");
            }
            if ("store-refuses".equals(request.procedure())) {
                // what a database answers for a text longer than its column, wrapped as JPA wraps it
                throw new IllegalStateException("could not execute statement", new java.sql.SQLDataException(
                        "A truncation error was encountered trying to shrink VARCHAR '张三张三' to length 200.", "22001"));
            }
            Customer customer = request.customer() == null ? null : request.customer().validated("customer");
            Order order = new Order("o-" + (submitted.size() + 1), request.procedure(), "test/1.0.0",
                    caller.province(), caller.hall(), caller.user(), request.msisdn(), customer, request.parties(),
                    request.documents(), request.params(), OrderState.PENDING_PAYMENT, null,
                    Quote.of(List.of(new QuoteItem("DEPOSIT", "预存款", 20000))), Map.of(), null, NOW, NOW,
                    List.of(new StateChange(OrderState.ACKNOWLEDGED, NOW, caller.user(), "test/1.0.0", null)));
            submitted.add(order);
            return order;
        }

        @Override
        public Order get(Caller caller, String orderId) {
            return submitted.stream().filter(o -> o.id().equals(orderId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("ORDER_NOT_FOUND", "there is no such order"));
        }

        @Override
        public Page<Order> list(Caller caller, OrderQuery query) {
            List<Order> matching = submitted.stream()
                    .filter(o -> query.state() == null || o.state() == query.state()).toList();
            return new Page<>(matching.stream().skip(query.offset()).limit(query.limit()).toList(), matching.size());
        }

        @Override
        public Payment pay(Caller caller, String orderId, PaymentRequest payment) {
            throw new UnsupportedOperationException();
        }

        /** Records the confirmation as the edge handed it over and answers with the order. */
        @Override
        public Order confirm(Caller caller, String orderId, Confirmation confirmation) {
            Order order = get(caller, orderId);
            confirmations.add(confirmation);
            return order;
        }

        @Override
        public Order cancel(Caller caller, String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Payment> payments(Caller caller, String orderId) {
            return List.of();
        }
    }

    static final class Registry implements ProcedureRegistry {
        final List<ProcedureListing> listings = new ArrayList<>();

        @Override
        public List<ProcedureListing> active(String province) {
            return listings;
        }

        @Override
        public List<ProcedureListing> all(String province) {
            return listings;
        }

        @Override
        public Optional<ProcedureListing> resolve(String province, String procedureId) {
            return listings.stream().filter(l -> l.id().equals(procedureId)).findFirst();
        }
    }

    /** Two devices in SN-XA-001 (a bound printer, a reader whose driver is missing) and one in SX-TY-001. */
    static final class Devices implements org.bizhall.api.device.DeviceRegistry {
        final List<org.bizhall.api.device.Device> devices = List.of(
                new org.bizhall.api.device.Device("SN-XA-001-printer", "SN-XA-001",
                        org.bizhall.api.device.DeviceKind.RECEIPT_PRINTER, "simulator", true,
                        org.bizhall.api.device.DeviceStatus.ONLINE, null),
                new org.bizhall.api.device.Device("SN-XA-001-reader", "SN-XA-001",
                        org.bizhall.api.device.DeviceKind.ID_CARD_READER, "acme", false,
                        org.bizhall.api.device.DeviceStatus.OFFLINE, "no driver acme for ID_CARD_READER is installed"),
                new org.bizhall.api.device.Device("SX-TY-001-printer", "SX-TY-001",
                        org.bizhall.api.device.DeviceKind.RECEIPT_PRINTER, "simulator", true,
                        org.bizhall.api.device.DeviceStatus.ONLINE, null));

        @Override
        public List<org.bizhall.api.device.Device> devices(String hall) {
            return devices.stream().filter(d -> hall == null || d.hall().equals(hall)).toList();
        }

        @Override
        public Optional<org.bizhall.api.device.Device> find(String id) {
            return devices.stream().filter(d -> d.id().equals(id)).findFirst();
        }

        @Override
        public org.bizhall.api.device.DeviceTestResult test(String id) {
            org.bizhall.api.device.Device d = find(id).orElseThrow();
            return d.bound() ? org.bizhall.api.device.DeviceTestResult.online("test page printed")
                    : org.bizhall.api.device.DeviceTestResult.offline(d.detail());
        }

        @Override
        public <T extends org.bizhall.api.device.DeviceDriver> Optional<org.bizhall.api.device.BoundDevice<T>> bound(
                String hall, org.bizhall.api.device.DeviceKind kind, Class<T> type) {
            return Optional.empty();
        }
    }
}
