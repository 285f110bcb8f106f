package org.bizhall.procedure.opening.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParams;

/** A province's parameters: the rulebook's defaults, overridable per test; an unknown key fails like a bad config. */
final class FakeProvinceParams implements ProvinceParams {
    private final String province;
    private final Map<String, Object> values = new LinkedHashMap<>();

    FakeProvinceParams(String province) {
        this.province = province;
        values.put(NationalParams.NUMBER_RESERVATION_MINUTES, 30);
        values.put(NationalParams.OPENING_DEPOSIT_FEN, 10000L);
        values.put(NationalParams.SIM_CARD_FEE_FEN, 1000L);
        values.put(NationalParams.SIM_FEE_WAIVER_DEPOSIT_FEN, 10000L);
        values.put(NationalParams.SIM_FEE_WAIVER_DEPOSIT_COUNTY_FEN, 5000L);
        values.put(NationalParams.INTL_ROAMING_DEPOSIT_FEN, 50000L);
        values.put(NationalParams.CANCEL_AVG_BILL_THRESHOLD_FEN, 20000L);
        values.put(NationalParams.CANCEL_PREPAY_FEN, 3000L);
        values.put(NationalParams.NUMBER_QUARANTINE_DAYS, 90);
        values.put(NationalParams.TRANSFER_MIN_DEPOSIT_FEN, 20000L);
        values.put(NationalParams.TRANSFER_MIN_DEPOSIT_INTL_FEN, 50000L);
        values.put(NationalParams.ARREARS_GRACE_DAYS, 30);
    }

    FakeProvinceParams with(String key, long fen) {
        values.put(key, fen);
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
        return ((Number) value(key)).intValue();
    }

    @Override
    public boolean flag(String key) {
        return (Boolean) value(key);
    }

    @Override
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }

    private Object value(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no province parameter " + key);
        }
        return value;
    }
}
