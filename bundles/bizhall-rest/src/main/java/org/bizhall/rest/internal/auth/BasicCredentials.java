package org.bizhall.rest.internal.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The user and password of an HTTP Basic {@code Authorization} header (RFC 7617, UTF-8). The password is a char array
 * so the caller can wipe it once the login is done; nothing keeps it.
 */
public final class BasicCredentials {
    private final String user;
    private final char[] password;

    private BasicCredentials(String user, char[] password) {
        this.user = user;
        this.password = password;
    }

    /** The credentials of a header value, or empty when it is absent, not Basic, not Base64 or has no user. */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        char[] chars;
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded));
            chars = new char[buffer.remaining()];
            buffer.get(chars);
            Arrays.fill(buffer.array(), '\0');
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        int colon = -1;
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            Arrays.fill(chars, '\0');
            return Optional.empty();
        }
        String user = new String(chars, 0, colon);
        char[] password = Arrays.copyOfRange(chars, colon + 1, chars.length);
        Arrays.fill(chars, '\0');
        if (user.isBlank()) {
            Arrays.fill(password, '\0');
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(user, password));
    }

    public String user() {
        return user;
    }

    /** The password itself, not a copy: {@link #wipe()} clears it. */
    public char[] password() {
        return password;
    }

    public void wipe() {
        Arrays.fill(password, '\0');
    }
}
