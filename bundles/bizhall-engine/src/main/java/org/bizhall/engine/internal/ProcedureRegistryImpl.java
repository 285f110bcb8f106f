package org.bizhall.engine.internal;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ProcedureRegistry;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.ProcedureProperties;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@link Procedure} service, indexed by its service id (never by procedure id: while a bundle is updated the old
 * and the new registration overlap, and removing one must not empty the slot the other fills).
 * <p>
 * Resolution order for a province and a procedure id: the admin's pin ({@code org.bizhall.routing},
 * {@code <PROVINCE>.<procedure-id> = <bundle symbolic name>}, ignored while that bundle provides nothing), else the
 * best provider registered for the province, else the best national default. "Best" is the highest
 * {@code service.ranking}, then the lowest {@code service.id}; the registry sorts itself and does not rely on the order
 * DS binds in (DS orders by ranking ascending, so the best comes last).
 * <p>
 * The procedure id is taken from one place, the {@code bizhall.procedure} service property (which the kit's
 * {@code @ProcedureProvider} sets); listings show it whatever the descriptor says, and a descriptor that disagrees is
 * logged.
 */
@Component(service = {ProcedureRegistry.class, ProcedureResolver.class}, immediate = true,
        configurationPid = ProcedureRegistryImpl.ROUTING_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ProcedureRegistryImpl implements ProcedureRegistry, ProcedureResolver {
    /** Configuration of the admin's pins. */
    public static final String ROUTING_PID = "org.bizhall.routing";

    private static final Logger LOG = LoggerFactory.getLogger(ProcedureRegistryImpl.class);
    private static final Pattern PIN_KEY = Pattern.compile("([A-Z][A-Z0-9_]*)\\.([a-z0-9][a-z0-9-]*)");
    private static final Comparator<Registration> BEST_FIRST = Comparator.comparingInt(Registration::ranking).reversed()
            .thenComparingLong(Registration::serviceId);

    private final Map<Long, Registration> providers = new ConcurrentHashMap<>();
    private volatile Map<String, String> pins = Map.of();

    /** One registered provider, with what its service properties and bundle said when it was bound. */
    record Registration(Procedure procedure, String id, String province, int ranking, long serviceId, String bundle,
            String provider) {
        boolean national() {
            return ProcedureProperties.NATIONAL.equals(province);
        }

        ResolvedProcedure resolved() {
            return new ResolvedProcedure(procedure, id, province, provider, ranking, serviceId);
        }
    }

    @Activate
    @Modified
    void configure(Map<String, Object> config) {
        Map<String, String> parsed = new HashMap<>();
        config.forEach((key, value) -> {
            Matcher m = PIN_KEY.matcher(key);
            if (m.matches() && value != null && !value.toString().isBlank()) {
                parsed.put(key, value.toString().trim());
            }
        });
        pins = Map.copyOf(parsed);
        if (!parsed.isEmpty()) {
            LOG.info("procedure pins in force: {}", parsed);
        }
    }

    @Reference(service = Procedure.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProcedure", updated = "updateProcedure")
    void addProcedure(Procedure procedure, ServiceReference<Procedure> reference) {
        Registration registration = registration(procedure, reference);
        if (registration != null) {
            providers.put(registration.serviceId(), registration);
            LOG.info("procedure {} for province {} provided by {} (ranking {}, service {})", registration.id(),
                    registration.province(), registration.provider(), registration.ranking(), registration.serviceId());
        }
    }

    void updateProcedure(Procedure procedure, ServiceReference<Procedure> reference) {
        Registration registration = registration(procedure, reference);
        if (registration == null) {
            providers.remove(serviceId(reference));
        } else {
            providers.put(registration.serviceId(), registration);
        }
    }

    void removeProcedure(ServiceReference<Procedure> reference) {
        Registration removed = providers.remove(serviceId(reference));
        if (removed != null) {
            LOG.info("procedure {} for province {} by {} (service {}) withdrawn", removed.id(), removed.province(),
                    removed.provider(), removed.serviceId());
        }
    }

    @Override
    public Optional<ResolvedProcedure> resolveProvider(String province, String procedureId) {
        return best(province, procedureId).map(Registration::resolved);
    }

    @Override
    public Optional<ProcedureListing> resolve(String province, String procedureId) {
        return best(province, procedureId).flatMap(r -> listing(r, chosenBy(r, province)));
    }

    @Override
    public List<ProcedureListing> active(String province) {
        return providers.values().stream().map(Registration::id).distinct().sorted()
                .map(id -> best(province, id)).flatMap(Optional::stream)
                .map(r -> listing(r, chosenBy(r, province))).flatMap(Optional::stream).toList();
    }

    @Override
    public List<ProcedureListing> all(String province) {
        return providers.values().stream()
                .filter(r -> province == null || r.national() || r.province().equals(province))
                .sorted(Comparator.comparing(Registration::id).thenComparing(Registration::national)
                        .thenComparing(Registration::province).thenComparing(BEST_FIRST))
                .map(r -> listing(r, isActive(r, province) ? chosenBy(r, where(r, province)) : null))
                .flatMap(Optional::stream).toList();
    }

    private boolean isActive(Registration registration, String province) {
        return best(where(registration, province), registration.id())
                .map(b -> b.serviceId() == registration.serviceId()).orElse(false);
    }

    /** The province a listing speaks for: the asked one, or the provider's own when every province is listed. */
    private static String where(Registration registration, String province) {
        return province != null ? province : registration.province();
    }

    /** Why {@code active}, the provider {@link #best} chose for {@code province}, is the one in use. */
    private String chosenBy(Registration active, String province) {
        if (province != null && active.bundle().equals(pins.get(province + "." + active.id()))) {
            return ProcedureListing.PIN;
        }
        return active.national() ? ProcedureListing.DEFAULT : ProcedureListing.PROVINCE;
    }

    /**
     * One pass over the registrations, no sorting: this runs for every order's every step, and the stream that
     * filtered and sorted them showed in an opening's profile (about 1 % of its request's CPU).
     */
    private Optional<Registration> best(String province, String procedureId) {
        if (procedureId == null) {
            return Optional.empty();
        }
        String pinned = province == null ? null : pins.get(province + "." + procedureId);
        Registration pin = null;
        Registration own = null;
        Registration national = null;
        for (Registration r : providers.values()) {
            if (!r.id().equals(procedureId)) {
                continue;
            }
            if (pinned != null && r.bundle().equals(pinned) && (r.national() || r.province().equals(province))) {
                pin = better(pin, r);
            }
            if (province != null && r.province().equals(province)) {
                own = better(own, r);
            }
            if (r.national()) {
                national = better(national, r);
            }
        }
        return Optional.ofNullable(pin != null ? pin : own != null ? own : national);
    }

    /** The better of two registrations by {@link #BEST_FIRST}; {@code best} may be null. */
    private static Registration better(Registration best, Registration other) {
        return best == null || BEST_FIRST.compare(other, best) < 0 ? other : best;
    }

    /** The listing of {@code r}; active when {@code chosenBy} says why it is in use, inactive when it is null. */
    private Optional<ProcedureListing> listing(Registration r, String chosenBy) {
        ProcedureDescriptor descriptor;
        try {
            descriptor = r.procedure().descriptor();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("procedure {} by {} (service {}) cannot describe itself; left out of the listing", r.id(),
                    r.provider(), r.serviceId(), SafeLog.scrubbed(e));
            return Optional.empty();
        }
        if (descriptor == null) {
            LOG.warn("procedure {} by {} (service {}) has no descriptor; left out of the listing", r.id(), r.provider(),
                    r.serviceId());
            return Optional.empty();
        }
        return Optional.of(new ProcedureListing(r.id(), descriptor.title(), descriptor.version(), r.province(),
                r.provider(), r.ranking(), descriptor.paramsSchema(),
                descriptor.documents().stream().map(Enum::name).toList(), byCase(descriptor), descriptor.steps(),
                chosenBy != null, descriptor.passwordInsteadOfId(),
                descriptor.roles().stream().sorted().map(org.bizhall.api.hall.Role::wireName).toList(), chosenBy));
    }

    private static Map<String, List<String>> byCase(ProcedureDescriptor descriptor) {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        descriptor.documentsByCase().forEach((name, kinds) -> cases.put(name, kinds.stream().map(Enum::name).toList()));
        return cases;
    }

    private static Registration registration(Procedure procedure, ServiceReference<Procedure> reference) {
        long serviceId = serviceId(reference);
        Object id = reference.getProperty(ProcedureProperties.PROCEDURE);
        if (!(id instanceof String procedureId) || procedureId.isBlank()) {
            LOG.warn("procedure service {} has no {} property; ignored", serviceId, ProcedureProperties.PROCEDURE);
            return null;
        }
        Object provinceValue = reference.getProperty(ProcedureProperties.PROVINCE);
        String province = provinceValue instanceof String p && !p.isBlank() ? p.trim() : ProcedureProperties.NATIONAL;
        Object rankingValue = reference.getProperty(Constants.SERVICE_RANKING);
        int ranking = rankingValue instanceof Integer i ? i : 0;
        Bundle bundle = reference.getBundle();
        String symbolicName = bundle == null ? "unknown" : Objects.requireNonNullElse(bundle.getSymbolicName(), "unknown");
        Version version = bundle == null ? Version.emptyVersion : bundle.getVersion();
        String provider = symbolicName + "/" + version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        warnOnOtherDescriptorId(procedure, procedureId.trim(), provider, serviceId);
        return new Registration(procedure, procedureId.trim(), province, ranking, serviceId, symbolicName, provider);
    }

    /**
     * The id is the service property's alone: it is what resolution and listings use. A descriptor naming another id
     * (a copied bundle half renamed) is only reported, since the property is what the provider registered under.
     */
    private static void warnOnOtherDescriptorId(Procedure procedure, String procedureId, String provider,
            long serviceId) {
        String described;
        try {
            ProcedureDescriptor descriptor = procedure.descriptor();
            described = descriptor == null ? null : descriptor.id();
        } catch (RuntimeException | LinkageError e) {
            return; // reported when it is listed
        }
        if (described != null && !described.equals(procedureId)) {
            LOG.warn("procedure service {} by {} is registered as {} but describes itself as {}; it is used as {}",
                    serviceId, provider, procedureId, described, procedureId);
        }
    }

    private static long serviceId(ServiceReference<?> reference) {
        Object id = reference.getProperty(Constants.SERVICE_ID);
        return id instanceof Long l ? l : -1L;
    }
}
