package org.bizhall.api.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

import org.bizhall.api.common.CreditCode;
import org.bizhall.api.common.Masking;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.common.TextLimits;

/**
 * A person or organisation with an identity document. {@link #validated(String)} checks completeness and the check
 * character of ID-card and credit-code numbers; {@link #masked()} is the form that may leave the system. {@code source}
 * says where the identity came from; null means typed ({@link IdentitySource#MANUAL}).
 */
public record Customer(CustomerType type, String name, IdType idType, String idNumber, String address,
        IdentitySource source) {

    /** A typed identity. */
    public Customer(CustomerType type, String name, IdType idType, String idNumber, String address) {
        this(type, name, idType, idNumber, address, null);
    }

    /** Whether the request asks for this identity to be read from the hall's ID-card reader. */
    public boolean readFromCard() {
        return source == IdentitySource.ID_CARD_READER;
    }

    /** The same identity marked as coming from {@code from}. */
    public Customer from(IdentitySource from) {
        return new Customer(type, name, idType, idNumber, address, from);
    }

    /**
     * Checks the customer given at {@code field} ({@code customer}, {@code parties[0]}) and returns it normalised: parts
     * present, texts within {@link TextLimits}, check characters right.
     */
    public Customer validated(String field) {
        if (type == null) {
            throw ProblemException.badRequest("CUSTOMER_TYPE_MISSING", "type must be PERSONAL or CORPORATE", field + ".type");
        }
        if (name == null || name.isBlank()) {
            throw ProblemException.badRequest("CUSTOMER_NAME_MISSING", "the name is required", field + ".name");
        }
        if (idType == null) {
            throw ProblemException.badRequest("ID_TYPE_MISSING", "idType is required", field + ".idType");
        }
        if (idNumber == null || idNumber.isBlank()) {
            throw ProblemException.badRequest("ID_NUMBER_MISSING", "idNumber is required", field + ".idNumber");
        }
        // Bounded before any other check so nothing longer than its column ever travels further.
        TextLimits.bounded(name, TextLimits.NAME, field + ".name");
        TextLimits.bounded(idNumber, TextLimits.ID_NUMBER, field + ".idNumber");
        TextLimits.bounded(address, TextLimits.ADDRESS, field + ".address");
        if (type == CustomerType.CORPORATE && idType != IdType.BUSINESS_LICENCE) {
            throw ProblemException.badRequest("ID_TYPE_INVALID", "a corporate customer identifies with its BUSINESS_LICENCE", field + ".idType");
        }
        if (type == CustomerType.PERSONAL && idType == IdType.BUSINESS_LICENCE) {
            throw ProblemException.badRequest("ID_TYPE_INVALID", "a personal customer identifies with a personal document", field + ".idType");
        }
        String number = switch (idType) {
            case ID_CARD -> ResidentId.validate(idNumber, field + ".idNumber");
            case BUSINESS_LICENCE -> CreditCode.validate(idNumber, field + ".idNumber");
            default -> idNumber.trim();
        };
        return new Customer(type, name.trim(), idType, number, address == null ? null : address.trim(), source);
    }

    /**
     * Whether {@code other} shows the same identity document: same {@link IdType} and the same number (trimmed, case
     * ignored). Every character is compared whatever the outcome, so the time taken tells nothing of how much matched;
     * how the holder of a number is proven (rulebook "Documents").
     */
    public boolean sameDocumentAs(Customer other) {
        byte[] mine = normalisedNumber(idNumber);
        boolean sameType = other != null && idType != null && idType == other.idType();
        boolean sameNumber = MessageDigest.isEqual(mine, normalisedNumber(other == null ? null : other.idNumber()));
        return sameType && sameNumber && mine.length > 0;
    }

    private static byte[] normalisedNumber(String number) {
        return number == null ? new byte[0] : number.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    /** The customer as responses and logs show it: surname only, last four characters of the number. */
    public Customer masked() {
        return new Customer(type, Masking.name(name), idType, Masking.idNumber(idNumber), address == null ? null : "***",
                source);
    }
}
