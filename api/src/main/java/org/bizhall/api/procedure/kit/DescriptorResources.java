package org.bizhall.api.procedure.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * Reads a procedure's descriptor from the resources of the bundle that holds {@code type}: {@code
 * procedure/<id>.properties} (title, documents, documents per case, steps, and optionally a version) and {@code
 * procedure/<id>.schema.json} (the params JSON Schema, published as it is). A missing or wrong resource fails the
 * component's activation, naming the resource, so a broken bundle never registers a procedure.
 */
final class DescriptorResources {
    static final String FOLDER = "procedure/";
    static final String TITLE = "title";
    static final String VERSION = "version";
    static final String DOCUMENTS = "documents";
    static final String STEPS = "steps";
    /** The version of a procedure loaded outside a framework (a unit test) that names none. */
    static final String UNVERSIONED = "0.0.0";

    private DescriptorResources() {
    }

    static ProcedureDescriptor load(Class<?> type, String id) {
        String descriptorResource = FOLDER + id + ".properties";
        String schemaResource = FOLDER + id + ".schema.json";
        Properties properties = new Properties();
        try (Reader in = new InputStreamReader(open(type, descriptorResource), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + descriptorResource + " of " + type.getName(), e);
        }
        String schema;
        try (InputStream in = open(type, schemaResource)) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + schemaResource + " of " + type.getName(), e);
        }
        if (!schema.strip().startsWith("{")) {
            throw new IllegalStateException(schemaResource + " of " + type.getName() + " is not a JSON object");
        }
        String title = required(properties, TITLE, descriptorResource);
        String version = properties.getProperty(VERSION, "").isBlank() ? bundleVersion(type)
                : properties.getProperty(VERSION).trim();
        List<DocumentKind> documents = kinds(properties.getProperty(DOCUMENTS, ""), descriptorResource, DOCUMENTS);
        Map<String, List<DocumentKind>> byCase = new LinkedHashMap<>();
        String casePrefix = DOCUMENTS + ".";
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(casePrefix) && key.length() > casePrefix.length()) {
                byCase.put(key.substring(casePrefix.length()), kinds(properties.getProperty(key), descriptorResource, key));
            }
        }
        List<String> steps = words(required(properties, STEPS, descriptorResource));
        return new ProcedureDescriptor(id, title, version, schema, documents, byCase, steps);
    }

    private static InputStream open(Class<?> type, String resource) {
        // the class's own loader: in a framework, the bundle that holds the procedure, never the api bundle
        ClassLoader loader = type.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(type.getName() + " has no resource " + resource);
        }
        return in;
    }

    private static String required(Properties properties, String key, String resource) {
        String value = properties.getProperty(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalStateException(resource + " lacks " + key);
        }
        return value;
    }

    private static List<DocumentKind> kinds(String value, String resource, String key) {
        List<DocumentKind> kinds = new ArrayList<>();
        for (String word : words(value)) {
            try {
                kinds.add(DocumentKind.valueOf(word));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(resource + ": " + key + " names " + word + ", which is not one of "
                        + Arrays.toString(DocumentKind.values()), e);
            }
        }
        return kinds;
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The bundle's version without its qualifier, as the registry names the provider. */
    private static String bundleVersion(Class<?> type) {
        try {
            Bundle bundle = FrameworkUtil.getBundle(type);
            if (bundle != null) {
                Version v = bundle.getVersion();
                return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
            }
        } catch (NoClassDefFoundError outsideFramework) {
            // a unit test without the framework API on its class path
        }
        return UNVERSIONED;
    }
}
