package org.bizhall.api.customer;

import org.bizhall.api.common.ProblemException;

/** Someone other than the holder who takes part in an order: a proxy, the new holder, a bank-account holder, a contact. */
public record Party(PartyRole role, CustomerType type, String name, IdType idType, String idNumber) {

    public Party validated(String field) {
        if (role == null) {
            throw ProblemException.badRequest("PARTY_ROLE_MISSING", "role is required", field + ".role");
        }
        Customer checked = asCustomer().validated(field);
        return new Party(role, checked.type(), checked.name(), checked.idType(), checked.idNumber());
    }

    public Customer asCustomer() {
        return new Customer(type == null ? CustomerType.PERSONAL : type, name, idType, idNumber, null);
    }

    public Party masked() {
        Customer masked = asCustomer().masked();
        return new Party(role, masked.type(), masked.name(), idType, masked.idNumber());
    }
}
