package org.bizhall.rest.internal.resource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.common.TextLimits;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.OrderRequest;
import org.junit.Test;

/**
 * Issue 8 defect 3: every stored text is bounded by {@link TextLimits}, in the value types' own validation and at the
 * edge for the whole envelope; a refusal names the field and never the value.
 */
public class TextBoundsTest {
    private static final String ID = "11010519491231002X";

    private static void refused(Runnable check, String field) {
        try {
            check.run();
            fail("accepted: " + field);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertEquals(TextLimits.TOO_LONG, e.code());
            assertEquals(field, e.field());
            assertFalse(e.detail(), e.detail().contains("张张"));
        }
    }

    @Test
    public void customerPartyAndDocumentValidationRefuseTextsLongerThanTheirColumns_defect3() {
        String name256 = "张".repeat(256);
        refused(() -> new Customer(CustomerType.PERSONAL, name256, IdType.ID_CARD, ID, null).validated("customer"),
                "customer.name");
        refused(() -> new Customer(CustomerType.PERSONAL, "张三", IdType.PASSPORT, "E".repeat(65), null)
                .validated("customer"), "customer.idNumber");
        refused(() -> new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, ID, "路".repeat(501))
                .validated("customer"), "customer.address");
        refused(() -> new Party(PartyRole.PROXY, CustomerType.PERSONAL, name256, IdType.ID_CARD, ID).validated("parties[0]"),
                "parties[0].name");
        refused(() -> new Document(DocumentKind.HOLDER_ID, "9".repeat(65), null).validated("documents[2]"),
                "documents[2].number");
        // at the limit is accepted
        new Customer(CustomerType.PERSONAL, "张".repeat(TextLimits.NAME), IdType.ID_CARD, ID, "路".repeat(TextLimits.ADDRESS))
                .validated("customer");
        new Document(DocumentKind.HOLDER_ID, "9".repeat(TextLimits.DOCUMENT_NUMBER), null).validated("documents[0]");
    }

    @Test
    public void theEdgeBoundsEveryTextOfTheEnvelopeAndTheConfirmationNote_defect3() {
        Customer holder = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, ID, "西安");
        refused(() -> TextBounds.check(new OrderRequest("x".repeat(65), null, holder, List.of(), List.of(), Map.of())),
                "procedure");
        refused(() -> TextBounds.check(new OrderRequest("suspend", null, holder,
                List.of(new Party(PartyRole.CONTACT, CustomerType.PERSONAL, "李四", IdType.ID_CARD, "1".repeat(65))),
                List.of(), Map.of())), "parties[0].idNumber");
        refused(() -> TextBounds.check(new OrderRequest("vpmn-enrolment", null, holder, List.of(), List.of(),
                Map.of("members", List.of(Map.of("note", "m".repeat(2001)))))), "params.members[0].note");
        refused(() -> TextBounds.check(new Confirmation("BIG_CUSTOMER_OFFICE", true, "n".repeat(2001), null)), "note");
        // an identity to be read from the card has no text yet: nothing to bound
        TextBounds.check(new OrderRequest("suspend", null, new Customer(null, null, null, null, null), List.of(),
                List.of(new Document(DocumentKind.HOLDER_ID, null, null)), Map.of("package", "GOTONE-88")));
    }
}
