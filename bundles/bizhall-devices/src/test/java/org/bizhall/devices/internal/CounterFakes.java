package org.bizhall.devices.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
import org.bizhall.api.counter.RatingStore;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.device.DeskPhoneRegistration;
import org.bizhall.api.device.DeviceConfig;
import org.bizhall.api.device.DeviceException;
import org.bizhall.api.device.DeviceKind;
import org.bizhall.api.device.DeviceStatus;
import org.bizhall.api.device.DeviceTestResult;
import org.bizhall.api.device.NumberKiosk;
import org.bizhall.api.device.QueueMachine;
import org.bizhall.api.device.QueueTicket;
import org.bizhall.api.device.RatingPad;
import org.bizhall.api.device.TdDeskPhone;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.NumberStatus;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Reservation;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;

/** The demo halls, staff, subscribers, orders and fake drivers the counter services are tested with. */
final class CounterFakes {
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-05T10:00:00+08:00");
    static final Caller OP_SN = new Caller("op-sn", Role.OPERATOR, "SN-XA-001", "SN",
            Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION));
    static final Caller OP_SN2 = new Caller("op-sn2", Role.OPERATOR, "SN-XA-002", "SN", Set.of(HallKind.PARTNER));
    static final Caller MGR_SN = new Caller("mgr-sn", Role.MANAGER, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    static final Caller BO_SN = new Caller("bo-sn", Role.BACKOFFICE, "SN-XA-001", "SN", Set.of(HallKind.SELF_OWNED));
    static final Caller OP_SX = new Caller("op-sx", Role.OPERATOR, "SX-TY-001", "SX", Set.of(HallKind.SELF_OWNED));
    static final Caller ADMIN = Caller.admin("admin");

    private CounterFakes() {
    }

    static final class Halls implements HallDirectory {
        private final Map<String, Hall> halls = Map.of(
                "SN-XA-001", new Hall("SN-XA-001", "西安一厅", "SN", Set.of(HallKind.SELF_OWNED), false),
                "SN-XA-002", new Hall("SN-XA-002", "西安二厅", "SN", Set.of(HallKind.PARTNER), false),
                "SX-TY-001", new Hall("SX-TY-001", "太原一厅", "SX", Set.of(HallKind.SELF_OWNED), false));

        @Override
        public Optional<Hall> hall(String id) {
            return Optional.ofNullable(halls.get(id));
        }

        @Override
        public List<Hall> halls() {
            return List.copyOf(halls.values());
        }

        @Override
        public Optional<StaffMember> staff(String user) {
            return Optional.empty();
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

    static final class Clock implements BusinessClock {
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
            return true;
        }

        @Override
        public void moveTo(OffsetDateTime now) {
            this.now = now;
        }
    }

    static final class Subscribers implements SubscriberService {
        final Map<String, Subscriber> byNumber = new HashMap<>();

        Subscribers with(String msisdn, String province, String... categories) {
            byNumber.put(msisdn, new Subscriber(msisdn, province, province + "-1", SubscriberStatus.ACTIVE,
                    new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", "西安"),
                    "GOTONE-88", List.of(), Set.of(categories), 1, false, NOW));
            return this;
        }

        @Override
        public Optional<Subscriber> find(Msisdn msisdn) {
            return Optional.ofNullable(byNumber.get(msisdn.value()));
        }

        @Override
        public Subscriber register(NewSubscriber subscriber) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean holderMatches(Msisdn msisdn, String name) {
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

    /** Orders as the engine shows them: 404 unknown, 403 another province's. */
    static final class Orders implements OrderService {
        final Map<String, Order> orders = new HashMap<>();

        Orders with(String id, String province, String hall, String operator, OrderState state) {
            orders.put(id, new Order(id, "account-opening", "test/1.0.0", province, hall, operator, "13891800001",
                    null, List.of(), List.of(), Map.of(), state, null, null, Map.of(), null, NOW, NOW, List.of()));
            return this;
        }

        @Override
        public Order get(Caller caller, String orderId) {
            Order order = orders.get(orderId);
            if (order == null) {
                throw ProblemException.notFound("ORDER_NOT_FOUND", "there is no such order");
            }
            caller.requireProvince(order.province());
            return order;
        }

        @Override
        public Order submit(Caller caller, OrderRequest request) {
            throw new UnsupportedOperationException();
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
        public Page<Order> list(Caller caller, OrderQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Payment> payments(Caller caller, String orderId) {
            throw new UnsupportedOperationException();
        }
    }

    /** Ratings in memory with the store's once-per-order rule. */
    static final class Ratings implements RatingStore {
        final Map<String, Rating> byOrder = new HashMap<>();

        @Override
        public Rating insert(Rating rating) {
            if (byOrder.containsKey(rating.orderId())) {
                throw ProblemException.conflict("RATING_EXISTS", "the order has been rated");
            }
            byOrder.put(rating.orderId(), rating);
            return rating;
        }

        @Override
        public Optional<Rating> find(String orderId) {
            return Optional.ofNullable(byOrder.get(orderId));
        }

        @Override
        public List<OperatorRating> byOperator(String hall, LocalDate businessDate) {
            Map<String, List<Integer>> scores = new TreeMap<>();
            byOrder.values().stream().filter(r -> r.hall().equals(hall) && r.businessDate().equals(businessDate))
                    .forEach(r -> scores.computeIfAbsent(r.operator(), k -> new ArrayList<>()).add(r.score()));
            return scores.entrySet().stream().map(e -> new OperatorRating(e.getKey(), e.getValue().size(),
                    e.getValue().stream().mapToInt(Integer::intValue).average().orElse(0))).toList();
        }
    }

    static final class Pool implements NumberPool {
        final List<PoolNumber> numbers = new ArrayList<>();

        Pool with(String msisdn, String province, long prestoreFen) {
            numbers.add(new PoolNumber(msisdn, province, NumberStatus.AVAILABLE, prestoreFen, null, null, null));
            return this;
        }

        @Override
        public Page<PoolNumber> available(String province, String prefix, String pattern, int offset, int limit) {
            String regex = pattern == null ? ".*" : ".*" + pattern.replace("*", "[0-9]*") + "$";
            List<PoolNumber> all = numbers.stream().filter(n -> n.province().equals(province))
                    .filter(n -> prefix == null || n.msisdn().startsWith(prefix)).filter(n -> n.msisdn().matches(regex))
                    .sorted(Comparator.comparing(PoolNumber::msisdn)).toList();
            return new Page<>(all.stream().skip(offset).limit(limit).toList(), all.size());
        }

        @Override
        public Optional<PoolNumber> find(Msisdn msisdn) {
            return numbers.stream().filter(n -> n.msisdn().equals(msisdn.value())).findFirst();
        }

        @Override
        public Reservation reserve(Msisdn msisdn, String province, String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Reservation holdForOrder(Msisdn msisdn, String province, String user, String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void assign(Msisdn msisdn, String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(Msisdn msisdn, String orderId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int add(List<PoolNumber> numbers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count(String province) {
            return numbers.size();
        }
    }

    static final class Audit implements AuditLog {
        final List<String> entries = new ArrayList<>();

        @Override
        public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
            entries.add(actor + " " + action + " " + subject + " " + detail);
        }

        @Override
        public List<AuditEntry> forOrder(String orderId) {
            return List.of();
        }
    }

    /** What every fake driver shares: switched off, it throws as an unplugged device does. */
    abstract static class Driver implements org.bizhall.api.device.DeviceDriver {
        private final DeviceKind kind;
        boolean off;

        Driver(DeviceKind kind) {
            this.kind = kind;
        }

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public DeviceKind kind() {
            return kind;
        }

        @Override
        public Set<String> capabilities() {
            return Set.of();
        }

        @Override
        public DeviceStatus status(DeviceConfig device) {
            return off ? DeviceStatus.OFFLINE : DeviceStatus.ONLINE;
        }

        @Override
        public DeviceTestResult test(DeviceConfig device) {
            return DeviceTestResult.online("ok");
        }

        void requireOn(DeviceConfig device) {
            if (off) {
                throw new DeviceException(DeviceStatus.OFFLINE, "no answer from " + device.id());
            }
        }
    }

    static final class Machine extends Driver implements QueueMachine {
        final Map<String, Deque<QueueTicket>> waiting = new HashMap<>();
        int issued;

        Machine() {
            super(DeviceKind.QUEUE_MACHINE);
        }

        @Override
        public QueueTicket issue(DeviceConfig device, String queue) {
            requireOn(device);
            Deque<QueueTicket> line = waiting.computeIfAbsent(queue, q -> new ArrayDeque<>());
            QueueTicket ticket = new QueueTicket(queue.charAt(0) + String.format("%03d", ++issued), queue, line.size());
            line.addLast(ticket);
            return ticket;
        }

        @Override
        public Optional<QueueTicket> callNext(DeviceConfig device, String queue, String counter) {
            requireOn(device);
            return Optional.ofNullable(waiting.computeIfAbsent(queue, q -> new ArrayDeque<>()).pollFirst());
        }
    }

    static final class Pad extends Driver implements RatingPad {
        Integer pressed = 5;
        final List<String> asked = new ArrayList<>();

        Pad() {
            super(DeviceKind.RATING_PAD);
        }

        @Override
        public Optional<Integer> rate(DeviceConfig device, String operator, String orderId) {
            requireOn(device);
            asked.add(operator + "/" + orderId);
            return Optional.ofNullable(pressed);
        }
    }

    static final class Kiosk extends Driver implements NumberKiosk {
        List<String> shown = List.of();
        int choice;

        Kiosk() {
            super(DeviceKind.NUMBER_KIOSK);
        }

        @Override
        public void show(DeviceConfig device, List<String> msisdns) {
            requireOn(device);
            shown = List.copyOf(msisdns);
        }

        @Override
        public Optional<String> chosen(DeviceConfig device) {
            requireOn(device);
            return choice < shown.size() ? Optional.of(shown.get(choice)) : Optional.empty();
        }
    }

    static final class Phone extends Driver implements TdDeskPhone {
        final List<String> sent = new ArrayList<>();

        Phone() {
            super(DeviceKind.TD_DESK_PHONE);
        }

        @Override
        public DeskPhoneRegistration register(DeviceConfig device, String manufacturer, String terminalType,
                String model, String msisdn) {
            requireOn(device);
            sent.add(device.id() + ":" + manufacturer + "/" + terminalType + "/" + model + "/" + msisdn);
            return new DeskPhoneRegistration(manufacturer, terminalType, model, msisdn, !model.equals("UNKNOWN"));
        }
    }

    /** A registry with {@code hall}'s device of the driver's kind configured and bound to {@code driver}. */
    static DeviceRegistryImpl registryWith(String hall, Driver... drivers) {
        DeviceRegistryImpl registry = new DeviceRegistryImpl();
        for (Driver d : drivers) {
            registry.addDevice(Fixtures.device(hall + "-" + d.kind().name().toLowerCase(), hall, d.kind(), "fake"));
            registry.addDriver(d, Fixtures.serviceProperties("fake", 0));
        }
        return registry;
    }
}
