package org.bizhall.devices.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.counter.OperatorRating;
import org.bizhall.api.counter.Rating;
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
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.OrderService;
import org.bizhall.api.order.OrderState;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.platform.counter.RatingStore;
import org.bizhall.testing.InMemorySubscribers;
import org.bizhall.testing.RecordingAuditLog;
import org.bizhall.testing.SettableClock;

/** The callers, subscribers, orders, ratings and fake drivers the counter services are tested with. */
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

    /** A clock at {@link #NOW}. */
    static SettableClock clock() {
        return new SettableClock(NOW);
    }

    /** An ACTIVE subscriber of {@code province} in the given categories, opened at {@link #NOW}. */
    static Subscriber subscriber(String msisdn, String province, String... categories) {
        return new Subscriber(msisdn, province, province + "-1", SubscriberStatus.ACTIVE, InMemorySubscribers.HOLDER,
                "GOTONE-88", List.of(), Set.of(categories), 1, false, NOW);
    }

    static InMemorySubscribers subscribers(Subscriber... subscribers) {
        InMemorySubscribers all = new InMemorySubscribers(clock());
        List.of(subscribers).forEach(all::add);
        return all;
    }

    /** The audit trail as {@code "actor action subject detail"}. */
    static List<String> auditLines(RecordingAuditLog audit) {
        return audit.lines(e -> e.actor() + " " + e.action() + " " + e.subject() + " " + e.detail());
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
