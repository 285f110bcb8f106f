package org.bizhall.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.bizhall.api.common.TextLimits;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.Party;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.OrderProblem;
import org.bizhall.api.order.OrderQuery;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.Quote;
import org.bizhall.api.order.ReceiptRef;
import org.bizhall.api.order.StateChange;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.platform.store.OrderStore;
import org.hibernate.annotations.QueryHints;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Orders in {@code orders}, their history in {@code order_history} (insert-only, numbered) and payments in
 * {@code payments} (one per order).
 */
@Component(service = OrderStore.class)
public class JpaOrderStore implements OrderStore {
    private static final ObjectReader PARTIES = Codec.reader(new TypeReference<List<Party>>() {
    });
    private static final ObjectReader DOCUMENTS = Codec.reader(new TypeReference<List<Document>>() {
    });
    private static final ObjectReader MAP = Codec.reader(new TypeReference<Map<String, Object>>() {
    });

    @Reference(service = TransactionScopedTemplate.class)
    TypedJpaTemplate jpa;
    @Reference
    BusinessClock clock;
    @Reference
    SchemaReady schema;

    @Override
    public void insert(Order o) {
        if (o == null || o.id() == null || o.procedure() == null || o.province() == null || o.state() == null) {
            throw new IllegalArgumentException("an order needs an id, a procedure, a province and a state");
        }
        OrderEntity e = new OrderEntity();
        e.id = o.id();
        e.procedure = o.procedure();
        e.province = o.province();
        e.hallId = o.hall();
        e.operator = o.operator();
        e.msisdn = o.msisdn();
        e.priority = o.priority();
        e.customerJson = Codec.toJson(o.customer(), "customer");
        e.partiesJson = Codec.toJson(o.parties(), "parties");
        e.documentsJson = Codec.toJson(o.documents(), "documents");
        e.paramsJson = Codec.toJson(o.params() == null ? Map.of() : o.params(), "params");
        e.createdAt = Codec.instant(o.createdAt() == null ? clock.now() : o.createdAt());
        e.updatedAt = Codec.instant(o.updatedAt() == null ? clock.now() : o.updatedAt());
        writeMutable(e, o);
        Tx.decide(jpa, em -> {
            boolean inserted = Jdbc.onTransactionConnection(em, c -> {
                try (PreparedStatement s = Jdbc.prepare(c, INSERT_ORDER)) {
                    bindOrder(s, e);
                    s.executeUpdate();
                } catch (SQLException refused) {
                    if (Jdbc.duplicateKey(refused)) {
                        return false;
                    }
                    throw refused;
                }
                insertHistory(c, e.id, o.history(), 0);
                return true;
            });
            if (!inserted) {
                return Tx.Outcome.refused(ProblemException.conflict("ORDER_EXISTS", "an order with this id exists"));
            }
            // Not an entity of this transaction: most orders wait for a payment and are not changed again in it, and
            // Hibernate's dirty check of one at the commit cost more than reading it back in the rarer transaction
            // that changes it (an order executed at once). That one learns how much history is stored from the memo:
            // no other transaction appends to it before the commit.
            Map<Object, Object> memo = jpa.transactionMemo();
            if (memo != null) {
                memo.put(new StoredHistory(e.id), o.history().size());
            }
            return Tx.Outcome.ok(null);
        });
    }

    /** Key of the history rows an order inserted in this transaction has, in the transaction's memo. */
    private record StoredHistory(String orderId) {
    }

    /*
     * A new order and its first history rows are statements, not entities persisted and flushed: Hibernate's part of
     * that (the persist, the insert actions at the flush, the existence check before it) was about a twentieth of an
     * opening's CPU; the primary key refuses an id that exists (docs/benchmarks.md, "Statements for the new order").
     */
    private static final String INSERT_ORDER = "INSERT INTO orders (id, procedure_id, provider, province, hall_id,"
            + " operator, msisdn, priority, customer_json, parties_json, documents_json, params_json, state, awaiting,"
            + " quote_json, result_json, problem_code, problem_detail, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HISTORY = "INSERT INTO order_history (order_id, seq, state, changed_at, actor,"
            + " provider, note) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private static void bindOrder(PreparedStatement s, OrderEntity e) throws SQLException {
        int i = 1;
        s.setString(i++, e.id);
        s.setString(i++, e.procedure);
        s.setString(i++, e.provider);
        s.setString(i++, e.province);
        s.setString(i++, e.hallId);
        s.setString(i++, e.operator);
        s.setString(i++, e.msisdn);
        s.setString(i++, e.priority);
        s.setString(i++, e.customerJson);
        s.setString(i++, e.partiesJson);
        s.setString(i++, e.documentsJson);
        s.setString(i++, e.paramsJson);
        s.setString(i++, e.state.name());
        s.setString(i++, e.awaiting == null ? null : e.awaiting.name());
        s.setString(i++, e.quoteJson);
        s.setString(i++, e.resultJson);
        s.setString(i++, e.problemCode);
        s.setString(i++, e.problemDetail);
        Jdbc.timestamp(s, i++, e.createdAt);
        Jdbc.timestamp(s, i, e.updatedAt);
    }

    /** Inserts {@code history} from position {@code from} on, in one batch: entries stored are never rewritten. */
    private static void insertHistory(Connection c, String orderId, List<StateChange> history, int from)
            throws SQLException {
        if (from >= history.size()) {
            return;
        }
        try (PreparedStatement s = Jdbc.prepare(c, INSERT_HISTORY)) {
            for (int i = from; i < history.size(); i++) {
                StateChange change = history.get(i);
                s.setString(1, orderId);
                s.setInt(2, i);
                s.setString(3, change.state().name());
                Jdbc.timestamp(s, 4, Codec.instant(change.at()));
                s.setString(5, Codec.truncate(change.actor(), 64));
                s.setString(6, Codec.truncate(change.provider(), 200));
                s.setString(7, Codec.truncate(change.note(), TextLimits.NOTE));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    @Override
    public Optional<Order> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(em.find(OrderEntity.class, id)).map(e -> toOrder(e, history(em, id))));
    }

    @Override
    public Optional<Order> lock(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> Optional.ofNullable(Tx.lockFresh(em, OrderEntity.class, id)).map(e -> {
            List<StateChange> history = history(em, id);
            e.storedHistory = history.size();
            return toOrder(e, history);
        }));
    }

    @Override
    public void update(Order o) {
        Tx.decide(jpa, em -> {
            OrderEntity e = em.find(OrderEntity.class, o.id());
            if (e == null) {
                return Tx.Outcome.refused(ProblemException.notFound("ORDER_NOT_FOUND", "no order has this id"));
            }
            writeMutable(e, o);
            e.updatedAt = Codec.instant(o.updatedAt() == null ? clock.now() : o.updatedAt());
            // an order this transaction inserted is counted in its memo, which outlives a cleared persistence context
            Map<Object, Object> memo = jpa.transactionMemo();
            StoredHistory insertedHere = new StoredHistory(o.id());
            if (e.storedHistory < 0 && memo != null && memo.get(insertedHere) instanceof Integer stored) {
                e.storedHistory = stored;
            }
            int from = e.storedHistory;
            if (from < 0) {
                Integer stored = em.createQuery("select max(h.seq) from OrderHistoryEntity h where h.orderId = :o",
                        Integer.class).setParameter("o", o.id()).getSingleResult();
                from = stored == null ? 0 : stored + 1;
            }
            int first = from;
            Jdbc.onTransactionConnection(em, c -> {
                insertHistory(c, o.id(), o.history(), first);
                return null;
            });
            if (e.storedHistory >= 0) {
                e.storedHistory = Math.max(from, o.history().size());
                if (memo != null && memo.containsKey(insertedHere)) {
                    memo.put(insertedHere, e.storedHistory);
                }
            }
            return Tx.Outcome.ok(null);
        });
    }

    private static void writeMutable(OrderEntity e, Order o) {
        e.state = o.state();
        e.awaiting = o.awaiting();
        e.provider = o.provider();
        e.paramsJson = Codec.toJson(o.params() == null ? Map.of() : o.params(), "params");
        e.quoteJson = Codec.toJson(o.quote(), "quote");
        e.resultJson = Codec.toJson(o.result(), "result");
        e.problemCode = o.problem() == null ? null : o.problem().code();
        e.problemDetail = o.problem() == null ? null : Codec.truncate(o.problem().detail(), 2000);
    }

    @Override
    public Page<Order> query(String province, OrderQuery q) {
        int first = Math.max(q.offset(), 0);
        int max = q.limit() <= 0 ? Page.DEFAULT_LIMIT : Math.min(q.limit(), Page.MAX_LIMIT);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (province != null) {
            where.append(" and o.province = :province");
            params.put("province", province);
        }
        if (q.state() != null) {
            where.append(" and o.state = :state");
            params.put("state", q.state());
        }
        if (q.procedure() != null) {
            where.append(" and o.procedure = :procedure");
            params.put("procedure", q.procedure());
        }
        if (q.msisdn() != null) {
            where.append(" and o.msisdn = :msisdn");
            params.put("msisdn", q.msisdn());
        }
        if (q.from() != null) {
            where.append(" and o.createdAt >= :from");
            params.put("from", q.from().toInstant());
        }
        if (q.to() != null) {
            where.append(" and o.createdAt < :to");
            params.put("to", q.to().toInstant());
        }
        return Tx.call(jpa, em -> {
            TypedQuery<OrderEntity> items = em.createQuery(
                    "select o from OrderEntity o" + where + " order by o.createdAt desc, o.id desc", OrderEntity.class);
            TypedQuery<Long> count = em.createQuery("select count(o) from OrderEntity o" + where, Long.class);
            params.forEach((k, v) -> {
                items.setParameter(k, v);
                count.setParameter(k, v);
            });
            List<OrderEntity> found = items.setFirstResult(first).setMaxResults(max).getResultList();
            Map<String, List<StateChange>> histories = new LinkedHashMap<>();
            if (!found.isEmpty()) {
                for (OrderHistoryEntity h : em.createQuery("select h from OrderHistoryEntity h where h.orderId in :ids"
                        + " order by h.orderId, h.seq", OrderHistoryEntity.class)
                        .setParameter("ids", found.stream().map(e -> e.id).toList()).getResultList()) {
                    histories.computeIfAbsent(h.orderId, k -> new ArrayList<>()).add(toChange(h));
                }
            }
            List<Order> orders = found.stream().map(e -> toOrder(e, histories.getOrDefault(e.id, List.of()))).toList();
            return new Page<>(orders, count.getSingleResult());
        });
    }

    @Override
    public void insertPayment(Payment p) {
        if (p == null || p.id() == null || p.orderId() == null || p.method() == null) {
            throw new IllegalArgumentException("a payment needs an id, an order and a method");
        }
        Instant at = Codec.instant(p.at() == null ? clock.now() : p.at());
        Tx.decide(jpa, em -> {
            // checked before inserting: a unique-key violation would leave the caller's transaction unusable
            long existing = em.createQuery("select count(p) from PaymentEntity p where p.orderId = :o", Long.class)
                    .setParameter("o", p.orderId()).getSingleResult();
            if (existing > 0) {
                return Tx.Outcome.refused(ProblemException.conflict("ORDER_ALREADY_PAID", "the order has been paid"));
            }
            PaymentEntity e = new PaymentEntity();
            e.id = p.id();
            e.orderId = p.orderId();
            e.method = p.method();
            e.dueFen = p.dueFen();
            e.tenderedFen = p.tenderedFen();
            e.changeFen = p.changeFen();
            e.surplusFen = p.surplusFen();
            e.receiptNumber = p.receipt() == null ? null : p.receipt().number();
            e.hallId = p.hall();
            e.operator = p.operator();
            e.at = at;
            if (p.kiosk() != null) {
                e.kioskDevice = p.kiosk().device();
                e.kioskAcceptedFen = notes(p.kiosk().acceptedNotesFen());
                e.kioskReturnedFen = notes(p.kiosk().returnedNotesFen());
            }
            em.persist(e);
            em.flush();
            return Tx.Outcome.ok(null);
        });
    }

    @Override
    public List<Payment> payments(String orderId) {
        return Tx.call(jpa, em -> em.createQuery("select p from PaymentEntity p where p.orderId = :o order by p.at, p.id",
                PaymentEntity.class).setParameter("o", orderId).getResultList().stream().map(this::toPayment).toList());
    }

    private List<StateChange> history(EntityManager em, String id) {
        // read-only: insert-only rows, mapped at once; not dirty-checked at the flushes of the rest of the transaction
        return em.createQuery("select h from OrderHistoryEntity h where h.orderId = :o order by h.seq",
                OrderHistoryEntity.class).setParameter("o", id).setHint(QueryHints.READ_ONLY, true).getResultList().stream().map(this::toChange).toList();
    }

    private StateChange toChange(OrderHistoryEntity h) {
        return new StateChange(h.state, Codec.time(h.at, clock.zone()), h.actor, h.provider, h.note);
    }

    private Order toOrder(OrderEntity e, List<StateChange> history) {
        List<Party> parties = Codec.fromJson(e.partiesJson, PARTIES, "parties");
        List<Document> documents = Codec.fromJson(e.documentsJson, DOCUMENTS, "documents");
        Map<String, Object> params = Codec.fromJson(e.paramsJson, MAP, "params");
        return new Order(e.id, e.procedure, e.provider, e.province, e.hallId, e.operator, e.msisdn,
                Codec.fromJson(e.customerJson, Customer.class, "customer"), parties == null ? List.of() : parties,
                documents == null ? List.of() : documents, params == null ? Map.of() : params, e.state, e.awaiting,
                Codec.fromJson(e.quoteJson, Quote.class, "quote"), Codec.fromJson(e.resultJson, MAP, "result"),
                e.problemCode == null ? null : new OrderProblem(e.problemCode, e.problemDetail),
                Codec.time(e.createdAt, clock.zone()), Codec.time(e.updatedAt, clock.zone()), history, e.priority);
    }

    private Payment toPayment(PaymentEntity e) {
        KioskCash kiosk = e.kioskDevice == null ? null
                : new KioskCash(e.kioskDevice, notes(e.kioskAcceptedFen), notes(e.kioskReturnedFen));
        return new Payment(e.id, e.orderId, e.method, e.dueFen, e.tenderedFen, e.changeFen, e.surplusFen,
                e.receiptNumber == null ? null : new ReceiptRef(e.receiptNumber), e.hallId, e.operator,
                Codec.time(e.at, clock.zone()), kiosk);
    }

    private static String notes(List<Long> fen) {
        return fen.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> notes(String stored) {
        return stored == null || stored.isEmpty() ? List.of()
                : Arrays.stream(stored.split(",")).map(Long::valueOf).toList();
    }
}
