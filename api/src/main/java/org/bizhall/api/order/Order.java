package org.bizhall.api.order;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.bizhall.api.common.Masking;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.Party;

/**
 * An order as stored. It holds personal data unmasked; edges show {@link #masked()}. {@code result} is what the
 * procedure recorded (the new subscriber's number, the account id); {@code provider} is the provider of the last step.
 * {@code priority} is {@value #VIP} when the order was submitted for a big customer of its province (rulebook §14: VIP
 * orders go first), else {@value #NORMAL}; the engine fixes it at submission and every edge shows it as kept.
 */
public record Order(String id, String procedure, String provider, String province, String hall, String operator,
        String msisdn, Customer customer, List<Party> parties, List<Document> documents, Map<String, Object> params,
        OrderState state, Awaiting awaiting, Quote quote, Map<String, Object> result, OrderProblem problem,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, List<StateChange> history, String priority) {
    /** The priority of an order for a big customer. */
    public static final String VIP = "VIP";
    /** The priority of every other order. */
    public static final String NORMAL = "NORMAL";

    public Order {
        parties = List.copyOf(parties);
        documents = List.copyOf(documents);
        history = List.copyOf(history);
        priority = priority == null ? NORMAL : priority;
    }

    /** An order of {@value #NORMAL} priority. */
    public Order(String id, String procedure, String provider, String province, String hall, String operator,
            String msisdn, Customer customer, List<Party> parties, List<Document> documents, Map<String, Object> params,
            OrderState state, Awaiting awaiting, Quote quote, Map<String, Object> result, OrderProblem problem,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, List<StateChange> history) {
        this(id, procedure, provider, province, hall, operator, msisdn, customer, parties, documents, params, state,
                awaiting, quote, result, problem, createdAt, updatedAt, history, NORMAL);
    }

    /** This order with other params (write-only ones redacted, say); everything else unchanged. */
    public Order withParams(Map<String, Object> otherParams) {
        return new Order(id, procedure, provider, province, hall, operator, msisdn, customer, parties, documents,
                otherParams, state, awaiting, quote, result, problem, createdAt, updatedAt, history, priority);
    }

    /**
     * This order after it entered {@code change.state()}: the change is appended to the history, its provider becomes
     * the order's, its time the order's {@code updatedAt}; {@code awaiting}, {@code result} and {@code problem} are
     * those of the new state.
     */
    public Order entered(StateChange change, Awaiting nowAwaiting, Map<String, Object> nowResult,
            OrderProblem nowProblem) {
        List<StateChange> longer = new java.util.ArrayList<>(history);
        longer.add(change);
        return new Order(id, procedure, change.provider(), province, hall, operator, msisdn, customer, parties,
                documents, params, change.state(), nowAwaiting, quote, nowResult, nowProblem, createdAt, change.at(),
                longer, priority);
    }

    public Order masked() {
        return new Order(id, procedure, provider, province, hall, operator, msisdn,
                customer == null ? null : customer.masked(), parties.stream().map(Party::masked).toList(),
                documents.stream().map(d -> new Document(d.kind(), Masking.idNumber(d.number()), d.sealed())).toList(),
                params, state, awaiting, quote, result, problem, createdAt, updatedAt, history, priority);
    }
}
