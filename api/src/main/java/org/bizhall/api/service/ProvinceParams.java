package org.bizhall.api.service;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The parameters one province runs with: the national defaults overlaid by the province's configuration. Keys that the
 * national procedures read are in {@link NationalParams}; a province bundle may read keys of its own.
 */
@ProviderType
public interface ProvinceParams {
    String province();

    /** An amount in fen; unknown keys are a configuration error. */
    long fen(String key);

    int integer(String key);

    boolean flag(String key);

    /** Every parameter with its value, for display. */
    Map<String, Object> asMap();
}
