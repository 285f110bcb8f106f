package org.bizhall.engine.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Params a procedure's schema marks {@code "writeOnly": true} (a service password) are never shown: answers carry
 * them as {@value #REDACTED}, and an order that has ended keeps them only in that form.
 */
final class WriteOnlyParams {
    static final String REDACTED = "***";
    private static final Logger LOG = LoggerFactory.getLogger(WriteOnlyParams.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> BY_SCHEMA = new ConcurrentHashMap<>();

    private WriteOnlyParams() {
    }

    static Set<String> of(String paramsSchema) {
        if (paramsSchema == null || paramsSchema.isBlank()) {
            return Set.of();
        }
        return BY_SCHEMA.computeIfAbsent(paramsSchema, WriteOnlyParams::parse);
    }

    private static Set<String> parse(String schema) {
        try {
            Set<String> names = new TreeSet<>();
            JsonNode properties = JSON.readTree(schema).path("properties");
            properties.fields().forEachRemaining(e -> {
                if (e.getValue().path("writeOnly").asBoolean(false)) {
                    names.add(e.getKey());
                }
            });
            return Set.copyOf(names);
        } catch (IOException e) {
            LOG.warn("a procedure's params schema is not JSON; no params are treated as write-only");
            return Set.of();
        }
    }

    static Map<String, Object> redact(Map<String, Object> params, Set<String> writeOnly) {
        if (params == null || writeOnly.isEmpty() || writeOnly.stream().noneMatch(params::containsKey)) {
            return params;
        }
        Map<String, Object> shown = new LinkedHashMap<>(params);
        writeOnly.forEach(name -> shown.computeIfPresent(name, (k, v) -> REDACTED));
        return shown;
    }
}
