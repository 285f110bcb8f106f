package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.bizhall.api.common.CreditCode;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Group customers over HTTP and in the shell (rulebook §6, §7): a company enrols three numbers in a VPMN group, one
 * member refuses the outbound call, the big-customer office (bo-sn) assigns the group number and approves, the group
 * and the members' VPMN feature are visible; a second enrolment of the same company changes the group; the archives
 * are due by the 25th and late once the business clock passes it. Group SMS is taken at a self-owned hall and refused
 * at a partner hall, for a personal customer and with an unsealed pledge.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class GroupCustomersIT extends BizhallTestSupport {
    private static final String CONTACT = "13991234567";

    @Before
    public void platformUp() throws InterruptedException {
        awaitPlatform();
    }

    private static String creditCode(String first17) {
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** Opens a GOTONE-88 account in the 138918077xx range; returns the number. */
    private String openAccount() {
        String msisdn = availableNumber("op-sn", "138918077", false);
        JsonNode order = post("op-sn", "/orders", openingOrder(msisdn, "GOTONE-88"), key()).expect(201).json();
        post("op-sn", "/orders/" + order.path("id").asText() + "/payments",
                object().put("method", "CASH").put("tenderedFen", order.path("quote").path("totalFen").asLong()), key())
                .expect(201);
        return msisdn;
    }

    private static ObjectNode company(String code) {
        return object().put("type", "CORPORATE").put("name", "西安秦岭科技有限公司").put("idType", "BUSINESS_LICENCE")
                .put("idNumber", code).put("address", "西安市高新区锦业路1号");
    }

    private static void party(ArrayNode parties, String role) {
        parties.addObject().put("role", role).put("type", "PERSONAL").put("name", "李四").put("idType", "ID_CARD")
                .put("idNumber", VALID_ID);
    }

    private static ObjectNode vpmnOrder(String code, List<String> members, List<String> leave) {
        ObjectNode order = object().put("procedure", "vpmn-enrolment").put("msisdn", CONTACT);
        order.set("customer", company(code));
        ArrayNode parties = order.putArray("parties");
        party(parties, "PROXY");
        party(parties, "CONTACT");
        ArrayNode documents = order.putArray("documents");
        for (String kind : List.of("BUSINESS_LICENCE", "UNIT_CERTIFICATE", "APPLICATION_FORM", "MEMBER_LIST",
                "COMPANY_AUTHORISATION", "PROXY_ID")) {
            documents.addObject().put("kind", kind).put("number", kind.substring(0, 3) + "-1");
        }
        ObjectNode params = order.putObject("params");
        members.forEach(params.putArray("members")::add);
        if (!leave.isEmpty()) {
            leave.forEach(params.putArray("leave")::add);
        }
        return order;
    }

    private JsonNode memberCall(String user, String order, String msisdn, boolean approved, int status) {
        Answer answer = post(user, "/orders/" + order + "/confirmations",
                object().put("step", "MEMBER_CALL").put("msisdn", msisdn).put("approved", approved), key());
        return answer.expect(status).json();
    }

    private JsonNode office(String order, String groupNumber) {
        ObjectNode body = object().put("step", "BIG_CUSTOMER_OFFICE").put("approved", true).put("note", "核实无误");
        if (groupNumber != null) {
            body.put("reference", groupNumber);
        }
        return post("bo-sn", "/orders/" + order + "/confirmations", body, key()).expect(201).json();
    }

    private List<String> features(String msisdn) {
        List<String> words = new ArrayList<>();
        get("op-sn", "/subscribers/" + msisdn).expect(200).json().path("features").forEach(f -> words.add(f.asText()));
        return words;
    }

    private static List<String> members(JsonNode group) {
        List<String> numbers = new ArrayList<>();
        group.path("members").forEach(m -> numbers.add(m.path("msisdn").asText()));
        return numbers;
    }

    private int orderCount(String user, String procedure) {
        return Integer.parseInt(get(user, "/orders?procedure=" + procedure).expect(200).header("X-Total-Count"));
    }

    @Test
    public void aCompanyEnrolsMembersTheOfficeApprovesAChangeFollowsAndArchivesFallDue() throws Exception {
        String m1 = openAccount();
        String m2 = openAccount();
        String m3 = openAccount();
        String m4 = openAccount();
        String code = creditCode("91610131MA6U0G011");
        String groupNumber = "029-880001";

        // refused at submission: a member that is no subscriber; nothing is stored
        int before = orderCount("op-sn", "vpmn-enrolment");
        JsonNode refused = post("op-sn", "/orders", vpmnOrder(code, List.of(m1, "13891899998"), List.of()), key())
                .problem(422, "VPMN_MEMBER_NOT_ELIGIBLE");
        assertEquals("params.members[1]", refused.path("field").asText());
        assertEquals(before, orderCount("op-sn", "vpmn-enrolment"));

        // enrolment: three members, each to be called
        JsonNode order = post("op-sn", "/orders", vpmnOrder(code, List.of(m1, m2, m3), List.of()), key()).expect(201)
                .json();
        String id = order.path("id").asText();
        assertEquals("PENDING_CONFIRMATION", order.path("state").asText());
        assertEquals("MEMBER_CALLS", order.path("awaiting").asText());
        assertFalse("the proxy's and the contact's ID numbers are masked", order.toString().contains(VALID_ID));

        memberCall("bo-sn", id, m1, true, 403);
        JsonNode afterOne = memberCall("op-sn", id, m1, true, 201);
        assertEquals("PENDING_CONFIRMATION", afterOne.path("state").asText());
        assertEquals("MEMBER_CALLS", afterOne.path("awaiting").asText());
        assertEquals("VPMN_MEMBER_NOT_IN_ORDER", memberCall("op-sn", id, m4, true, 422).path("code").asText());
        assertEquals("MEMBER_CALL_RECORDED", memberCall("op-sn", id, m1, false, 409).path("code").asText());
        memberCall("op-sn", id, m2, false, 201); // the member refuses: dropped
        post("op-sn", "/orders/" + id + "/confirmations",
                object().put("step", "BIG_CUSTOMER_OFFICE").put("approved", true).put("reference", groupNumber), key())
                .problem(403, "ROLE_NOT_ALLOWED");
        JsonNode toOffice = memberCall("mgr-sn", id, m3, true, 201);
        assertEquals("PENDING_CONFIRMATION", toOffice.path("state").asText());
        assertEquals("BACK_OFFICE", toOffice.path("awaiting").asText());
        assertEquals(0, get("op-sn", "/vpmn-groups?creditCode=" + code).expect(200).json().size());
        assertFalse(features(m1).contains("VPMN"));

        JsonNode approved = office(id, groupNumber);
        assertEquals(approved.toString(), "COMPLETED", approved.path("state").asText());
        assertEquals(groupNumber, approved.path("result").path("groupNumber").asText());
        String groupId = approved.path("result").path("groupId").asText();
        LocalDate due = LocalDate.parse(approved.path("result").path("archiveDue").asText());
        assertEquals(25, due.getDayOfMonth());

        assertTrue(features(m1).contains("VPMN"));
        assertFalse(features(m2).contains("VPMN"));
        assertTrue(features(m3).contains("VPMN"));
        Answer list = get("op-sn", "/vpmn-groups?creditCode=" + code).expect(200);
        assertEquals("1", list.header("X-Total-Count"));
        JsonNode group = get("op-sn", "/vpmn-groups/" + groupId).expect(200).json();
        assertEquals(groupNumber, group.path("groupNumber").asText());
        assertEquals(CONTACT, group.path("contactMsisdn").asText());
        assertEquals(List.of(m1, m3), members(group));
        assertEquals(groupId, get("op-sn", "/vpmn-groups?member=" + m3).expect(200).json().get(0).path("id").asText());
        get("op-sx", "/vpmn-groups/" + groupId).problem(403, "OTHER_PROVINCE");
        get("op-sn", "/vpmn-groups/no-such-group").problem(404, "VPMN_GROUP_NOT_FOUND");

        // the company has a group: a second enrolment changes it (m4 joins, m1 leaves), no second group
        JsonNode change = post("op-sn", "/orders", vpmnOrder(code, List.of(m4), List.of(m1)), key()).expect(201)
                .json();
        String changeId = change.path("id").asText();
        assertEquals("CHANGE", change.path("result").path("mode").asText());
        memberCall("op-sn", changeId, m4, true, 201);
        JsonNode changed = office(changeId, null);
        assertEquals("COMPLETED", changed.path("state").asText());
        assertEquals(groupId, changed.path("result").path("groupId").asText());
        assertEquals("1", get("op-sn", "/vpmn-groups?creditCode=" + code).expect(200).header("X-Total-Count"));
        assertEquals(List.of(m3, m4), members(get("op-sn", "/vpmn-groups/" + groupId).expect(200).json()));
        assertFalse(features(m1).contains("VPMN"));
        assertTrue(features(m4).contains("VPMN"));

        // archives: due by the 25th, listed for managers and the back office, late once the clock passes the 25th
        get("op-sn", "/vpmn-archives").problem(403, "ROLE_NOT_ALLOWED");
        List<JsonNode> ours = archivesOf(get("mgr-sn", "/vpmn-archives?due=" + due).expect(200).json(), groupNumber);
        assertEquals(2, ours.size());
        ours.forEach(a -> assertFalse(a.path("late").asBoolean()));
        assertEquals(0, archivesOf(get("mgr-sn", "/vpmn-archives?late=true").expect(200).json(), groupNumber).size());

        put("admin", "/admin/clock", object().put("now",
                OffsetDateTime.parse(due.plusDays(1) + "T10:00:00+08:00").toString())).expect(200);
        List<JsonNode> late = archivesOf(get("mgr-sn", "/vpmn-archives?late=true").expect(200).json(), groupNumber);
        assertEquals(2, late.size());
        late.forEach(a -> assertTrue(a.path("late").asBoolean()));
        String shellLate = shell("hall:vpmn-archives --province SN --late");
        assertTrue(shellLate, shellLate.contains(groupNumber) && shellLate.contains("LATE"));
        String shellGroups = shell("hall:vpmn-groups --province SN");
        assertTrue(shellGroups, shellGroups.contains(groupNumber));
        String shellGroup = shell("hall:vpmn-groups " + groupId);
        assertTrue(shellGroup, shellGroup.contains(m3) && shellGroup.contains(m4) && !shellGroup.contains(m1));

        // the office records one archive received: it leaves the lists
        String archiveId = late.get(0).path("id").asText();
        post("mgr-sn", "/vpmn-archives/" + archiveId + "/received", null, null).problem(403, "ROLE_NOT_ALLOWED");
        JsonNode received = post("bo-sn", "/vpmn-archives/" + archiveId + "/received", null, null).expect(200).json();
        assertTrue(received.path("received").asBoolean());
        assertEquals("bo-sn", received.path("receivedBy").asText());
        post("bo-sn", "/vpmn-archives/" + archiveId + "/received", null, null).problem(409, "VPMN_ARCHIVE_RECEIVED");
        assertEquals(1, archivesOf(get("bo-sn", "/vpmn-archives?late=true").expect(200).json(), groupNumber).size());
    }

    private static List<JsonNode> archivesOf(JsonNode list, String groupNumber) {
        List<JsonNode> ours = new ArrayList<>();
        list.forEach(a -> {
            if (groupNumber.equals(a.path("groupNumber").asText())) {
                ours.add(a);
            }
        });
        return ours;
    }

    private static ObjectNode groupSmsOrder(ObjectNode customer, boolean pledgeSealed) {
        ObjectNode order = object().put("procedure", "group-sms");
        order.set("customer", customer);
        party(order.putArray("parties"), "PROXY");
        ArrayNode documents = order.putArray("documents");
        documents.addObject().put("kind", "APPLICATION_FORM").put("number", "AF-1");
        documents.addObject().put("kind", "SECURITY_PLEDGE").put("number", "SP-1").put("sealed", pledgeSealed);
        documents.addObject().put("kind", "BUSINESS_LICENCE").put("number", "BL-1").put("sealed", true);
        documents.addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        order.putObject("params").put("agreementNumber", "GSMS-2026-001").put("agreementSignature", "【秦岭科技】")
                .put("agreementPort", "1065730001").put("signature", "【秦岭科技】").put("port", "1065730001")
                .put("payment", "CASH").put("whitelistCommitment", true);
        return order;
    }

    @Test
    public void proceduresListBothGroupProceduresWithTheirDocuments() {
        int found = 0;
        for (JsonNode p : get("op-sn", "/procedures").expect(200).json()) {
            String id = p.path("id").asText();
            if ("vpmn-enrolment".equals(id)) {
                found++;
                assertTrue(p.path("provider").asText().startsWith("org.bizhall.procedure.vpmn/"));
                assertEquals("[\"COMPANY_AUTHORISATION\"]", p.path("documentsByCase").path("CORPORATE").toString());
            }
            if ("group-sms".equals(id)) {
                found++;
                assertTrue(p.path("provider").asText().startsWith("org.bizhall.procedure.groupsms/"));
                assertEquals("[\"SEAL_CARD\"]", p.path("documentsByCase").path("NON_CASH").toString());
                assertEquals("[\"UNIT_CERTIFICATE\"]", p.path("documentsByCase").path("GOVERNMENT").toString());
            }
        }
        assertEquals(2, found);
    }

    @Test
    public void groupSmsAtASelfOwnedHallOnlyForCompaniesWithASealedPledge() {
        String code = creditCode("91610131MA6U0G012");
        int before = orderCount("op-sn", "group-sms");
        post("op-sn2", "/orders", groupSmsOrder(company(code), true), key()).problem(422, "HALL_KIND_NOT_ALLOWED");
        JsonNode personal = post("op-sn", "/orders", groupSmsOrder(personalCustomer("张三"), true), key())
                .problem(422, "CORPORATE_CUSTOMER_REQUIRED");
        assertEquals("customer.type", personal.path("field").asText());
        JsonNode unsealed = post("op-sn", "/orders", groupSmsOrder(company(code), false), key())
                .problem(422, "DOCUMENT_NOT_SEALED");
        assertEquals("documents[1].sealed", unsealed.path("field").asText());
        assertEquals("refused requests store no order", before, orderCount("op-sn", "group-sms"));

        JsonNode order = post("op-sn", "/orders", groupSmsOrder(company(code), true), key()).expect(201).json();
        assertEquals("PENDING_CONFIRMATION", order.path("state").asText());
        assertEquals("BACK_OFFICE", order.path("awaiting").asText());
        assertEquals("【秦岭科技】", order.path("result").path("signature").asText());
        assertEquals("1065730001", order.path("result").path("port").asText());
        assertTrue(order.path("result").path("whitelistCommitment").asBoolean());
        String id = order.path("id").asText();
        post("op-sn", "/orders/" + id + "/confirmations", object().put("step", "BIG_CUSTOMER_OFFICE")
                .put("approved", true).put("reference", "JTDX-1"), key()).problem(403, "ROLE_NOT_ALLOWED");
        JsonNode done = post("bo-sn", "/orders/" + id + "/confirmations", object().put("step", "BIG_CUSTOMER_OFFICE")
                .put("approved", true).put("reference", "JTDX-2026-0042"), key()).expect(201).json();
        assertEquals("COMPLETED", done.path("state").asText());
        assertEquals("JTDX-2026-0042", done.path("result").path("activationNotice").asText());
        assertEquals(before + 1, orderCount("op-sn", "group-sms"));
    }
}
