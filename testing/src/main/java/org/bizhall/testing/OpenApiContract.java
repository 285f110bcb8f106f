package org.bizhall.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks an HTTP answer against the published OpenAPI 3.0 document: the operation for the request's method and path
 * template, its response for the status (an exact code, else a range such as {@code 4XX}, else {@code default}), the
 * answer's media type among the response's, and the body against that media type's schema. An answer the document does
 * not describe is a violation, so the document cannot drift from the code unnoticed.
 *
 * <p>Schemas are validated as JSON Schema draft 4 (what OpenAPI 3.0 schemas are a dialect of) after a translation of the
 * OpenAPI-only parts: {@code nullable: true} admits {@code null} besides what the rest of the schema admits (the reading
 * of the {@code allOf: [$ref]} + nullable idiom), and annotations draft 4 does not know ({@code example},
 * {@code discriminator}, {@code readOnly}, …) are dropped. A path the document does not have may only answer a problem.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENTS = "#/components/schemas/";
    private static final Set<String> OPENAPI_ONLY = Set.of("nullable", "example", "discriminator", "readOnly",
            "writeOnly", "xml", "externalDocs", "deprecated");

    private record Template(String path, Pattern pattern, int variables) {
    }

    private final JsonNode document;
    private final String base;
    private final ObjectNode schemas;
    private final List<Template> templates = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        JsonNode server = document.path("servers").path(0).path("url");
        this.base = server.isTextual() ? server.asText().replaceAll("/$", "") : "";
        this.schemas = JsonNodeFactory.instance.objectNode();
        document.path("components").path("schemas").fields()
                .forEachRemaining(named -> schemas.set(named.getKey(), translate(named.getValue().deepCopy())));
        document.path("paths").fieldNames().forEachRemaining(path -> {
            String regex = Pattern.quote(path).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            templates.add(new Template(path, Pattern.compile(regex), path.split("\\{", -1).length - 1));
        });
        // a literal segment wins over a variable: /orders/{id}/payments before any /orders/{a}/{b}
        templates.sort((a, b) -> Integer.compare(a.variables(), b.variables()));
    }

    /** The contract of the document read from {@code in} (closed by the caller). */
    public static OpenApiContract read(InputStream in) {
        try {
            return new OpenApiContract(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract of a document on the class path of {@code anchor} (e.g. {@code "/openapi.json"}). */
    public static OpenApiContract fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " beside " + anchor.getName());
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What is wrong with this answer, or an empty list when the document describes it.
     *
     * @param path the request's path, with or without the server's base ({@code /api/v1}) and query
     * @param contentType the answer's {@code Content-Type}, or null when it has none
     * @param body the answer's body, empty when there is none
     */
    public List<String> violations(String method, String path, int status, String contentType, byte[] body) {
        String relative = relative(path);
        String verb = method.toLowerCase(Locale.ROOT);
        String where = method.toUpperCase(Locale.ROOT) + " " + path + " → " + status;
        Template template = templates.stream().filter(t -> t.pattern().matcher(relative).matches()).findFirst()
                .orElse(null);
        JsonNode operation = template == null ? null : document.path("paths").path(template.path()).get(verb);
        if (operation == null) {
            // no such endpoint: only a refusal (404, 405, 401 before routing, …) as a problem is right
            if (status < 400 || !isProblem(contentType)) {
                return List.of(where + ": the document has no " + method.toUpperCase(Locale.ROOT) + " " + relative
                        + " and the answer is not a problem");
            }
            return check(where, COMPONENTS + "Problem", schemaRef("Problem"), body);
        }
        String pointer = "#/paths/" + escape(template.path()) + "/" + verb + "/responses/";
        JsonNode responses = operation.path("responses");
        String key = Integer.toString(status);
        if (!responses.has(key)) {
            key = status / 100 + "XX";
        }
        if (!responses.has(key)) {
            key = "default";
        }
        if (!responses.has(key)) {
            return List.of(where + ": status " + status + " is not among the responses of " + verb.toUpperCase(Locale.ROOT)
                    + " " + template.path() + " " + fieldNames(responses));
        }
        pointer += key;
        JsonNode response = resolve(responses.get(key));
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.length == 0 ? List.of()
                    : List.of(where + ": the document describes no body, the answer has " + body.length + " bytes");
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.get(mediaType);
        if (media == null) {
            return List.of(where + ": media type '" + mediaType + "' is not among " + fieldNames(content) + " (" + pointer
                    + ")");
        }
        JsonNode schema = media.get("schema");
        if (schema == null) {
            return List.of();
        }
        return check(where, pointer + "/content/" + escape(mediaType) + "/schema", schema, body);
    }

    /** Fails with every violation of this answer, naming its method, path and status. */
    public void assertDescribed(String method, String path, int status, String contentType, byte[] body) {
        List<String> violations = violations(method, path, status, contentType, body);
        if (!violations.isEmpty()) {
            throw new AssertionError("answer not as the OpenAPI document says:\n  " + String.join("\n  ", violations)
                    + "\n  body: " + abbreviate(body));
        }
    }

    private List<String> check(String where, String pointer, JsonNode schema, byte[] body) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            return List.of(where + ": the body is not JSON (" + e.getMessage() + ")");
        }
        if (instance == null || instance.isMissingNode()) {
            return List.of(where + ": the body is empty, the document describes " + pointer);
        }
        Schema compiledSchema = compiled.computeIfAbsent(pointer, p -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.putArray("allOf").add(translate(schema.deepCopy()));
            root.set("definitions", schemas);
            return registry.getSchema(root);
        });
        List<String> violations = new ArrayList<>();
        for (Error error : compiledSchema.validate(instance)) {
            violations.add(where + ": " + error.getInstanceLocation() + ": " + error.getMessage() + " (schema " + pointer + ")");
        }
        return violations;
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
    }

    private static JsonNode schemaRef(String name) {
        return JsonNodeFactory.instance.objectNode().put("$ref", COMPONENTS + name);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 10; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private String relative(String path) {
        String p = path;
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        if (!base.isEmpty() && p.startsWith(base)) {
            p = p.substring(base.length());
        }
        return p.isEmpty() ? "/" : p;
    }

    private static String escape(String pointerToken) {
        return pointerToken.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviate(byte[] body) {
        String text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    /** An OpenAPI 3.0 schema as JSON Schema draft 4 (see the class comment); walks only schema positions. */
    static JsonNode translate(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return schema;
        }
        if (object.has("$ref")) {
            // in draft 4 a $ref's siblings are ignored, as in OpenAPI 3.0; components live under draft 4's definitions
            object.put("$ref", object.get("$ref").asText().replace(COMPONENTS, "#/definitions/"));
            return object;
        }
        for (String map : List.of("properties", "patternProperties", "definitions")) {
            JsonNode members = object.get(map);
            if (members instanceof ObjectNode named) {
                Iterator<Map.Entry<String, JsonNode>> fields = named.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    field.setValue(translate(field.getValue()));
                }
            }
        }
        for (String single : List.of("items", "additionalProperties", "not")) {
            if (object.get(single) instanceof ObjectNode) {
                object.set(single, translate(object.get(single)));
            }
        }
        for (String list : List.of("allOf", "anyOf", "oneOf")) {
            if (object.get(list) instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, translate(array.get(i)));
                }
            }
        }
        boolean nullable = object.path("nullable").asBoolean(false);
        object.remove(OPENAPI_ONLY);
        if (!nullable) {
            return object;
        }
        ObjectNode either = JsonNodeFactory.instance.objectNode();
        ArrayNode anyOf = either.putArray("anyOf");
        anyOf.add(object);
        anyOf.addObject().put("type", "null");
        return either;
    }
}
