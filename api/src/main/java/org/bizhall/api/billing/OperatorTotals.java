package org.bizhall.api.billing;

import java.util.Map;

/** One operator's receipts of the day, summed by payment method. */
public record OperatorTotals(String operator, Map<String, Long> byMethod, long totalFen) {
    public OperatorTotals {
        byMethod = Map.copyOf(byMethod);
    }
}
