package org.bizhall.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ProcedureRegistry;
import org.bizhall.api.procedure.ProcedureProperties;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code hall:route pin|unpin PROVINCE PROCEDURE [BUNDLE]}: pins the provider a province uses for a procedure, or
 * removes the pin, by writing {@code org.bizhall.routing} through ConfigAdmin (the registry follows it at once, on
 * every node that shares the configuration). A pin names a bundle that provides the procedure for that province now,
 * national or the province's own; anything else is refused and nothing is written.
 */
@Service
@Command(scope = "hall", name = "route", description = "Pins (or unpins) the provider a province uses for a procedure")
public class RouteCommand extends HallAction {
    /** The configuration the engine's registry reads pins from: {@code <PROVINCE>.<procedure-id> = <bundle>}. */
    static final String ROUTING_PID = "org.bizhall.routing";
    private static final Pattern PROVINCE = Pattern.compile("[A-Z][A-Z0-9_]{0,7}");

    @Argument(index = 0, name = "action", required = true, description = "pin or unpin")
    @Completion(value = StringsCompleter.class, values = {"pin", "unpin"})
    String action;

    @Argument(index = 1, name = "province", required = true, description = "Province code, e.g. SN")
    @Completion(ProvinceCompleter.class)
    String province;

    @Argument(index = 2, name = "procedure", required = true, description = "Procedure id, e.g. account-opening")
    @Completion(ProcedureIdCompleter.class)
    String procedure;

    @Argument(index = 3, name = "bundle", required = false,
            description = "Bundle symbolic name of the provider to pin (pin only)")
    String bundle;

    @Reference(optional = true)
    ProcedureRegistry registry;

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Override
    protected void run(PrintStream out) {
        String code = province == null ? "" : province.trim().toUpperCase();
        if (!PROVINCE.matcher(code).matches()) {
            throw ProblemException.badRequest("PROVINCE_INVALID", "a province is a code such as SN", "province");
        }
        List<ProcedureListing> providers = require(registry, "the procedure registry").all(code).stream()
                .filter(l -> l.id().equals(procedure)).toList();
        if (providers.isEmpty()) {
            throw ProblemException.notFound("PROCEDURE_UNKNOWN", "no provider offers " + procedure + " in " + code);
        }
        String key = code + "." + procedure;
        switch (action == null ? "" : action) {
            case "pin" -> {
                if (bundle == null || bundle.isBlank()) {
                    throw ProblemException.badRequest("BUNDLE_MISSING", "pin names the provider's bundle; providers: "
                            + bundles(providers), "bundle");
                }
                if (providers.stream().noneMatch(l -> symbolicName(l).equals(bundle.trim()))) {
                    throw ProblemException.rule("PROVIDER_NOT_INSTALLED", bundle + " provides no " + procedure
                            + " for " + code + "; providers: " + bundles(providers), "bundle");
                }
                write(key, bundle.trim());
                out.println(key + " pinned to " + bundle.trim());
            }
            case "unpin" -> {
                write(key, null);
                out.println(key + " unpinned: the province's best ranked provider, else the national default");
            }
            default -> throw ProblemException.badRequest("ROUTE_ACTION_INVALID", "the action is pin or unpin", "action");
        }
    }

    private void write(String key, String bundleName) {
        try {
            Configuration routing = require(configAdmin, "the configuration admin").getConfiguration(ROUTING_PID, "?");
            Dictionary<String, Object> properties = routing.getProperties() == null ? new Hashtable<>()
                    : routing.getProperties();
            if (bundleName == null) {
                if (properties.get(key) == null) {
                    throw ProblemException.notFound("PIN_UNKNOWN", key + " is not pinned");
                }
                properties.remove(key);
            } else {
                properties.put(key, bundleName);
            }
            routing.update(properties);
        } catch (IOException e) {
            throw new ProblemException(503, "CONFIGURATION_UNAVAILABLE", "the routing configuration cannot be written",
                    null);
        }
    }

    /** The bundle part of a listing's provider ({@code symbolic.name/version}). */
    static String symbolicName(ProcedureListing listing) {
        String provider = listing.provider();
        int slash = provider.indexOf('/');
        return slash < 0 ? provider : provider.substring(0, slash);
    }

    private static String bundles(List<ProcedureListing> providers) {
        return String.join(", ", providers.stream()
                .map(l -> symbolicName(l) + (ProcedureProperties.NATIONAL.equals(l.province()) ? " (national)" : ""))
                .toList());
    }
}
