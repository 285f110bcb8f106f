package org.bizhall.api.customer;

import org.bizhall.api.common.ProblemException;

/**
 * Someone other than the holder who takes part in an order: a proxy, the new holder, a bank-account holder, a contact.
 * {@code source} says where the identity came from, as for {@link Customer#source()}.
 */
public record Party(PartyRole role, CustomerType type, String name, IdType idType, String idNumber,
        IdentitySource source) {

    /** A typed identity. */
    public Party(PartyRole role, CustomerType type, String name, IdType idType, String idNumber) {
        this(role, type, name, idType, idNumber, null);
    }

    /** Whether the request asks for this identity to be read from the hall's ID-card reader. */
    public boolean readFromCard() {
        return source == IdentitySource.ID_CARD_READER;
    }

    /** This party with the identity of {@code identity} (its type, name and document), keeping the role. */
    public Party identifiedAs(Customer identity) {
        return new Party(role, identity.type(), identity.name(), identity.idType(), identity.idNumber(),
                identity.source());
    }

    public Party validated(String field) {
        if (role == null) {
            throw ProblemException.badRequest("PARTY_ROLE_MISSING", "role is required", field + ".role");
        }
        Customer checked = asCustomer().validated(field);
        return new Party(role, checked.type(), checked.name(), checked.idType(), checked.idNumber(), source);
    }

    public Customer asCustomer() {
        return new Customer(type == null ? CustomerType.PERSONAL : type, name, idType, idNumber, null, source);
    }

    public Party masked() {
        Customer masked = asCustomer().masked();
        return new Party(role, masked.type(), masked.name(), idType, masked.idNumber(), source);
    }
}
