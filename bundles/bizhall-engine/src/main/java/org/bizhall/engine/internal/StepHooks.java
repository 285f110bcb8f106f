package org.bizhall.engine.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bizhall.api.procedure.ProcedureProperties;
import org.bizhall.api.procedure.ProcedureStepHook;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;

/**
 * The step hooks installed now, by service id. A hook applies to the orders of its {@code bizhall.procedure} in its
 * {@code bizhall.province} ({@code *}: every province); several run highest ranking first. Each entry knows the bundle
 * the hook came from, which the order's history names when the hook adjusts a quote.
 */
final class StepHooks {
    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::ranking).reversed()
            .thenComparingLong(Entry::serviceId);

    record Entry(ProcedureStepHook hook, String procedure, String province, int ranking, long serviceId,
            String origin) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    /** Adds or replaces a hook; false when it names no procedure (and so applies to none). */
    boolean add(ProcedureStepHook hook, Map<String, ?> properties) {
        long serviceId = serviceId(properties);
        Object procedure = properties.get(ProcedureProperties.PROCEDURE);
        if (!(procedure instanceof String p) || p.isBlank()) {
            entries.remove(serviceId);
            return false;
        }
        Object provinceValue = properties.get(ProcedureProperties.PROVINCE);
        String province = provinceValue instanceof String s && !s.isBlank() ? s.trim() : ProcedureProperties.NATIONAL;
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        entries.put(serviceId, new Entry(hook, p.trim(), province, ranking instanceof Integer i ? i : 0, serviceId,
                origin(hook)));
        return true;
    }

    void remove(Map<String, ?> properties) {
        entries.remove(serviceId(properties));
    }

    List<Entry> applicable(String procedureId, String province) {
        return entries.values().stream().filter(e -> e.procedure().equals(procedureId))
                .filter(e -> ProcedureProperties.NATIONAL.equals(e.province()) || e.province().equals(province))
                .sorted(ORDER).toList();
    }

    /** The hook's bundle as {@code symbolic-name/version}; its class name outside a framework (unit tests). */
    private static String origin(ProcedureStepHook hook) {
        Bundle bundle = FrameworkUtil.getBundle(hook.getClass());
        return bundle == null ? hook.getClass().getName() : bundle.getSymbolicName() + "/" + bundle.getVersion();
    }

    private static long serviceId(Map<String, ?> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        return id instanceof Long l ? l : -1L;
    }
}
