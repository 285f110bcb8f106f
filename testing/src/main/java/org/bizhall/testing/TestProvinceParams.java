package org.bizhall.testing;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParams;

/**
 * One province's parameters as the core bundle serves them: the rulebook's national defaults, overlaid by what a test
 * sets with {@link #with}. Reading a key that is neither fails with {@link IllegalArgumentException}, as a province
 * without that parameter does; {@link #readableOnly} makes every other key fail too, to pin what a procedure reads.
 */
public final class TestProvinceParams implements ProvinceParams {
    private final String province;
    private final SortedMap<String, Object> values = new TreeMap<>(nationalDefaults());
    private Set<String> readable;

    public TestProvinceParams(String province) {
        this.province = province;
    }

    /** The rulebook's defaults of every parameter in {@link NationalParams}. */
    public static Map<String, Object> nationalDefaults() {
        SortedMap<String, Object> d = new TreeMap<>();
        d.put(NationalParams.NUMBER_RESERVATION_MINUTES, 30);
        d.put(NationalParams.OPENING_DEPOSIT_FEN, 10000L);
        d.put(NationalParams.SIM_CARD_FEE_FEN, 1000L);
        d.put(NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN, 10000L);
        d.put(NationalParams.SIM_FEE_WAIVER_DEPOSIT_COUNTY_FEN, 5000L);
        d.put(NationalParams.INTL_ROAMING_DEPOSIT_FEN, 50000L);
        d.put(NationalParams.CANCEL_AVG_BILL_THRESHOLD_FEN, 20000L);
        d.put(NationalParams.CANCEL_PREPAY_FEN, 3000L);
        d.put(NationalParams.NUMBER_QUARANTINE_DAYS, 90);
        d.put(NationalParams.CANCELLATION_WAIT_MONTHS, 3);
        d.put(NationalParams.ARREARS_TERMINATE_DAYS, 60);
        d.put(NationalParams.TRANSFER_MIN_DEPOSIT_FEN, 20000L);
        d.put(NationalParams.TRANSFER_MIN_DEPOSIT_INTL_FEN, 50000L);
        d.put(NationalParams.ARREARS_GRACE_DAYS, 30);
        d.put(NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, 5);
        d.put(NationalParams.SERVICE_PASSWORD_LOCK_MINUTES, 0);
        d.put(NationalParams.POINTS_PER_YUAN, 1);
        d.put(NationalParams.REDEMPTION_OFFICE_MINUTES, 10);
        d.put(NationalParams.MERCHANT_BUTLER_STANDALONE_FEE_FEN, 3000L);
        d.put(NationalParams.MERCHANT_BUTLER_NETWORK_FEE_FEN, 5000L);
        d.put(NationalParams.MERCHANT_BUTLER_ARCHIVE_YEARS, 3);
        d.put(NationalParams.KEEP_NUMBER_MONTHLY_FEE_FEN, 500L);
        return Collections.unmodifiableSortedMap(d);
    }

    /** Overrides a national parameter or adds a province's own one (a number or a flag). */
    public TestProvinceParams with(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Lets only these keys be read: reading any other fails as an unknown parameter does. */
    public TestProvinceParams readableOnly(String... keys) {
        readable = Set.of(keys);
        return this;
    }

    @Override
    public String province() {
        return province;
    }

    @Override
    public long fen(String key) {
        return ((Number) value(key)).longValue();
    }

    @Override
    public int integer(String key) {
        return Math.toIntExact(((Number) value(key)).longValue());
    }

    @Override
    public boolean flag(String key) {
        return (Boolean) value(key);
    }

    @Override
    public Map<String, Object> asMap() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    private Object value(String key) {
        Object value = readable == null || readable.contains(key) ? values.get(key) : null;
        if (value == null) {
            throw new IllegalArgumentException("unknown province parameter '" + key + "' (province " + province + ")");
        }
        return value;
    }
}
