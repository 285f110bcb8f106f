package org.bizhall.rest.internal.json;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import org.bizhall.api.common.ProblemException;
import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Reads and writes {@code application/json} and {@code application/problem+json} with {@link Json#mapper()}. A body
 * that cannot be read answers a problem (400) rather than the runtime's plain error. An answer already written
 * ({@link JsonBytes}: a stored Idempotency-Key answer) is sent byte for byte; raw bodies (strings, bytes, streams) are
 * left to the runtime's own providers.
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class}, property = "service.ranking:Integer=100")
@JaxrsName(Jaxrs.JSON)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", MediaType.WILDCARD})
@Produces({MediaType.APPLICATION_JSON, Jaxrs.PROBLEM_JSON, "application/*+json"})
public class JsonProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    private final ObjectMapper mapper = Json.mapper();
    private final ObjectWriter writer = mapper.writer();

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type) && (mediaType == null || mediaType.isWildcardType() || isJson(mediaType));
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entityStream, 1);
        int first = body.read();
        if (first < 0) {
            throw refused(ProblemException.badRequest(JsonProblems.MALFORMED, "a JSON request body is required", null));
        }
        body.unread(first);
        JavaType javaType = mapper.getTypeFactory().constructType(genericType != null ? genericType : type);
        try {
            Charset charset = charset(mediaType);
            if (charset == null || StandardCharsets.UTF_8.equals(charset)) {
                // Jackson detects UTF-8/16/32 from the bytes themselves.
                return mapper.readerFor(javaType).readValue(body);
            }
            try (Reader reader = new InputStreamReader(body, charset)) {
                return mapper.readerFor(javaType).readValue(reader);
            }
        } catch (JsonProcessingException e) {
            throw refused(JsonProblems.translate(e));
        }
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type) && (mediaType == null || mediaType.isWildcardType() || isJson(mediaType));
    }

    @Override
    public long getSize(Object t, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return -1;
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        // Written whole first, so the answer carries its Content-Length: the server then sends the head and the body
        // in one write, where a streamed body went chunked, its last chunk in a write of its own. Jackson writes UTF-8.
        byte[] body = value instanceof JsonBytes written ? written.utf8() : writer.writeValueAsBytes(value);
        httpHeaders.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        entityStream.write(body);
    }

    static boolean isJson(MediaType mediaType) {
        String subtype = mediaType.getSubtype();
        return ("application".equalsIgnoreCase(mediaType.getType()) || mediaType.isWildcardType())
                && ("json".equalsIgnoreCase(subtype) || subtype.toLowerCase().endsWith("+json")
                        || mediaType.isWildcardSubtype());
    }

    private static boolean handles(Class<?> type) {
        return !(String.class == type || byte[].class == type || InputStream.class.isAssignableFrom(type)
                || Reader.class.isAssignableFrom(type) || File.class.isAssignableFrom(type)
                || StreamingOutput.class.isAssignableFrom(type)
                || type.getName().startsWith("javax.ws.rs."));
    }

    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name.trim().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw refused(ProblemException.badRequest("CHARSET_UNSUPPORTED", "send the body in UTF-8", null));
        }
    }

    /**
     * Runtimes pass a {@link WebApplicationException} from a reader on to the exception mappers unchanged, while other
     * exceptions may be wrapped; the problem rides along as the cause.
     */
    private static WebApplicationException refused(ProblemException problem) {
        return new WebApplicationException(problem.detail(), problem, problem.status());
    }
}
