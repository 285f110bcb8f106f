package org.bizhall.api.service;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Province parameters from configuration: one factory configuration per province. */
@ProviderType
public interface ProvinceParameters {
    /** The parameters of {@code province}; a province without configuration runs with the national defaults. */
    ProvinceParams of(String province);

    /** Provinces that have a configuration of their own. */
    Set<String> configured();
}
