package org.bizhall.core.internal.province;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.bizhall.api.service.ProvinceParams;

/**
 * The parameters of one province: the national defaults overlaid by the province's configuration. Configuration
 * files deliver text, so national keys are converted to their declared type when the configuration arrives; a value
 * that does not convert stays as given and every read of it fails naming the key, rather than silently running the
 * province on the default.
 */
public final class ProvinceValues implements ProvinceParams {
    /** The attribute that names the province; it is not a parameter. */
    static final String PROVINCE = "province";

    private static final SortedMap<String, Object> DEFAULTS = readDefaults();

    private final String province;
    private final SortedMap<String, Object> values;
    private final List<String> invalid;

    private ProvinceValues(String province, SortedMap<String, Object> values, List<String> invalid) {
        this.province = province;
        this.values = Collections.unmodifiableSortedMap(values);
        this.invalid = List.copyOf(invalid);
    }

    /** The national defaults, for a province without configuration of its own. */
    public static ProvinceValues defaults(String province) {
        return new ProvinceValues(normalise(province), new TreeMap<>(DEFAULTS), List.of());
    }

    /**
     * The values of a configuration; {@code province} comes from the {@code province} property or, failing that,
     * from the name of a named factory configuration ({@code org.bizhall.province~SN}).
     */
    public static ProvinceValues fromConfiguration(Map<String, ?> properties) {
        String province = provinceOf(properties);
        SortedMap<String, Object> merged = new TreeMap<>(DEFAULTS);
        List<String> invalid = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (value == null || isFrameworkKey(key)) {
                return;
            }
            Object declared = DEFAULTS.get(key);
            if (declared == null) {
                merged.put(key, value instanceof String s ? s.trim() : value);
                return;
            }
            try {
                merged.put(key, convert(province, key, value, declared.getClass()));
            } catch (IllegalArgumentException e) {
                merged.put(key, value);
                invalid.add(e.getMessage());
            }
        });
        return new ProvinceValues(province, merged, invalid);
    }

    /** The national defaults as declared on {@link ProvinceConfig}, by parameter name. */
    public static SortedMap<String, Object> nationalDefaults() {
        return Collections.unmodifiableSortedMap(DEFAULTS);
    }

    static String normalise(String province) {
        if (province == null || province.isBlank()) {
            throw new IllegalArgumentException("a province code is required");
        }
        return province.trim().toUpperCase(Locale.ROOT);
    }

    @Override
    public String province() {
        return province;
    }

    @Override
    public long fen(String key) {
        return asLong(key, value(key));
    }

    @Override
    public int integer(String key) {
        long value = asLong(key, value(key));
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(describe(key) + " is out of range: " + value);
        }
        return (int) value;
    }

    @Override
    public boolean flag(String key) {
        return asBoolean(key, value(key));
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    /** Messages for configured values that could not be converted; empty when the configuration is sound. */
    public List<String> invalid() {
        return invalid;
    }

    private Object value(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown province parameter '" + key + "' (province " + province + ")");
        }
        return value;
    }

    private String describe(String key) {
        return describe(province, key);
    }

    private static String describe(String province, String key) {
        return "province parameter '" + key + "' of " + province;
    }

    private long asLong(String key, Object value) {
        return toLong(province, key, value);
    }

    private boolean asBoolean(String key, Object value) {
        return toBoolean(province, key, value);
    }

    private static Object convert(String province, String key, Object value, Class<?> type) {
        if (type == Integer.class) {
            long number = toLong(province, key, value);
            if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(describe(province, key) + " is out of range: " + value);
            }
            return (int) number;
        }
        if (type == Long.class) {
            return toLong(province, key, value);
        }
        if (type == Boolean.class) {
            return toBoolean(province, key, value);
        }
        return value.toString();
    }

    private static long toLong(String province, String key, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                // reported below with the key it belongs to
            }
        }
        throw new IllegalArgumentException(describe(province, key) + " is not a whole number: '" + value + "'");
    }

    private static boolean toBoolean(String province, String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String text = s.trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new IllegalArgumentException(describe(province, key) + " is not true or false: '" + value + "'");
    }

    private static String provinceOf(Map<String, ?> properties) {
        Object configured = properties.get(PROVINCE);
        if (configured != null && !configured.toString().isBlank()) {
            return normalise(configured.toString());
        }
        Object pid = properties.get("service.pid");
        if (pid != null && pid.toString().contains("~")) {
            return normalise(pid.toString().substring(pid.toString().lastIndexOf('~') + 1));
        }
        throw new IllegalArgumentException("configuration " + pid + " of " + ProvinceConfiguration.FACTORY_PID
                + " names no province");
    }

    /** Properties the framework adds to every configuration; they are not parameters. */
    private static boolean isFrameworkKey(String key) {
        return key.equals(PROVINCE) || key.startsWith("service.") || key.startsWith("component.")
                || key.startsWith("felix.") || key.startsWith(".") || key.equals("objectClass");
    }

    private static SortedMap<String, Object> readDefaults() {
        SortedMap<String, Object> defaults = new TreeMap<>();
        for (Method attribute : ProvinceConfig.class.getDeclaredMethods()) {
            Object value = attribute.getDefaultValue();
            if (value != null) {
                defaults.put(attribute.getName(), value);
            }
        }
        return defaults;
    }
}
