package org.bizhall.rest.internal.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The id every request is known by in answers ({@code X-Request-Id}, a problem's {@code requestId}) and in the log
 * lines written while it is served (the MDC key {@value #MDC_KEY}, shown by the distribution's log pattern). A client's
 * own id is kept when it is short and plain, so a branch system can follow its call into the server log.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** Kept beside the MDC, whose adapter may be a no-op where no logging backend is bound. */
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** The client's id when it is sane (letters, digits, {@code . _ : -}, at most 64), else a new one. */
    public static String accept(String offered) {
        if (offered != null && SANE.matcher(offered).matches()) {
            return offered;
        }
        return fresh().toString();
    }

    /**
     * A random (version 4) UUID from the thread's fast generator: an id to find a request by, not a secret, so it need
     * not come from {@code SecureRandom}, whose shared generator {@code UUID.randomUUID} takes for every request.
     */
    static UUID fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low);
    }

    /** Marks this thread as serving the request {@code id} until {@link #end()}. */
    static void begin(String id) {
        CURRENT.set(id);
        MDC.put(MDC_KEY, id);
    }

    static void end() {
        CURRENT.remove();
        MDC.remove(MDC_KEY);
    }

    /** The id of the request this thread serves, or null outside a request. */
    public static String current() {
        return CURRENT.get();
    }
}
