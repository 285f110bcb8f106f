package org.bizhall.rest.internal.json;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.IdentitySource;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.KioskCash;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.OrderRequest;
import org.bizhall.api.order.PaymentRequest;
import org.junit.Test;

public class JsonProviderTest {
    private final JsonProvider provider = new JsonProvider();

    private byte[] write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(value, value.getClass(), value.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), out);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String json, Class<T> type) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8), type, MediaType.APPLICATION_JSON_TYPE);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> T read(byte[] json, Class<T> type, MediaType mediaType) throws IOException {
        return (T) provider.readFrom((Class) type, (Type) type, new Annotation[0], mediaType, new MultivaluedHashMap<>(),
                new ByteArrayInputStream(json));
    }

    @Test
    public void anAnswerCarriesTheLengthOfItsUtf8Body() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();
        Map<String, String> value = Map.of("name", "张三");
        provider.writeTo(value, value.getClass(), value.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                headers, out);
        assertEquals("{\"name\":\"张三\"}", out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(Integer.toString(out.size())), headers.get(HttpHeaders.CONTENT_LENGTH));
        assertEquals("bytes, not characters", 17, out.size());
    }

    @Test
    public void anAnswerWrittenBeforeIsSentByteForByteWithItsLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();
        // as stored: key order and spacing are the first answer's, not what the mapper would write today
        JsonBytes stored = JsonBytes.of("{\"payer\":\"张三\", \"id\":\"p-1\"}");
        assertTrue(provider.isWriteable(JsonBytes.class, JsonBytes.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE));
        provider.writeTo(stored, JsonBytes.class, JsonBytes.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                headers, out);
        assertArrayEquals(stored.utf8(), out.toByteArray());
        assertEquals(List.of(Integer.toString(stored.utf8().length)), headers.get(HttpHeaders.CONTENT_LENGTH));
    }

    private ProblemException refusal(String json, Class<?> type) throws IOException {
        try {
            read(json, type);
        } catch (WebApplicationException e) {
            assertTrue("the problem rides along as the cause", e.getCause() instanceof ProblemException);
            assertEquals(((ProblemException) e.getCause()).status(), e.getResponse().getStatus());
            return (ProblemException) e.getCause();
        }
        fail("the body should have been refused: " + json);
        return null;
    }

    @Test
    public void chineseTextRoundTripsAsUtf8() throws IOException {
        Customer customer = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, "11010519491231002X", "西安市雁塔区");
        byte[] bytes = write(customer);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text, text.contains("\"name\":\"张三\""));
        assertEquals(customer, read(bytes, Customer.class, MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    public void bodyInAnotherDeclaredCharsetIsDecodedByIt() throws IOException {
        byte[] gbk = "{\"name\":\"张三\"}".getBytes("GBK");
        Customer read = read(gbk, Customer.class, MediaType.valueOf("application/json; charset=GBK"));
        assertEquals("张三", read.name());
    }

    @Test
    public void timesAreIsoWithTheirOffsetAndDatesArePlain() throws IOException {
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 5, 10, 15, 30, 0, ZoneOffset.ofHours(8));
        String text = new String(write(Map.of("at", at, "day", LocalDate.of(2026, 11, 5))), StandardCharsets.UTF_8);
        assertTrue(text, text.contains("\"at\":\"2026-11-05T10:15:30+08:00\""));
        assertTrue(text, text.contains("\"day\":\"2026-11-05\""));
    }

    @Test
    public void aTimeReadKeepsTheOffsetItWasSentWith() throws IOException {
        record Clock(OffsetDateTime now) {
        }
        Clock clock = read("{\"now\":\"2026-11-30T23:59:00+08:00\"}", Clock.class);
        assertEquals(OffsetDateTime.of(2026, 11, 30, 23, 59, 0, 0, ZoneOffset.ofHours(8)), clock.now());
        assertEquals(ZoneOffset.ofHours(8), clock.now().getOffset());
    }

    @Test
    public void recordsSerializeByTheirAccessors() throws IOException {
        Document unsealed = new Document(DocumentKind.SECURITY_PLEDGE, "P-1", null);
        JsonNode tree = Json.mapper().readTree(write(unsealed));
        assertEquals("SECURITY_PLEDGE", tree.get("kind").asText());
        assertTrue("sealed comes from sealed(), not the isSealed() helper", tree.get("sealed").isNull());
        assertEquals(3, tree.size());
    }

    @Test
    public void unknownEnumValueIsJsonInvalidNamingTheFieldPath() throws IOException {
        ProblemException problem = refusal("{\"procedure\":\"x\",\"customer\":{\"type\":\"PERSONAL\",\"name\":\"张三\","
                + "\"idType\":\"SOCIAL_CARD\",\"idNumber\":\"1\"}}", OrderRequest.class);
        assertEquals(400, problem.status());
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("customer.idType", problem.field());
        assertTrue(problem.detail(), problem.detail().contains("ID_CARD"));
    }

    @Test
    public void anIdentityToReadFromTheCardReaderIsJustItsSource_hallDevices() throws IOException {
        OrderRequest request = read("{\"procedure\":\"x\",\"customer\":{\"source\":\"ID_CARD_READER\"},"
                + "\"parties\":[{\"role\":\"PROXY\",\"type\":\"PERSONAL\",\"name\":\"李四\",\"idType\":\"PASSPORT\","
                + "\"idNumber\":\"E1\"}]}", OrderRequest.class);
        assertEquals(IdentitySource.ID_CARD_READER, request.customer().source());
        assertTrue(request.customer().readFromCard());
        assertNull(request.customer().name());
        assertEquals(PartyRole.PROXY, request.parties().get(0).role());
        assertNull("a typed party says nothing of its source", request.parties().get(0).source());

        ProblemException problem = refusal("{\"procedure\":\"x\",\"parties\":[{\"role\":\"PROXY\","
                + "\"source\":\"CAMERA\"}]}", OrderRequest.class);
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("parties[0].source", problem.field());
    }

    @Test
    public void aKioskPaymentShowsTheNotesItsKioskAcceptedAndReturned_hallDevices() throws IOException {
        Payment payment = new Payment("p", "o", PaymentMethod.KIOSK_CASH, 10000, 15000, 0, 5000, null, "SN-XA-001",
                "op-sn", null, new KioskCash("SN-XA-001-cash-kiosk", List.of(10000L, 5000L), List.of(500L)));
        JsonNode kiosk = Json.mapper().readTree(write(payment)).get("kiosk");
        assertEquals("SN-XA-001-cash-kiosk", kiosk.get("device").asText());
        assertEquals("[10000,5000]", kiosk.get("acceptedNotesFen").toString());
        assertEquals("[500]", kiosk.get("returnedNotesFen").toString());
    }

    @Test
    public void unknownEnumInAListNamesTheIndex() throws IOException {
        ProblemException problem = refusal("{\"procedure\":\"x\",\"documents\":[{\"kind\":\"HOLDER_ID\"},{\"kind\":\"PHOTO\"}]}",
                OrderRequest.class);
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("documents[1].kind", problem.field());
    }

    @Test
    public void enumOrdinalIsRefused() throws IOException {
        ProblemException problem = refusal("{\"method\":0,\"tenderedFen\":100}", PaymentRequest.class);
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("method", problem.field());
    }

    @Test
    public void fractionOfFenIsRefusedNotTruncated() throws IOException {
        ProblemException problem = refusal("{\"method\":\"CASH\",\"tenderedFen\":100.5}", PaymentRequest.class);
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("tenderedFen", problem.field());
    }

    @Test
    public void numberAsStringIsRefused() throws IOException {
        ProblemException problem = refusal("{\"method\":\"CASH\",\"tenderedFen\":\"100\"}", PaymentRequest.class);
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("tenderedFen", problem.field());
    }

    @Test
    public void objectWhereTextBelongsIsJsonInvalid() throws IOException {
        ProblemException problem = refusal("{\"procedure\":{\"id\":1}}", OrderRequest.class);
        assertEquals("JSON_INVALID", problem.code());
        assertEquals("procedure", problem.field());
    }

    @Test
    public void brokenJsonIsMalformed() throws IOException {
        ProblemException problem = refusal("{\"procedure\":\"x\",", OrderRequest.class);
        assertEquals("JSON_MALFORMED", problem.code());
        assertNull(problem.field());
        assertEquals(400, problem.status());
    }

    @Test
    public void trailingGarbageIsMalformed() throws IOException {
        assertEquals("JSON_MALFORMED", refusal("{\"procedure\":\"x\"} {", OrderRequest.class).code());
    }

    @Test
    public void duplicateKeyIsMalformed() throws IOException {
        assertEquals("JSON_MALFORMED",
                refusal("{\"method\":\"CASH\",\"method\":\"DEPOSIT\"}", PaymentRequest.class).code());
    }

    @Test
    public void emptyBodyIsMalformed() throws IOException {
        ProblemException problem = refusal("", OrderRequest.class);
        assertEquals("JSON_MALFORMED", problem.code());
    }

    @Test
    public void unknownPropertiesAreIgnored() throws IOException {
        PaymentRequest payment = read("{\"method\":\"CASH\",\"tenderedFen\":100,\"comment\":\"新\"}", PaymentRequest.class);
        assertEquals(Long.valueOf(100), payment.tenderedFen());
    }

    @Test
    public void paramsKeepTheirJsonTypes() throws IOException {
        OrderRequest request = read("{\"procedure\":\"x\",\"params\":{\"depositFen\":20000,\"intl\":true,"
                + "\"features\":[\"VOICE\"]}}", OrderRequest.class);
        assertEquals(20000, ((Number) request.params().get("depositFen")).intValue());
        assertEquals(Boolean.TRUE, request.params().get("intl"));
        assertEquals(List.of("VOICE"), request.params().get("features"));
    }

    @Test
    public void rawBodiesAreLeftToTheRuntime() {
        assertTrue(!provider.isWriteable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertTrue(!provider.isWriteable(byte[].class, byte[].class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertTrue(provider.isWriteable(Map.class, Map.class, new Annotation[0], MediaType.valueOf("application/problem+json")));
        assertTrue(!provider.isReadable(Map.class, Map.class, new Annotation[0], MediaType.TEXT_XML_TYPE));
    }

    @Test
    public void aConfirmationReadsItsAmountAndOneWithoutIt() throws IOException {
        Confirmation refund = read("{\"step\":\"ACCOUNTING_OFFICE\",\"approved\":true,\"confirmedFen\":5000}",
                Confirmation.class);
        assertEquals(Long.valueOf(5000), refund.confirmedFen());
        Confirmation call = read("{\"step\":\"MEMBER_CALL\",\"approved\":false,\"msisdn\":\"13891800001\"}",
                Confirmation.class);
        assertEquals(new Confirmation("MEMBER_CALL", false, null, "13891800001"), call);
    }
}
