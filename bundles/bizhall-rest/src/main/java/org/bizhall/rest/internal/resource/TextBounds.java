package org.bizhall.rest.internal.resource;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.TextLimits;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.Party;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderRequest;

/**
 * Every text of a request body bounded by {@link TextLimits} before it goes further: a value longer than what the
 * store keeps is refused here with {@code TEXT_TOO_LONG} and its JSON path, so it is never accepted now and failed at
 * a later step (issue 8 defect 3). Completeness and form are checked where they always were (the value types, the
 * engine, the procedure); only length is checked here, and for every field of the envelope at once.
 */
final class TextBounds {
    private TextBounds() {
    }

    static OrderRequest check(OrderRequest order) {
        TextLimits.bounded(order.procedure(), TextLimits.PROCEDURE_ID, "procedure");
        identity(order.customer(), "customer");
        List<Party> parties = order.parties();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            if (party != null) {
                identity(party.asCustomer(), "parties[" + i + "]");
            }
        }
        List<Document> documents = order.documents();
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document != null) {
                TextLimits.bounded(document.number(), TextLimits.DOCUMENT_NUMBER, "documents[" + i + "].number");
            }
        }
        params(order.params(), "params");
        return order;
    }

    static Confirmation check(Confirmation confirmation) {
        TextLimits.bounded(confirmation.note(), TextLimits.NOTE, "note");
        TextLimits.bounded(confirmation.step(), TextLimits.PROCEDURE_ID, "step");
        TextLimits.bounded(confirmation.reference(), TextLimits.DOCUMENT_NUMBER, "reference");
        return confirmation;
    }

    private static void identity(Customer customer, String field) {
        if (customer == null) {
            return;
        }
        TextLimits.bounded(customer.name(), TextLimits.NAME, field + ".name");
        TextLimits.bounded(customer.idNumber(), TextLimits.ID_NUMBER, field + ".idNumber");
        TextLimits.bounded(customer.address(), TextLimits.ADDRESS, field + ".address");
    }

    /** Every string in the params tree, keys included; the tree's depth is bounded by the JSON reader. */
    private static void params(Object value, String path) {
        if (value instanceof String text) {
            TextLimits.bounded(text, TextLimits.PARAM_TEXT, path);
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                TextLimits.bounded(key, TextLimits.PARAM_TEXT, path);
                params(entry.getValue(), path + "." + (key.length() <= 64 ? key : key.substring(0, 64)));
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                params(list.get(i), path + "[" + i + "]");
            }
        }
    }
}
