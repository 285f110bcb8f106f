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
 */
public record Order(String id, String procedure, String provider, String province, String hall, String operator,
        String msisdn, Customer customer, List<Party> parties, List<Document> documents, Map<String, Object> params,
        OrderState state, Awaiting awaiting, Quote quote, Map<String, Object> result, OrderProblem problem,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, List<StateChange> history) {
    public Order {
        parties = List.copyOf(parties);
        documents = List.copyOf(documents);
        history = List.copyOf(history);
    }

    public Order masked() {
        return new Order(id, procedure, provider, province, hall, operator, msisdn,
                customer == null ? null : customer.masked(), parties.stream().map(Party::masked).toList(),
                documents.stream().map(d -> new Document(d.kind(), Masking.idNumber(d.number()), d.sealed())).toList(),
                params, state, awaiting, quote, result, problem, createdAt, updatedAt, history);
    }
}
