package org.bizhall.rest.internal.edge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The {@code Date} header of every answer (RFC 7231's IMF-fixdate), written once a second and shared by the answers
 * of that second. Left to CXF it is formatted with a {@code SimpleDateFormat} built for each response, with its
 * calendar and symbols: about 1 % of the CPU of a request on a two-CPU node (docs/benchmarks.md, "Per request: the
 * caller, the date"); CXF leaves a {@code Date} that is already there.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsName(Jaxrs.RESPONSE_DATE)
public class ResponseDate implements ContainerResponseFilter {
    /** Two-digit day, English names, GMT (Java's RFC 1123 formatter drops the day's leading zero). */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The header of one second of the clock. */
    private record Stamp(long epochSecond, String text) {
    }

    private final LongSupplier millis;
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    public ResponseDate() {
        this(System::currentTimeMillis);
    }

    ResponseDate(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.DATE)) {
            response.getHeaders().putSingle(HttpHeaders.DATE, now());
        }
    }

    /** The header for the current second. */
    String now() {
        long second = Math.floorDiv(millis.getAsLong(), 1000L);
        Stamp stamp = last;
        if (stamp.epochSecond() != second) {
            stamp = new Stamp(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            last = stamp;
        }
        return stamp.text();
    }
}
