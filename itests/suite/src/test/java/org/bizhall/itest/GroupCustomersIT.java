package org.bizhall.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * Group products over HTTP, in one container: VPMN and group SMS, then the merchant butler (a group product,
 * rulebook §13).
 * <p>
 * Group customers over HTTP and in the shell (rulebook §6, §7): a company enrols three numbers in a VPMN group, one
 * member refuses the outbound call, the big-customer office (bo-sn) assigns the group number and approves, the group
 * and the members' VPMN feature are visible; a second enrolment of the same company changes the group; the archives
 * are due by the 25th and late once the business clock passes it. Group SMS is taken at a self-owned hall and refused
 * at a partner hall, for a personal customer and with an unsealed pledge.
 * <p>
 * The merchant butler (商户管家, rulebook §13) in the running distribution, over HTTP: the opening through the seven
 * steps by the Xi'an operator ({@code op-sn}) and the province's back office ({@code bo-sn}), the TD desk phone
 * registered through the hall's desk-phone device, the order SCHEDULED to the agreed date and billed once the business
 * clock passed it; archived, it is billed at each month's turn: the second month at the standalone tariff, a tariff
 * change taken then and a number change at once, the third month at the network tariff on the new number's account,
 * and after a cancellation nothing more. The business clock only moves forward (the suites share one container).
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

    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String CREDIT_CODE = "91350100M000100Y43";
    private static final String COMPANY = "西安某某餐饮有限公司";

    private static ObjectNode company() {
        return object().put("type", "CORPORATE").put("name", COMPANY).put("idType", "BUSINESS_LICENCE")
                .put("idNumber", CREDIT_CODE).put("address", "西安市雁塔区");
    }

    /** An envelope of the company's proxy with every paper of the butler, {@code without} one kind left out. */
    private static ObjectNode butlerOrder(String procedure, String msisdn, String without) {
        ObjectNode order = object().put("procedure", procedure).put("msisdn", msisdn);
        order.set("customer", company());
        order.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", VALID_ID);
        ArrayNode docs = order.putArray("documents");
        for (String kind : new String[] {"BUSINESS_LICENCE", "UNIT_CERTIFICATE", "APPLICATION_FORM", "PROXY_ID",
                "COMPANY_AUTHORISATION"}) {
            if (!kind.equals(without)) {
                docs.addObject().put("kind", kind).put("number", kind.equals("BUSINESS_LICENCE") ? CREDIT_CODE : "D-1");
            }
        }
        order.putObject("params");
        return order;
    }

    /** A number of the company in service: a corporate account opening, paid by card when it costs anything. */
    private String companyNumber() {
        String msisdn = availableNumber("op-sn", "1389180", false);
        ObjectNode order = object().put("procedure", "account-opening").put("msisdn", msisdn);
        order.set("customer", company());
        order.putArray("parties").addObject().put("role", "PROXY").put("type", "PERSONAL").put("name", "李四")
                .put("idType", "ID_CARD").put("idNumber", VALID_ID);
        ArrayNode docs = order.putArray("documents");
        docs.addObject().put("kind", "UNIT_CERTIFICATE").put("number", "UC-1");
        docs.addObject().put("kind", "BUSINESS_LICENCE").put("number", CREDIT_CODE);
        docs.addObject().put("kind", "PROXY_ID").put("number", VALID_ID);
        docs.addObject().put("kind", "SEAL_CARD").put("number", "SEAL-1");
        order.putObject("params").put("package", "GOTONE-128").put("accountType", "CORPORATE_ACCOUNT")
                .put("bankConfirmed", true);
        JsonNode created = post("op-sn", "/orders", order, key()).expect(201).json();
        if (created.path("quote").path("totalFen").asLong() > 0) {
            post("op-sn", "/orders/" + created.path("id").asText() + "/payments", object().put("method", "BANK_CARD"),
                    key()).expect(201);
        }
        assertEquals("COMPLETED", order(created.path("id").asText()).path("state").asText());
        businessToday = businessDate(created);
        return msisdn;
    }

    /** The business date of the last number opened (the business clock may run apart from the machine's). */
    private LocalDate businessToday;

    private JsonNode order(String id) {
        return get("op-sn", "/orders/" + id).expect(200).json();
    }

    private JsonNode confirm(String user, String orderId, String step, boolean approved, String note) {
        ObjectNode body = object().put("step", step).put("approved", approved);
        if (note != null) {
            body.put("note", note);
        }
        return post(user, "/orders/" + orderId + "/confirmations", body, key()).expect(201).json();
    }

    private JsonNode confirmRefused(String user, String orderId, String step, int status, String code) {
        return post(user, "/orders/" + orderId + "/confirmations",
                object().put("step", step).put("approved", true).put("note", "ESOP-X"), key()).problem(status, code);
    }

    private static void assertAt(JsonNode order, String state, String awaiting, String stage, String step) {
        assertEquals(order.toString(), state, order.path("state").asText());
        assertEquals(order.toString(), awaiting, order.path("awaiting").asText(null));
        assertEquals(order.toString(), stage, order.path("result").path("stage").asText());
        assertEquals(order.toString(), step, order.path("result").path("awaitingStep").asText(null));
    }

    private JsonNode subscriber(String msisdn) {
        return get("op-sn", "/subscribers/" + msisdn).expect(200).json();
    }

    private static boolean has(JsonNode subscriber, String feature) {
        for (JsonNode f : subscriber.path("features")) {
            if (feature.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private long butlerFees(long accountId) {
        return butlerCharges(accountId).stream().mapToLong(Long::longValue).sum();
    }

    /** The butler's charges on the account, oldest first. */
    private List<Long> butlerCharges(long accountId) {
        List<Long> charges = new ArrayList<>();
        for (JsonNode e : get("op-sn", "/accounts/" + accountId + "/ledger?limit=500").expect(200).json()) {
            if ("MERCHANT_BUTLER_FEE".equals(e.path("kind").asText())) {
                charges.add(e.path("amountFen").asLong());
            }
        }
        return charges;
    }

    /** The butler's charges on the accounts of the desk number and the number it moved to, in month order. */
    private List<Long> butlerFees(long deskAccount, String other) {
        long otherAccount = subscriber(other).path("accountId").asLong();
        List<Long> charges = new ArrayList<>(butlerCharges(deskAccount));
        if (otherAccount != deskAccount) {
            charges.addAll(butlerCharges(otherAccount));
        }
        return charges;
    }

    private long butlerOrders() {
        return Long.parseLong(get("op-sn", "/orders?procedure=merchant-butler-opening&limit=1").expect(200)
                .header("X-Total-Count"));
    }

    private void moveClock(OffsetDateTime to) {
        put("admin", "/admin/clock", object().put("now", to.toString())).expect(200);
    }

    private JsonNode await(String what, Supplier<JsonNode> ask, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        JsonNode last = null;
        while (System.currentTimeMillis() < deadline) {
            last = ask.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": last " + last);
    }

    private static LocalDate businessDate(JsonNode order) {
        return OffsetDateTime.parse(order.path("createdAt").asText()).atZoneSameInstant(BUSINESS_ZONE).toLocalDate();
    }

    private static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay(BUSINESS_ZONE).toOffsetDateTime();
    }

    @Test
    public void theButlerIsOpenedThroughItsSevenStepsBilledFromTheAgreedDateAndChangedAsRule13Says() throws Exception {
        JsonNode listed = null;
        for (JsonNode p : get("op-sn", "/procedures").expect(200).json()) {
            if ("merchant-butler-opening".equals(p.path("id").asText())) {
                listed = p;
            }
        }
        assertTrue("merchant-butler-opening is listed", listed != null);
        assertTrue(listed.toString(), listed.path("documents").toString().contains("APPLICATION_FORM"));

        String desk = companyNumber();
        String other = companyNumber();
        long account = subscriber(desk).path("accountId").asLong();

        // a refused submission stores nothing: the company's authorisation is missing
        long before = butlerOrders();
        ObjectNode opening = butlerOrder("merchant-butler-opening", desk, "COMPANY_AUTHORISATION");
        post("op-sn", "/orders", opening, key()).problem(422, "DOCUMENT_MISSING");
        assertEquals(before, butlerOrders());

        // 1. acceptance form: the proxy brings every paper; the order waits for the big-customer office
        opening = butlerOrder("merchant-butler-opening", desk, null);
        JsonNode noParams = post("op-sn", "/orders", butlerOrder("merchant-butler-opening", desk, null), key())
                .problem(400, "PARAM_MISSING"); // the schema names the first param missing
        assertTrue(noParams.toString(), noParams.path("field").asText().startsWith("params."));
        ObjectNode early = butlerOrder("merchant-butler-number-change", desk, null);
        ((ObjectNode) early.path("params")).put("newMsisdn", other);
        post("op-sn", "/orders", early, key()).problem(422, "BUTLER_NOT_OPEN");
        LocalDate now = businessToday;
        LocalDate billingFrom = now.plusDays(3);
        ((ObjectNode) opening.path("params")).put("tariff", "STANDALONE").put("billingFrom", billingFrom.toString())
                .put("contractMonths", 24).put("terminalManufacturer", "ZTE").put("terminalType", "TD-SCDMA")
                .put("terminalModel", "F100");
        JsonNode order = post("op-sn", "/orders", opening, key()).expect(201).json();
        String id = order.path("id").asText();
        assertEquals(0, order.path("quote").path("totalFen").asLong());
        assertAt(order, "PENDING_CONFIRMATION", "BACK_OFFICE", "REVIEW", "BIG_CUSTOMER_OFFICE");

        // 2. review: the office step is the back office's
        confirmRefused("op-sn", id, "BIG_CUSTOMER_OFFICE", 403, "ROLE_NOT_ALLOWED");
        confirmRefused("bo-sn", id, "WORK_ORDER", 409, "BUTLER_STEP_NOT_AWAITED");
        assertAt(confirm("bo-sn", id, "BIG_CUSTOMER_OFFICE", true, "资料齐全"), "PENDING_CONFIRMATION", "BACK_OFFICE",
                "WORK_ORDER", "WORK_ORDER");

        // 3. work order: recorded by the back office with its reference
        confirmRefused("op-sn", id, "WORK_ORDER", 403, "ROLE_NOT_ALLOWED");
        JsonNode worked = confirm("bo-sn", id, "WORK_ORDER", true, "ESOP-2026-0001");
        assertAt(worked, "PENDING_CONFIRMATION", "INSTALLATION", "INSTALLATION", "INSTALLATION");
        assertEquals("ESOP-2026-0001", worked.path("result").path("workOrder").path("note").asText());

        // 4. install and test: the TD desk phone registers through the hall's desk-phone device
        confirmRefused("bo-sn", id, "INSTALLATION", 403, "ROLE_NOT_ALLOWED");
        JsonNode installed = confirm("op-sn", id, "INSTALLATION", true, "调测通过");
        assertAt(installed, "PENDING_CONFIRMATION", "CUSTOMER_SIGNATURE", "DELIVERY", "DELIVERY");
        JsonNode registration = installed.path("result").path("installation");
        assertEquals(registration.toString(), "SN-XA-001-desk-phone", registration.path("device").asText());
        assertTrue(registration.toString(), registration.path("registered").asBoolean());
        assertEquals("F100", registration.path("model").asText());
        assertEquals(desk, registration.path("msisdn").asText());

        // 5. delivery signed: 6. billing waits for the agreed date
        JsonNode delivered = confirm("op-sn", id, "DELIVERY", true, "交付单已签字");
        assertEquals(delivered.toString(), "SCHEDULED", delivered.path("state").asText());
        assertEquals("DATE", delivered.path("awaiting").asText());
        assertEquals("BILLING", delivered.path("result").path("stage").asText());
        OffsetDateTime due = OffsetDateTime.parse(delivered.path("result").path("dueAt").asText());
        assertEquals(startOf(billingFrom).toInstant(), due.toInstant());
        assertFalse("not billed before the agreed date", has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));
        assertEquals(0, butlerFees(account));
        post("op-sn", "/orders/" + id + "/cancel", object(), null).expect(200); // not billed yet: may still go
        assertEquals("CANCELLED", order(id).path("state").asText());

        // the same opening again, to the end
        JsonNode second = post("op-sn", "/orders", opening, key()).expect(201).json();
        id = second.path("id").asText();
        confirm("bo-sn", id, "BIG_CUSTOMER_OFFICE", true, null);
        confirm("bo-sn", id, "WORK_ORDER", true, "ESOP-2026-0002");
        confirm("op-sn", id, "INSTALLATION", true, null);
        assertEquals("SCHEDULED", confirm("op-sn", id, "DELIVERY", true, null).path("state").asText());

        moveClock(startOf(billingFrom).plusHours(1));
        String billed = id;
        JsonNode archiving = await("billing started", () -> order(billed),
                o -> "PENDING_CONFIRMATION".equals(o.path("state").asText()));
        assertAt(archiving, "PENDING_CONFIRMATION", "BACK_OFFICE", "ARCHIVE", "ARCHIVE");
        assertTrue(has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));
        long monthly = archiving.path("result").path("monthlyFeeFen").asLong();
        long first = billingFrom.getDayOfMonth() >= 16 ? monthly / 2 : monthly;
        assertEquals("the first month charged through the ledger", -first, butlerFees(account));
        post("op-sn", "/orders/" + id + "/cancel", object(), null).problem(409, "BUTLER_ALREADY_BILLING");

        // 7. archive: the back office's, kept three years after the contract ends; the order then bills the months
        confirmRefused("op-sn", id, "ARCHIVE", 403, "ROLE_NOT_ALLOWED");
        JsonNode archived = confirm("bo-sn", id, "ARCHIVE", true, "纸质及电子归档");
        LocalDate turn = YearMonth.from(billingFrom).plusMonths(1).atDay(1);
        assertEquals(archived.toString(), "SCHEDULED", archived.path("state").asText());
        assertEquals("ARCHIVED", archived.path("result").path("stage").asText());
        assertEquals(turn.toString(), archived.path("result").path("nextCharge").asText());
        assertEquals(billingFrom.plusMonths(24).plusYears(3).toString(),
                archived.path("result").path("archiveUntil").asText());

        // the month's turn: the second month is charged, once, at the standalone tariff
        moveClock(startOf(turn).plusHours(1));
        await("second month billed", () -> order(billed),
                o -> YearMonth.from(turn).toString().equals(o.path("result").path("billedThrough").asText()));
        assertEquals(List.of(-first, -monthly), butlerFees(account, other));
        long otherAccount = subscriber(other).path("accountId").asLong();

        // number change: at once
        ObjectNode move = butlerOrder("merchant-butler-number-change", desk, null);
        ((ObjectNode) move.path("params")).put("newMsisdn", other);
        assertEquals("COMPLETED", post("op-sn", "/orders", move, key()).expect(201).json().path("state").asText());
        assertTrue(has(subscriber(other), "MERCHANT_BUTLER_STANDALONE"));
        assertFalse(has(subscriber(desk), "MERCHANT_BUTLER_STANDALONE"));

        // tariff change, on the new number: taken now, effective at the next turn
        ObjectNode change = butlerOrder("merchant-butler-tariff-change", other, null);
        ((ObjectNode) change.path("params")).put("tariff", "NETWORK");
        JsonNode tariff = post("op-sn", "/orders", change, key()).expect(201).json();
        assertEquals(tariff.toString(), "SCHEDULED", tariff.path("state").asText());
        LocalDate nextTurn = turn.plusMonths(1);
        assertEquals(nextTurn.toString(), tariff.path("result").path("effectiveFrom").asText());
        long network = tariff.path("result").path("monthlyFeeFen").asLong();
        assertTrue("the network edition costs more", network > monthly);
        assertTrue("this month unchanged", has(subscriber(other), "MERCHANT_BUTLER_STANDALONE"));

        // the next turn: the new tariff on the new number, and the third month at its fee on the new number's account
        moveClock(startOf(nextTurn).plusHours(1));
        String tariffId = tariff.path("id").asText();
        await("tariff changed", () -> order(tariffId), o -> "COMPLETED".equals(o.path("state").asText()));
        await("third month billed", () -> order(billed),
                o -> YearMonth.from(nextTurn).toString().equals(o.path("result").path("billedThrough").asText()));
        assertTrue(has(subscriber(other), "MERCHANT_BUTLER_NETWORK"));
        assertEquals(List.of(-first, -monthly, -network), butlerFees(account, other));
        assertEquals(-network, butlerFees(otherAccount));

        // cancellation: the month it is asked in is billed, none after
        JsonNode cancel = post("op-sn", "/orders", butlerOrder("merchant-butler-cancellation", other, null), key())
                .expect(201).json();
        assertEquals("SCHEDULED", cancel.path("state").asText());
        LocalDate lastTurn = nextTurn.plusMonths(1);
        assertEquals(lastTurn.toString(), cancel.path("result").path("effectiveFrom").asText());
        moveClock(startOf(lastTurn).plusHours(1));
        String cancelId = cancel.path("id").asText();
        await("butler cancelled", () -> order(cancelId), o -> "COMPLETED".equals(o.path("state").asText()));
        JsonNode ended = await("billing ended", () -> order(billed), o -> "COMPLETED".equals(o.path("state").asText()));
        assertEquals(ended.toString(), "CANCELLED", ended.path("result").path("ended").asText());
        assertFalse(has(subscriber(other), "MERCHANT_BUTLER_NETWORK"));
        assertEquals("ACTIVE", subscriber(other).path("status").asText());
        moveClock(startOf(lastTurn.plusMonths(1)).plusHours(1));
        Thread.sleep(5_000); // two rounds of the scheduler: nothing is due any more
        assertEquals("one charge a month, none after the cancellation", List.of(-first, -monthly, -network),
                butlerFees(account, other));
    }
}
