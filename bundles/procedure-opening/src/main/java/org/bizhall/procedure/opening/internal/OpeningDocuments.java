package org.bizhall.procedure.opening.internal;

import java.util.ArrayList;
import java.util.List;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.service.AccountType;

/**
 * What the counter must see before an opening (seed 000 §6.1.2–6.1.3): the holder's documents by customer type, and
 * the payer's by account type. Refusals name the first rule broken; missing documents are listed together, so the
 * customer learns in one go everything to bring.
 */
final class OpeningDocuments {
    private OpeningDocuments() {
    }

    static void check(OrderContext order, Customer customer, AccountType accountType, boolean bankConfirmed) {
        if (accountType == AccountType.CORPORATE_ACCOUNT && customer.type() != CustomerType.CORPORATE) {
            throw ProblemException.rule("CORPORATE_ACCOUNT_NEEDS_CORPORATE_CUSTOMER",
                    "a corporate account (对公帐号) pays only for a corporate customer", "params." + OpeningParams.ACCOUNT_TYPE);
        }
        boolean proxy = order.party(PartyRole.PROXY).isPresent();
        if (customer.type() == CustomerType.CORPORATE && !proxy) {
            throw ProblemException.rule("PROXY_REQUIRED",
                    "a corporate customer opens through a proxy (代办人) who shows an ID", "parties");
        }
        if (accountType == AccountType.BANK_COLLECTION && order.party(PartyRole.BANK_ACCOUNT_HOLDER).isEmpty()) {
            throw ProblemException.rule("BANK_ACCOUNT_HOLDER_REQUIRED",
                    "bank collection needs the bank-account holder (帐户户主) as a BANK_ACCOUNT_HOLDER party", "parties");
        }

        List<DocumentKind> required = new ArrayList<>();
        if (customer.type() == CustomerType.PERSONAL) {
            required.add(DocumentKind.HOLDER_ID);
        } else {
            required.add(DocumentKind.UNIT_CERTIFICATE);
            required.add(DocumentKind.BUSINESS_LICENCE);
        }
        if (proxy) {
            required.add(DocumentKind.PROXY_ID);
        }
        if (accountType == AccountType.BANK_COLLECTION) {
            required.add(DocumentKind.BANK_PASSBOOK);
            required.add(DocumentKind.BANK_HOLDER_ID);
        } else if (accountType == AccountType.CORPORATE_ACCOUNT) {
            required.add(DocumentKind.SEAL_CARD);
        }
        List<DocumentKind> missing = required.stream().filter(kind -> !order.hasDocument(kind)).toList();
        if (!missing.isEmpty()) {
            throw ProblemException.rule("DOCUMENT_MISSING", "the opening needs these documents too: " + missing, "documents");
        }

        // Seed 000 §6.1.3: for either kind of collection the operator phones the bank to confirm the account is real.
        if (accountType != AccountType.CASH_PREPAID && !bankConfirmed) {
            throw ProblemException.rule("BANK_ACCOUNT_NOT_CONFIRMED",
                    "phone the bank to confirm the collection account is real, then set bankConfirmed",
                    "params." + OpeningParams.BANK_CONFIRMED);
        }
    }
}
