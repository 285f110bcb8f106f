package org.bizhall.procedure.opening.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bizhall.api.procedure.Params;
import org.bizhall.api.service.AccountType;

/**
 * The params of an account opening, read typed. Their form (types, lengths, the password's digits) is the published
 * schema's, which the engine validates before the quote; the business rules on them are the procedure's.
 * {@code depositFen} is null when the counter left it to the province minimum.
 */
record OpeningParams(String packageCode, AccountType accountType, Long depositFen, boolean intlRoaming,
        List<String> features, String servicePassword, String simCapacity, boolean bankConfirmed) {

    static final String PACKAGE = "package";
    static final String ACCOUNT_TYPE = "accountType";
    static final String DEPOSIT_FEN = "depositFen";
    static final String INTL_ROAMING = "intlRoaming";
    static final String FEATURES = "features";
    static final String SERVICE_PASSWORD = "servicePassword";
    static final String SIM_CAPACITY = "simCapacity";
    static final String BANK_CONFIRMED = "bankConfirmed";

    /** Every param name the rules read; the published schema describes exactly these. */
    static final Set<String> NAMES = Set.of(PACKAGE, ACCOUNT_TYPE, DEPOSIT_FEN, INTL_ROAMING, FEATURES,
            SERVICE_PASSWORD, SIM_CAPACITY, BANK_CONFIRMED);

    /** The feature code international roaming is opened under. */
    static final String INTL_ROAMING_FEATURE = "INTL_ROAMING";

    static OpeningParams read(Params params) {
        String packageCode = params.requiredText(PACKAGE).trim();
        AccountType accountType = params.choice(ACCOUNT_TYPE, AccountType.class).orElse(AccountType.CASH_PREPAID);
        Long depositFen = params.fen(DEPOSIT_FEN).orElse(null);
        List<String> features = features(params);
        // Roaming asked for as a feature is still roaming: it must not escape the deposit and the payer rule.
        boolean intlRoaming = params.flag(INTL_ROAMING) || features.contains(INTL_ROAMING_FEATURE);
        if (intlRoaming && !features.contains(INTL_ROAMING_FEATURE)) {
            features = append(features, INTL_ROAMING_FEATURE);
        }
        String password = params.text(SERVICE_PASSWORD).orElse(null);
        String simCapacity = params.text(SIM_CAPACITY).map(String::trim).orElse(null);
        return new OpeningParams(packageCode, accountType, depositFen, intlRoaming, features, password, simCapacity,
                params.flag(BANK_CONFIRMED));
    }

    private static List<String> features(Params params) {
        Set<String> features = new LinkedHashSet<>();
        params.texts(FEATURES).forEach(feature -> features.add(feature.trim()));
        return List.copyOf(features);
    }

    private static List<String> append(List<String> list, String value) {
        List<String> copy = new ArrayList<>(list);
        copy.add(value);
        return List.copyOf(copy);
    }
}
