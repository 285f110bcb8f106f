package org.bizhall.engine.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** A service reference as the framework would hand DS one, with a bundle that has a symbolic name and a version. */
final class FakeServiceReference<S> implements ServiceReference<S> {
    private final Map<String, Object> properties;
    private final Bundle bundle;

    FakeServiceReference(long serviceId, String bundleName, String bundleVersion, Map<String, Object> properties) {
        this.properties = new LinkedHashMap<>(properties);
        this.properties.put(Constants.SERVICE_ID, serviceId);
        this.bundle = bundle(bundleName, Version.parseVersion(bundleVersion));
    }

    static Bundle bundle(String symbolicName, Version version) {
        return (Bundle) Proxy.newProxyInstance(FakeServiceReference.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getVersion" -> version;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> symbolicName + "/" + version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Map<String, Object> properties() {
        return properties;
    }

    long serviceId() {
        return (Long) properties.get(Constants.SERVICE_ID);
    }

    @Override
    public Object getProperty(String key) {
        return properties.get(key);
    }

    @Override
    public String[] getPropertyKeys() {
        return properties.keySet().toArray(String[]::new);
    }

    @Override
    public Bundle getBundle() {
        return bundle;
    }

    @Override
    public Bundle[] getUsingBundles() {
        return null;
    }

    @Override
    public boolean isAssignableTo(Bundle bundle, String className) {
        return true;
    }

    /** The framework's order: higher ranking is greater; at equal ranking the lower service id is greater. */
    @Override
    public int compareTo(Object other) {
        FakeServiceReference<?> that = (FakeServiceReference<?>) other;
        int byRanking = Integer.compare(ranking(), that.ranking());
        return byRanking != 0 ? byRanking : Long.compare(that.serviceId(), serviceId());
    }

    private int ranking() {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    @Override
    public Dictionary<String, Object> getProperties() {
        return new Hashtable<>(properties);
    }

    @Override
    public <A> A adapt(Class<A> type) {
        return null;
    }
}
