package org.bizhall.api.procedure.kit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/**
 * Reads a procedure's descriptor from the resources of the bundle that holds {@code type}: {@code
 * procedure/<id>.properties} (title, documents, documents per case, steps, and optionally a version,
 * {@code passwordInsteadOfId=true} and {@code roles=manager}) and {@code
 * procedure/<id>.schema.json} (the params JSON Schema, published as it is). A missing or wrong resource fails the
 * component's activation, naming the resource, so a broken bundle never registers a procedure.
 */
final class DescriptorResources {
    static final String FOLDER = "procedure/";
    static final String TITLE = "title";
    static final String VERSION = "version";
    static final String DOCUMENTS = "documents";
    static final String STEPS = "steps";
    /** {@code true}: the service password may stand in for the holder's ID (default {@code false}). */
    static final String PASSWORD_INSTEAD_OF_ID = "passwordInsteadOfId";
    /** The counter roles that may submit the procedure, as the realm names them ({@code roles=manager}); none: all. */
    static final String ROLES = "roles";
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
        boolean passwordInsteadOfId = flag(properties, PASSWORD_INSTEAD_OF_ID, descriptorResource);
        if (passwordInsteadOfId && !declaresWriteOnlyPassword(schema)) {
            throw new IllegalStateException(descriptorResource + " allows " + PASSWORD_INSTEAD_OF_ID + " but "
                    + schemaResource + " does not declare \"" + ProcedureDescriptor.SERVICE_PASSWORD
                    + "\" with \"writeOnly\": true (it would be shown in answers)");
        }
        return new ProcedureDescriptor(id, title, version, schema, documents, byCase, steps, passwordInsteadOfId,
                roles(properties.getProperty(ROLES, ""), descriptorResource));
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

    private static boolean flag(Properties properties, String key, String resource) {
        String value = properties.getProperty(key, "false").trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException(resource + ": " + key + " is true or false, not " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** The schema declares the password param write-only (a plain text scan: the api bundle parses no JSON). */
    private static boolean declaresWriteOnlyPassword(String schema) {
        int at = schema.indexOf("\"" + ProcedureDescriptor.SERVICE_PASSWORD + "\"");
        int start = at < 0 ? -1 : schema.indexOf('{', at);
        if (start < 0) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        int end = start;
        for (; end < schema.length(); end++) {
            char c = schema.charAt(end);
            if (inString) {
                if (c == '\\') {
                    end++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                break;
            }
        }
        return schema.substring(start, Math.min(end, schema.length())).replaceAll("\\s", "")
                .contains("\"writeOnly\":true");
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

    /** Counter roles only: an admin or the back office never submits an order at a counter. */
    private static Set<Role> roles(String value, String resource) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String word : words(value)) {
            Role role = Role.fromWire(word).filter(r -> r == Role.OPERATOR || r == Role.MANAGER)
                    .orElseThrow(() -> new IllegalStateException(resource + ": " + ROLES + " names " + word
                            + ", which is not a counter role (operator, manager)"));
            roles.add(role);
        }
        return roles;
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
