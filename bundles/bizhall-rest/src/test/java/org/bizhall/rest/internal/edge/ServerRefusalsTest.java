package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.rest.internal.json.Json;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.Test;

/** Issue 8 defect 4: what the HTTP server refuses while parsing (a malformed path escape) is answered as a problem. */
public class ServerRefusalsTest {
    @Test
    public void aRequestTheServerCannotParseIsA400ProblemNotItsHtmlPage_defect4() throws Exception {
        HttpFields fields = new HttpFields();
        ByteBuffer body = new ServerRefusals.ProblemErrorHandler().badMessageError(400, "Bad URI: java.lang.IllegalArgumentException", fields);
        assertEquals("application/problem+json", fields.get(HttpHeader.CONTENT_TYPE));
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode problem = Json.mapper().readTree(text);
        assertEquals(400, problem.path("status").asInt());
        assertEquals("REQUEST_MALFORMED", problem.path("code").asText());
        assertFalse("the server's reason is not echoed: " + text, text.contains("java.") || text.contains("Bad URI"));
    }

    @Test
    public void otherParserRefusalsKeepTheirStatusWithAStableCode() {
        assertEquals("URI_TOO_LONG", ServerRefusals.code(414));
        assertEquals("HEADERS_TOO_LARGE", ServerRefusals.code(431));
        assertEquals("PAYLOAD_TOO_LARGE", ServerRefusals.code(413));
        assertEquals("HTTP_505", ServerRefusals.code(505));
    }
}
