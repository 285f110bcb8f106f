package org.bizhall.core.internal.province;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Province parameters, looked up per call among the province configurations present now. Two configurations naming
 * the same province: the one with the smaller PID wins, and a warning says so.
 */
@Component(service = ProvinceParameters.class)
public class ProvinceRegistry implements ProvinceParameters {
    private static final Logger LOG = LoggerFactory.getLogger(ProvinceRegistry.class);

    private final List<ProvinceConfiguration> configurations = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addConfiguration(ProvinceConfiguration configuration) {
        String province = configuration.values().province();
        if (find(province).isPresent()) {
            LOG.warn("province {} is configured more than once; the configuration with the smallest PID applies", province);
        }
        configurations.add(configuration);
    }

    void removeConfiguration(ProvinceConfiguration configuration) {
        configurations.remove(configuration);
    }

    @Override
    public ProvinceParams of(String province) {
        String code = ProvinceValues.normalise(province);
        return find(code).<ProvinceParams>map(ProvinceConfiguration::values).orElseGet(() -> ProvinceValues.defaults(code));
    }

    @Override
    public Set<String> configured() {
        Set<String> provinces = new TreeSet<>();
        for (ProvinceConfiguration configuration : configurations) {
            provinces.add(configuration.values().province());
        }
        return Collections.unmodifiableSet(provinces);
    }

    private Optional<ProvinceConfiguration> find(String province) {
        return configurations.stream().filter(c -> c.values().province().equals(province))
                .min(Comparator.comparing(ProvinceConfiguration::pid));
    }
}
