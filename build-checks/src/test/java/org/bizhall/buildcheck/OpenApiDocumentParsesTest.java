package org.bizhall.buildcheck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.Test;

/**
 * Issue 9 item 6: the OpenAPI document the server publishes is a valid OpenAPI 3.0 document for the reference parser
 * (every message it has, an unresolvable reference, a misplaced or mistyped field, fails the build); the lint of
 * {@code .ci/run} adds the recommended style rules where Node.js is at hand.
 */
public class OpenApiDocumentParsesTest {
    static final String DOCUMENT = "bundles/bizhall-rest/src/main/resources/openapi.json";

    private static SwaggerParseResult parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(text, null, options);
    }

    @Test
    public void thePublishedDocumentParsesWithoutAMessage() throws IOException {
        String text = Files.readString(ProblemCodesDocumentedTest.root().resolve(DOCUMENT), StandardCharsets.UTF_8);
        SwaggerParseResult result = parse(text);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        assertTrue(DOCUMENT + ":\n  " + String.join("\n  ", messages), messages.isEmpty());
        assertNotNull(result.getOpenAPI());
        JsonNode json = new ObjectMapper().readTree(text);
        assertEquals("every path is read", json.get("paths").size(), result.getOpenAPI().getPaths().size());
        assertEquals(json.get("components").get("schemas").size(),
                result.getOpenAPI().getComponents().getSchemas().size());
    }

    @Test
    public void aBrokenDocumentHasMessages() {
        SwaggerParseResult result = parse("""
                {"openapi":"3.0.3","info":{"title":"t","version":"1"},
                 "paths":{"/x":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Missing"}}}}}}}},
                 "components":{"schemas":{"A":{"type":"object","required":"id","nullable":"yes"}}}}
                """);
        assertFalse(String.valueOf(result.getMessages()), result.getMessages().isEmpty());
    }
}
