package org.bizhall.rest.internal.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.bizhall.api.common.ProblemException;

/**
 * What the HTTP runtime would fail on before the JAX-RS layer could answer a problem: a malformed percent-encoding in
 * the path or the query (the runtime decodes lazily and throws), and a {@code charset} in {@code Content-Type} this
 * runtime does not know (the servlet throws before reading the body). Checked on the raw request, so every endpoint and
 * every parameter is covered at once.
 */
public final class RequestShape {
    /** A query parameter (name or value) that is not valid percent-encoded UTF-8. */
    public static final String QUERY_ENCODING_INVALID = "QUERY_ENCODING_INVALID";
    /** A path that is not valid percent-encoded UTF-8. */
    public static final String PATH_ENCODING_INVALID = "PATH_ENCODING_INVALID";
    /** A {@code Content-Type} charset that this runtime does not know. */
    public static final String CHARSET_UNSUPPORTED = "CHARSET_UNSUPPORTED";

    private RequestShape() {
    }

    /** Refuses a raw (still encoded) query string with a bad escape or bytes that are not UTF-8, naming the parameter. */
    public static void checkQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            if (name == null) {
                throw ProblemException.badRequest(QUERY_ENCODING_INVALID,
                        "a query parameter name is not valid percent-encoded UTF-8", null);
            }
            if (eq >= 0 && decode(pair.substring(eq + 1)) == null) {
                String field = name.length() <= 64 && name.matches("[A-Za-z0-9_.-]+") ? name : null;
                throw ProblemException.badRequest(QUERY_ENCODING_INVALID,
                        (field == null ? "a query parameter" : field) + " is not valid percent-encoded UTF-8", field);
            }
        }
    }

    /** Refuses a raw request path with a bad escape or bytes that are not UTF-8. */
    public static void checkPath(String rawPath) {
        if (rawPath != null && decode(rawPath) == null) {
            throw ProblemException.badRequest(PATH_ENCODING_INVALID, "the path is not valid percent-encoded UTF-8", null);
        }
    }

    /**
     * Refuses a {@code Content-Type} whose {@code charset} parameter names no charset this runtime knows, read the way
     * the runtime reads it (the text after {@code charset=} up to {@code ;}, quotes and blanks removed).
     */
    public static void checkCharset(String contentType) {
        String name = charset(contentType);
        if (name == null || name.isEmpty()) {
            return;
        }
        boolean known;
        try {
            known = Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            known = false;
        }
        if (!known) {
            throw ProblemException.badRequest(CHARSET_UNSUPPORTED,
                    "the Content-Type names a charset this server does not know: send the body in UTF-8", null);
        }
    }

    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        String value = contentType.substring(at + "charset=".length());
        int end = value.indexOf(';');
        if (end >= 0) {
            value = value.substring(0, end);
        }
        return value.replace("\"", "").replace("'", "").trim();
    }

    /**
     * The text of a percent-encoded string ({@code +} left as it is), or null when an escape is malformed or the bytes
     * are not UTF-8.
     */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes[n++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                // a raw non-ASCII character: keep it as its UTF-8 bytes
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + utf8.length > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length + raw.length() * 3);
                }
                for (byte b : utf8) {
                    bytes[n++] = b;
                }
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
