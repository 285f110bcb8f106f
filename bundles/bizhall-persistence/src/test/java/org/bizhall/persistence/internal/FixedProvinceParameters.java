package org.bizhall.persistence.internal;

import java.util.Map;
import java.util.Set;

import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;

/**
 * Every province runs with the rulebook's 30-minute number reservation and the service-password lock settings below
 * (defaults as the national ones; tests may change them).
 */
final class FixedProvinceParameters implements ProvinceParameters {
    static final int RESERVATION_MINUTES = 30;
    volatile int passwordMaxAttempts = 5;
    volatile int passwordLockMinutes = 0;

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
                if (NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS.equals(key)) {
                    return passwordMaxAttempts;
                }
                if (NationalParams.SERVICE_PASSWORD_LOCK_MINUTES.equals(key)) {
                    return passwordLockMinutes;
                }
                throw new IllegalArgumentException("unknown parameter " + key);
            }

            @Override
            public boolean flag(String key) {
                throw new IllegalArgumentException("unknown parameter " + key);
            }

            @Override
            public Map<String, Object> asMap() {
                return Map.of(NationalParams.NUMBER_RESERVATION_MINUTES, RESERVATION_MINUTES,
                        NationalParams.SERVICE_PASSWORD_MAX_ATTEMPTS, passwordMaxAttempts,
                        NationalParams.SERVICE_PASSWORD_LOCK_MINUTES, passwordLockMinutes);
            }
        };
    }

    @Override
    public Set<String> configured() {
        return Set.of();
    }
}
