package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.api.common.TextLimits;
import org.bizhall.rest.internal.json.Json;
import org.junit.Test;

/** The published OpenAPI document describes exactly the endpoints the resources serve. */
public class OpenApiDocumentTest {
    private static final List<Class<?>> RESOURCES = List.of(MeResource.class, ProcedureResource.class,
            OrderResource.class, ProductResource.class, NumberResource.class, SubscriberResource.class,
            AccountResource.class, ReceiptResource.class, HealthResource.class, OpenApiResource.class,
            AdminClockResource.class, AdminBillingRunResource.class, AdminCollectionRunResource.class, AdminJobResource.class,
            SettlementResource.class, DeviceResource.class, QueueResource.class, OrderRatingResource.class,
            HallRatingResource.class, NumberKioskResource.class, DeviceRegistrationResource.class,
            PointsResource.class, GiftResource.class,
            VpmnGroupResource.class, VpmnArchiveResource.class);

    private static JsonNode document() throws Exception {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            return Json.mapper().readTree(in);
        }
    }

    private static Set<String> served() {
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = "/" + resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    endpoints.add(verb + " " + (sub == null ? base : base + "/" + sub.value()));
                }
            }
        }
        return endpoints;
    }

    private static String verb(Method method) {
        for (Class<? extends Annotation> verb : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (method.isAnnotationPresent(verb)) {
                return verb.getSimpleName();
            }
        }
        return null;
    }

    @Test
    public void describesEveryEndpointServedAndNoOther() throws Exception {
        Set<String> described = new TreeSet<>();
        document().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(verb -> {
            if (!verb.equals("parameters")) {
                described.add(verb.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertEquals(served(), described);
    }

    @Test
    public void describesTheProblemFormat() throws Exception {
        JsonNode problem = document().get("components").get("schemas").get("Problem").get("properties");
        for (String field : List.of("type", "title", "status", "code", "detail", "field")) {
            assertTrue(field, problem.has(field));
        }
    }

    @Test
    public void describesIdentitiesReadFromTheCardReaderAndTheKioskReport_hallDevices() throws Exception {
        JsonNode schemas = document().get("components").get("schemas");
        for (String holder : List.of("Customer", "Party")) {
            assertEquals(holder, "#/components/schemas/IdentitySource",
                    schemas.get(holder).get("properties").get("source").get("allOf").get(0).get("$ref").asText());
        }
        assertEquals("[\"MANUAL\",\"ID_CARD_READER\"]", schemas.get("IdentitySource").get("enum").toString());
        JsonNode kiosk = schemas.get("KioskCash").get("properties");
        for (String field : List.of("device", "acceptedNotesFen", "returnedNotesFen")) {
            assertTrue(field, kiosk.has(field));
        }
        assertTrue(schemas.get("Payment").get("properties").has("kiosk"));
        JsonNode paths = document().get("paths");
        assertTrue(paths.get("/orders").get("post").get("responses").has("503"));
        assertTrue(paths.get("/orders/{id}/payments").get("post").get("responses").has("503"));
    }

    @Test
    public void everyReferenceResolves() throws Exception {
        JsonNode document = document();
        String text = document.toString();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("#/components/(\\w+)/(\\w+)").matcher(text);
        while (refs.find()) {
            assertTrue(refs.group(), document.get("components").get(refs.group(1)).has(refs.group(2)));
        }
    }

    /**
     * Issue 8 defect 3: the maxLength the document announces for each stored text is the limit the edge enforces, taken
     * from the one declaration in {@link TextLimits}.
     */
    @Test
    public void textMaxLengthsAreTheDeclaredTextLimits_defect3() throws Exception {
        JsonNode schemas = document().path("components").path("schemas");
        String[][] expected = {{"Customer", "name", "name"}, {"Customer", "idNumber", "idNumber"},
            {"Customer", "address", "address"}, {"Party", "name", "name"}, {"Party", "idNumber", "idNumber"},
            {"Document", "number", "documentNumber"}, {"OrderRequest", "procedure", "procedure"},
            {"Confirmation", "note", "note"}, {"Confirmation", "step", "procedure"}, {"HolderCheck", "name", "name"}};
        for (String[] e : expected) {
            JsonNode property = schemas.path(e[0]).path("properties").path(e[1]);
            assertEquals(e[0] + "." + e[1] + " maxLength", TextLimits.all().get(e[2]).intValue(),
                    property.path("maxLength").asInt(-1));
        }
    }
}
