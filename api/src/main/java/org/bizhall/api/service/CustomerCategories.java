package org.bizhall.api.service;

import java.util.List;
import java.util.Set;

import org.bizhall.api.customer.IdType;
import org.bizhall.api.hall.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The categories of a customer (rulebook §14, seed 001 §3.5) in one province, kept per customer (identity document)
 * and shown on every subscriber of that customer there, including those registered later. A customer nobody
 * categorised is {@value #NORMAL}.
 */
@ProviderType
public interface CustomerCategories {
    /** An ordinary customer; dropped when any other category is set. */
    String NORMAL = "NORMAL";
    /** A big customer: orders and queue tickets go first. */
    String VIP = "VIP";
    /** A customer who may not open new numbers unless the province allows it ({@code blacklistMayOpen}). */
    String BLACKLIST = "BLACKLIST";
    /** A customer the operator treats with particular care (红名单). */
    String REDLIST = "REDLIST";
    /** Every category there is, in the order they are listed. */
    List<String> ALL = List.of(NORMAL, VIP, BLACKLIST, REDLIST);

    /** The customer's categories in {@code province}; {@code [NORMAL]} when none were set. */
    Set<String> of(String province, IdType idType, String idNumber);

    /**
     * Sets the categories of a customer in the caller's province (role {@code manager} or {@code backoffice}, 403
     * otherwise), with the reason, and writes them to every subscriber of the customer there; audited with who and why.
     * An unknown word is 400 {@code CATEGORY_INVALID}, a missing reason 400 {@code REASON_MISSING}, an identity number
     * that fails its check 400. No category, or only {@code NORMAL}, makes the customer {@code NORMAL} again.
     */
    CustomerCategorySetting set(Caller caller, IdType idType, String idNumber, Set<String> categories, String reason);
}
