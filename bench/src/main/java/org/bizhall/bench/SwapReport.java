package org.bizhall.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the swap phase found, computed from what it recorded: when each province's orders moved to the provider they
 * should move to, which orders failed and how, and whether the platform's bundles and component services are the same
 * ones after the swaps as before. Pure functions of their inputs, so the verdicts are tested without a Karaf.
 */
final class SwapReport {
    private static final Pattern SERVICE_HEADER = Pattern.compile("^\\[(.+)]\\s*$");
    private static final Pattern PROPERTY = Pattern.compile("^\\s+([\\w.]+)\\s*=\\s*(.*?)\\s*$");

    private SwapReport() {
    }

    /**
     * One order the load offered: its province, when it was due (open loop), when its {@code POST /orders} was sent
     * and answered; the order's id and provider when it was created, whether it was paid, and what failed (null when
     * nothing did: the opening was created and paid).
     */
    record Order(String province, long dueNanos, long sentNanos, long answeredNanos, String orderId, String provider,
            boolean paid, String failure) {
        boolean created() {
            return orderId != null;
        }
    }

    /**
     * From {@code returnedNanos} (a command's return) to the sending of the first order of {@code province} from which
     * on every order sent in {@code [fromNanos, untilNanos)} was served by a provider starting with
     * {@code providerPrefix}; negative when the change was already in place before the command returned. Empty when the
     * window holds no such order, or its last order was still served by another provider.
     */
    static OptionalLong switchNanos(List<Order> orders, String province, String providerPrefix, long fromNanos,
            long untilNanos, long returnedNanos) {
        List<Order> window = orders.stream()
                .filter(o -> o.created() && province.equals(o.province()))
                .filter(o -> o.sentNanos() >= fromNanos && o.sentNanos() < untilNanos)
                .sorted(Comparator.comparingLong(Order::sentNanos))
                .toList();
        int settled = window.size();
        while (settled > 0 && startsWith(window.get(settled - 1).provider(), providerPrefix)) {
            settled--;
        }
        return settled == window.size() ? OptionalLong.empty()
                : OptionalLong.of(window.get(settled).sentNanos() - returnedNanos);
    }

    /** How many created orders of {@code province} were served by a provider starting with {@code providerPrefix}. */
    static long servedBy(List<Order> orders, String province, String providerPrefix) {
        return orders.stream().filter(o -> o.created() && province.equals(o.province())
                && startsWith(o.provider(), providerPrefix)).count();
    }

    /** Failed orders counted by what failed ({@code "POST /orders 500 PROCEDURE_FAILED"}, a timeout …). */
    static Map<String, Integer> failuresByKind(List<Order> orders) {
        Map<String, Integer> counts = new TreeMap<>();
        orders.stream().map(Order::failure).filter(Objects::nonNull).forEach(f -> counts.merge(f, 1, Integer::sum));
        return counts;
    }

    /**
     * The platform's bundles in a {@code bundle:list -t 0 -s} table: id → "state symbolic-name" for every
     * {@code org.bizhall.*} bundle that is not a province pack ({@code org.bizhall.province.*}).
     */
    static Map<Long, String> platformBundles(String bundleList) {
        Map<Long, String> bundles = new TreeMap<>();
        for (String line : bundleList.split("\\R")) {
            String[] cells = line.split("[│|]");
            if (cells.length < 3 || !cells[0].trim().matches("\\d+")) {
                continue;
            }
            String bsn = cells[cells.length - 1].trim();
            if (isPlatform(bsn)) {
                bundles.put(Long.parseLong(cells[0].trim()), cells[1].trim() + " " + bsn);
            }
        }
        return bundles;
    }

    /**
     * The component services of the given bundles in a {@code service:list} output: "bundle-id [classes]
     * component.name" → their {@code service.id}s. A refreshed or restarted bundle registers them again, with new ids.
     * Services without {@code component.name} (listeners the framework keeps across a refresh) are left out.
     */
    static Map<String, String> componentServices(String serviceList, Set<Long> bundleIds) {
        Map<String, Set<Long>> ids = new TreeMap<>();
        String classes = null;
        Map<String, String> properties = new TreeMap<>();
        List<String> lines = new ArrayList<>(List.of(serviceList.split("\\R")));
        lines.add("[end]");
        for (String line : lines) {
            Matcher header = SERVICE_HEADER.matcher(line);
            if (header.matches()) {
                if (classes != null) {
                    addComponentService(ids, classes, properties, bundleIds);
                }
                classes = header.group(1);
                properties.clear();
                continue;
            }
            Matcher property = PROPERTY.matcher(line);
            if (classes != null && property.matches()) {
                properties.putIfAbsent(property.group(1), property.group(2));
            }
        }
        Map<String, String> out = new TreeMap<>();
        ids.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    private static void addComponentService(Map<String, Set<Long>> ids, String classes, Map<String, String> p,
            Set<Long> bundleIds) {
        String component = p.get("component.name");
        String bundle = p.get("service.bundleid");
        String id = p.get("service.id");
        if (component == null || bundle == null || id == null || !bundle.matches("\\d+") || !id.matches("\\d+")
                || !bundleIds.contains(Long.parseLong(bundle))) {
            return;
        }
        ids.computeIfAbsent(bundle + " [" + classes + "] " + component, k -> new TreeSet<>()).add(Long.parseLong(id));
    }

    /** What differs between two listings: keys gone, keys new, and values changed; empty when they are the same. */
    static <K, V> List<String> differences(Map<K, V> before, Map<K, V> after) {
        List<String> out = new ArrayList<>();
        before.forEach((k, v) -> {
            if (!after.containsKey(k)) {
                out.add("gone: " + k + " " + v);
            } else if (!Objects.equals(v, after.get(k))) {
                out.add("changed: " + k + " " + v + " → " + after.get(k));
            }
        });
        after.forEach((k, v) -> {
            if (!before.containsKey(k)) {
                out.add("new: " + k + " " + v);
            }
        });
        return out;
    }

    private static boolean isPlatform(String bsn) {
        return bsn.startsWith("org.bizhall.") && !bsn.startsWith("org.bizhall.province.");
    }

    private static boolean startsWith(String s, String prefix) {
        return s != null && s.startsWith(prefix);
    }
}
