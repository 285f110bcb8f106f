package org.bizhall.procedure.opening.internal;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.service.AccountType;

/**
 * What the counter must see before an opening beyond the holder's documents, which the engine checks (seed 000
 * §6.1.2–6.1.3): a corporate holder comes through a proxy; the payer's documents by account type, the descriptor's
 * cases {@code BANK_COLLECTION} and {@code CORPORATE_ACCOUNT}; the bank-account holder as a party; the bank's
 * confirmation. Refusals name the first rule broken.
 */
final class OpeningDocuments {
    private OpeningDocuments() {
    }

    static void check(AccountOpening opening, OrderContext order, Customer customer, AccountType accountType,
            boolean bankConfirmed) {
        if (accountType == AccountType.CORPORATE_ACCOUNT && customer.type() != CustomerType.CORPORATE) {
            throw ProblemException.rule("CORPORATE_ACCOUNT_NEEDS_CORPORATE_CUSTOMER",
                    "a corporate account (对公帐号) pays only for a corporate customer", "params." + OpeningParams.ACCOUNT_TYPE);
        }
        KitProcedure.requireProxyForCompany(order, customer.type());
        if (accountType == AccountType.BANK_COLLECTION && order.party(PartyRole.BANK_ACCOUNT_HOLDER).isEmpty()) {
            throw ProblemException.rule("BANK_ACCOUNT_HOLDER_REQUIRED",
                    "bank collection needs the bank-account holder (帐户户主) as a BANK_ACCOUNT_HOLDER party", "parties");
        }
        if (accountType != AccountType.CASH_PREPAID) {
            // the case is named after the account type, as GET /procedures lists it in documentsByCase
            opening.requirePayerDocuments(order, accountType);
        }

        // Seed 000 §6.1.3: for either kind of collection the operator phones the bank to confirm the account is real.
        if (accountType != AccountType.CASH_PREPAID && !bankConfirmed) {
            throw ProblemException.rule("BANK_ACCOUNT_NOT_CONFIRMED",
                    "phone the bank to confirm the collection account is real, then set bankConfirmed",
                    "params." + OpeningParams.BANK_CONFIRMED);
        }
    }
}
