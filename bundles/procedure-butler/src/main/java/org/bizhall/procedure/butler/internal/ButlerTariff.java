package org.bizhall.procedure.butler.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Subscriber;

/**
 * The merchant butler's tariffs (商户管家资费套餐, seed 004): the standalone edition (单机版, CRM software on the
 * customer's computer) and the network edition (网络版, the CRM hosted on the ADC platform). The number that carries the
 * butler has the tariff's feature word; its monthly fee is a province parameter.
 */
enum ButlerTariff {
    STANDALONE("MERCHANT_BUTLER_STANDALONE", NationalParams.MERCHANT_BUTLER_STANDALONE_FEE_FEN, "单机版"),
    NETWORK("MERCHANT_BUTLER_NETWORK", NationalParams.MERCHANT_BUTLER_NETWORK_FEE_FEN, "网络版");

    /** Every feature word of the butler: a number carries at most one of them. */
    static final Set<String> FEATURES = Arrays.stream(values()).map(ButlerTariff::feature)
            .collect(Collectors.toUnmodifiableSet());

    private final String feature;
    private final String feeParam;
    private final String title;

    ButlerTariff(String feature, String feeParam, String title) {
        this.feature = feature;
        this.feeParam = feeParam;
        this.title = title;
    }

    /** The feature word the number carries while the butler is billed on this tariff. */
    String feature() {
        return feature;
    }

    /** The province parameter of the monthly fee, in fen. */
    String feeParam() {
        return feeParam;
    }

    String title() {
        return title;
    }

    /** The tariff the number is billed on, if it carries the butler. */
    static Optional<ButlerTariff> of(Subscriber subscriber) {
        return Arrays.stream(values()).filter(t -> subscriber.has(t.feature)).findFirst();
    }
}
