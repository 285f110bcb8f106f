package org.bizhall.procedure.opening.internal;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.HolderDocuments;
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
        HolderDocuments.requireProxyForCompany(order, customer.type());
        if (accountType == AccountType.BANK_COLLECTION && order.party(PartyRole.BANK_ACCOUNT_HOLDER).isEmpty()) {
            throw ProblemException.rule("BANK_ACCOUNT_HOLDER_REQUIRED",
                    "bank collection needs the bank-account holder (帐户户主) as a BANK_ACCOUNT_HOLDER party", "parties");
        }

        DocumentKind[] payerDocuments = switch (accountType) {
            case BANK_COLLECTION -> new DocumentKind[] {DocumentKind.BANK_PASSBOOK, DocumentKind.BANK_HOLDER_ID};
            case CORPORATE_ACCOUNT -> new DocumentKind[] {DocumentKind.SEAL_CARD};
            default -> new DocumentKind[0];
        };
        HolderDocuments.require(order, customer.type(), payerDocuments);

        // Seed 000 §6.1.3: for either kind of collection the operator phones the bank to confirm the account is real.
        if (accountType != AccountType.CASH_PREPAID && !bankConfirmed) {
            throw ProblemException.rule("BANK_ACCOUNT_NOT_CONFIRMED",
                    "phone the bank to confirm the collection account is real, then set bankConfirmed",
                    "params." + OpeningParams.BANK_CONFIRMED);
        }
    }
}
