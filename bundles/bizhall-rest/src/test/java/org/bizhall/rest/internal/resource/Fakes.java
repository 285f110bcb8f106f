package org.bizhall.rest.internal.resource;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.StaffMember;
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
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.rest.internal.auth.Authenticator;

/** Small stand-ins for the services the REST bundle calls, holding the demo data the contract names. */
final class Fakes {
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 5, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    private Fakes() {
    }

    /** Password is the user name; roles as the demo realm gives them. */
    static Authenticator realm() {
        Map<String, List<String>> roles = Map.of("op-sn", List.of("operator"), "op-sx", List.of("operator"),
                "admin", List.of("admin"), "lost", List.of("operator"), "viewer", List.of("viewer"));
        return (user, password) -> roles.containsKey(user) && user.equals(new String(password))
                ? Optional.of(new Authenticator.Login(user, roles.get(user))) : Optional.empty();
    }

    static final class Halls implements HallDirectory {
        private final Map<String, Hall> halls = Map.of(
                "SN-XA-001", new Hall("SN-XA-001", "西安一厅", "SN",
                        Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false),
                "SX-TY-001", new Hall("SX-TY-001", "太原一厅", "SX", Set.of(HallKind.SELF_OWNED), false));
        private final Map<String, String> staff = Map.of("op-sn", "SN-XA-001", "op-sx", "SX-TY-001");
        boolean down;

        @Override
        public Optional<Hall> hall(String id) {
            return Optional.ofNullable(halls.get(id));
        }

        @Override
        public List<Hall> halls() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            return List.copyOf(halls.values());
        }

        @Override
        public Optional<StaffMember> staff(String user) {
            return Optional.ofNullable(staff.get(user)).map(h -> new StaffMember(user, h));
        }

        @Override
        public void saveHall(Hall hall) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void saveStaff(StaffMember staff) {
            throw new UnsupportedOperationException();
        }
    }

    /** Accepts every envelope at a fixed quote, as the engine would for a procedure that takes a deposit. */
    static final class Orders implements OrderService {
        final List<Order> submitted = new ArrayList<>();

        @Override
        public Order submit(Caller caller, OrderRequest request) {
            if ("refused".equals(request.procedure())) {
                throw ProblemException.rule("TRANSFER_DEPOSIT_TOO_LOW", "the deposit must be at least 200.00 yuan",
                        "params.depositFen");
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

        @Override
        public Order confirm(Caller caller, String orderId, Confirmation confirmation) {
            throw new UnsupportedOperationException();
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

    static final class Subscribers implements SubscriberService {
        private final Map<String, Subscriber> subscribers = Map.of(
                "13891800088", subscriber("13891800088", "SN", "张三"),
                "13935100001", subscriber("13935100001", "SX", "李四"));

        private static Subscriber subscriber(String msisdn, String province, String name) {
            return new Subscriber(msisdn, province, province + "-1", SubscriberStatus.ACTIVE,
                    new Customer(CustomerType.PERSONAL, name, IdType.ID_CARD, "11010519491231002X", "西安"),
                    "GOTONE-88", List.of("VOICE"), Set.of("VIP"), 42, true, NOW);
        }

        @Override
        public Optional<Subscriber> find(Msisdn msisdn) {
            return Optional.ofNullable(subscribers.get(msisdn.value()));
        }

        @Override
        public boolean holderMatches(Msisdn msisdn, String name) {
            return subscribers.get(msisdn.value()).holder().name().equals(name);
        }

        @Override
        public Subscriber register(NewSubscriber subscriber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscriber changeStatus(Msisdn msisdn, Set<SubscriberStatus> from, SubscriberStatus status,
            String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<Subscriber> list(String province, int offset, int limit) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Clock implements BusinessClock {
        boolean adjustable;
        OffsetDateTime now = NOW;

        @Override
        public OffsetDateTime now() {
            return now;
        }

        @Override
        public ZoneId zone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public boolean adjustable() {
            return adjustable;
        }

        @Override
        public void moveTo(OffsetDateTime now) {
            this.now = now;
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
