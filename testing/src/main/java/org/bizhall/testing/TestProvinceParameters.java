package org.bizhall.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;

/**
 * Province parameters for every province: the national defaults, overridden for all provinces or for one. Each call
 * of {@link #of} reads the overrides as they are then, as the service reads the configuration current at the call.
 */
public final class TestProvinceParameters implements ProvinceParameters {
    private final Map<String, Object> everywhere = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> own = new LinkedHashMap<>();

    /** Overrides a parameter in every province (a province's own override still wins). */
    public TestProvinceParameters with(String key, Object value) {
        everywhere.put(key, value);
        return this;
    }

    /** Overrides a parameter of one province, which then counts as configured. */
    public TestProvinceParameters with(String province, String key, Object value) {
        own.computeIfAbsent(province, p -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    @Override
    public ProvinceParams of(String province) {
        TestProvinceParams params = new TestProvinceParams(province);
        everywhere.forEach(params::with);
        own.getOrDefault(province, Map.of()).forEach(params::with);
        return params;
    }

    @Override
    public Set<String> configured() {
        return new TreeSet<>(own.keySet());
    }
}
