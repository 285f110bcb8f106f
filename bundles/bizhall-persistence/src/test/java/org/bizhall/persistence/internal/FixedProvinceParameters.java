package org.bizhall.persistence.internal;

import java.util.Map;
import java.util.Set;

import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;

/** Every province runs with the rulebook's 30-minute number reservation. */
final class FixedProvinceParameters implements ProvinceParameters {
    static final int RESERVATION_MINUTES = 30;

    @Override
    public ProvinceParams of(String province) {
        return new ProvinceParams() {
            @Override
            public String province() {
                return province;
            }

            @Override
            public long fen(String key) {
                throw new IllegalArgumentException("unknown parameter " + key);
            }

            @Override
            public int integer(String key) {
                if (NationalParams.NUMBER_RESERVATION_MINUTES.equals(key)) {
                    return RESERVATION_MINUTES;
                }
                throw new IllegalArgumentException("unknown parameter " + key);
            }

            @Override
            public boolean flag(String key) {
                throw new IllegalArgumentException("unknown parameter " + key);
            }

            @Override
            public Map<String, Object> asMap() {
                return Map.of(NationalParams.NUMBER_RESERVATION_MINUTES, RESERVATION_MINUTES);
            }
        };
    }

    @Override
    public Set<String> configured() {
        return Set.of();
    }
}
