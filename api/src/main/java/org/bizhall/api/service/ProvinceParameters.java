package org.bizhall.api.service;

import java.util.Set;

/** Province parameters from configuration: one factory configuration per province. */
public interface ProvinceParameters {
    /** The parameters of {@code province}; a province without configuration runs with the national defaults. */
    ProvinceParams of(String province);

    /** Provinces that have a configuration of their own. */
    Set<String> configured();
}
