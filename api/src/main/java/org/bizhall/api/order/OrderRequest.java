package org.bizhall.api.order;

import java.util.List;
import java.util.Map;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.Party;

/** The order envelope every procedure takes; {@code params} are as the procedure's params schema says. */
public record OrderRequest(String procedure, String msisdn, Customer customer, List<Party> parties,
        List<Document> documents, Map<String, Object> params) {
    public OrderRequest {
        parties = parties == null ? List.of() : List.copyOf(parties);
        documents = documents == null ? List.of() : List.copyOf(documents);
        params = params == null ? Map.of() : params;
    }
}
