package org.bizhall.procedure.vpmn.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.group.VpmnArchives;
import org.bizhall.api.group.VpmnGroup;
import org.bizhall.api.group.VpmnGroupService;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.Confirmation;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberFeatures;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 集团 VPMN (rulebook §6, seed 000 §6.7, flow chart in seed 001): a company, through a proxy, enrols member numbers in
 * its VPMN group, or changes the group it has. Each joining number is confirmed by an outbound call the counter
 * records ({@code MEMBER_CALL}, one per number; a refusal drops the number); then the big-customer office assigns the
 * group number and approves; then the group is stored, the members get the VPMN discount ({@link
 * SubscriberFeatures#VPMN}) and the enrolment's archive is due at the office by the 25th.
 */
@ProcedureProvider(procedure = "vpmn-enrolment", province = "*")
@Component(service = Procedure.class)
public class VpmnEnrolment extends KitProcedure {
    static final String MEMBER_CALL = "MEMBER_CALL";
    static final String OFFICE = "BIG_CUSTOMER_OFFICE";

    /** Result keys: what the order keeps between its steps, and shows. */
    static final String MODE = "mode";
    static final String STAGE = "stage";
    static final String JOIN = "join";
    static final String LEAVE = "leave";
    static final String CALLS = "calls";
    static final String GROUP_ID = "groupId";
    static final String GROUP_NUMBER = "groupNumber";
    static final String JOINED = "joined";
    static final String LEFT = "left";
    static final String ARCHIVE_DUE = "archiveDue";
    static final String DROPPED = "droppedAtApproval";

    static final String CREATE = "CREATE";
    static final String CHANGE = "CHANGE";
    static final String CONFIRMED = "CONFIRMED";
    static final String REFUSED = "REFUSED";

    private static final Pattern GROUP_NUMBER_FORM = Pattern.compile("[0-9A-Za-z-]{1,32}");

    private final SubscriberService subscribers;
    private final VpmnGroupService groups;

    @Activate
    public VpmnEnrolment(@Reference SubscriberService subscribers, @Reference VpmnGroupService groups) {
        this.subscribers = subscribers;
        this.groups = groups;
    }

    @Override
    public Quote quote(OrderContext order) {
        Customer company = company(order);
        if (order.msisdn().isEmpty()) {
            throw ProblemException.badRequest("MSISDN_MISSING", "msisdn is the company contact's number", "msisdn");
        }
        if (order.party(PartyRole.CONTACT).isEmpty()) {
            throw ProblemException.rule("CONTACT_REQUIRED",
                    "the company's contact is a CONTACT party with the contact's ID", "parties");
        }
        List<String> join = order.params().texts("members");
        List<String> leave = order.params().texts("leave");
        for (int i = 0; i < leave.size(); i++) {
            if (join.contains(leave.get(i))) {
                throw ProblemException.rule("VPMN_MEMBER_JOINS_AND_LEAVES",
                        "a number cannot join and leave in one order", "params.leave[" + i + "]");
            }
        }
        Optional<VpmnGroup> existing = groups.byCreditCode(order.province(), company.idNumber());
        if (existing.isEmpty()) {
            if (join.isEmpty()) {
                throw ProblemException.rule("VPMN_MEMBERS_REQUIRED",
                        "a new VPMN group needs at least one member number", "params.members");
            }
            if (!leave.isEmpty()) {
                throw ProblemException.rule("VPMN_NOT_MEMBER",
                        "the company has no VPMN group its numbers could leave", "params.leave[0]");
            }
        } else {
            VpmnGroup group = existing.get();
            if (join.isEmpty() && leave.isEmpty()) {
                throw ProblemException.rule("VPMN_NO_CHANGE",
                        "the company has a VPMN group: name the members that join or leave", "params.members");
            }
            for (int i = 0; i < join.size(); i++) {
                if (group.hasMember(join.get(i))) {
                    throw ProblemException.rule("VPMN_ALREADY_MEMBER",
                            join.get(i) + " is already a member of the company's group", "params.members[" + i + "]");
                }
            }
            for (int i = 0; i < leave.size(); i++) {
                if (!group.hasMember(leave.get(i))) {
                    throw ProblemException.rule("VPMN_NOT_MEMBER",
                            leave.get(i) + " is not a member of the company's group", "params.leave[" + i + "]");
                }
            }
            order.result().put(GROUP_ID, group.id());
            order.result().put(GROUP_NUMBER, group.groupNumber());
        }
        for (int i = 0; i < join.size(); i++) {
            eligible(order, join.get(i), "params.members[" + i + "]", existing.map(VpmnGroup::id).orElse(null));
        }
        order.result().put(MODE, existing.isPresent() ? CHANGE : CREATE);
        order.result().put(JOIN, new ArrayList<>(join));
        order.result().put(LEAVE, new ArrayList<>(leave));
        order.result().put(CALLS, new LinkedHashMap<String, Object>());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        if (texts(order, JOIN).isEmpty()) {
            return toOffice(order);
        }
        order.result().put(STAGE, Awaiting.MEMBER_CALLS.name());
        return StepOutcome.awaitingConfirmation(Awaiting.MEMBER_CALLS,
                "call every member number: " + texts(order, JOIN).size() + " to confirm");
    }

    @Override
    public StepOutcome confirm(OrderContext order, Confirmation confirmation) {
        return switch (confirmation.step()) {
            case MEMBER_CALL -> memberCall(order, confirmation);
            case OFFICE -> office(order, confirmation);
            default -> throw ProblemException.conflict("CONFIRMATION_NOT_AWAITED",
                    "a VPMN enrolment awaits MEMBER_CALL and BIG_CUSTOMER_OFFICE confirmations only");
        };
    }

    /** Rulebook §6: the operator calls every member number and records its answer before the number joins. */
    private StepOutcome memberCall(OrderContext order, Confirmation call) {
        Role role = order.caller().role();
        if (role != Role.OPERATOR && role != Role.MANAGER) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "member calls are made and recorded at the counter");
        }
        if (!Awaiting.MEMBER_CALLS.name().equals(order.result().get(STAGE))) {
            throw ProblemException.conflict("CONFIRMATION_NOT_AWAITED", "the member calls have all been recorded");
        }
        if (call.msisdn() == null) {
            throw ProblemException.badRequest("MSISDN_MISSING", "a member call names the number called", "msisdn");
        }
        String msisdn = Msisdn.parse(call.msisdn(), "msisdn").value();
        List<String> join = texts(order, JOIN);
        if (!join.contains(msisdn)) {
            throw ProblemException.rule("VPMN_MEMBER_NOT_IN_ORDER", "the number called is not a member of this order",
                    "msisdn");
        }
        Map<String, Object> calls = calls(order);
        if (calls.containsKey(msisdn)) {
            throw ProblemException.conflict("MEMBER_CALL_RECORDED", "this member's call has been recorded");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("answer", call.approved() ? CONFIRMED : REFUSED);
        answer.put("by", order.caller().user());
        answer.put("at", order.now().toString());
        calls.put(msisdn, answer);
        order.result().put(CALLS, calls);
        if (calls.size() < join.size()) {
            return StepOutcome.awaitingConfirmation(Awaiting.MEMBER_CALLS,
                    (join.size() - calls.size()) + " member calls to record");
        }
        if (confirmed(order).isEmpty() && texts(order, LEAVE).isEmpty()) {
            order.result().remove(STAGE);
            return StepOutcome.rejected("no member number confirmed the enrolment");
        }
        return toOffice(order);
    }

    /** The big-customer office assigns the group number (a new group) and approves; then the group is changed. */
    private StepOutcome office(OrderContext order, Confirmation decision) {
        if (!Awaiting.BACK_OFFICE.name().equals(order.result().get(STAGE))) {
            throw ProblemException.conflict("CONFIRMATION_NOT_AWAITED",
                    "the member calls come first; the office confirms once all are recorded");
        }
        if (!decision.approved()) {
            order.result().remove(STAGE);
            return StepOutcome.rejected("the big-customer office declined"
                    + (decision.note() == null ? "" : ": " + decision.note()));
        }
        Customer company = order.customer();
        Optional<VpmnGroup> existing = groups.byCreditCode(order.province(), company.idNumber());
        String groupNumber = decision.reference();
        if (existing.isEmpty()) {
            if (groupNumber == null || groupNumber.isBlank()) {
                throw ProblemException.badRequest("GROUP_NUMBER_MISSING",
                        "the office assigns the new group's number in reference", "reference");
            }
            if (!GROUP_NUMBER_FORM.matcher(groupNumber).matches()) {
                throw ProblemException.badRequest("GROUP_NUMBER_INVALID",
                        "a group number is 1 to 32 letters, digits or '-'", "reference");
            }
        } else if (groupNumber != null && !groupNumber.equals(existing.get().groupNumber())) {
            throw ProblemException.rule("VPMN_GROUP_NUMBER_MISMATCH",
                    "the company's group has another number; a change keeps it", "reference");
        } else {
            groupNumber = existing.get().groupNumber();
        }
        Set<String> join = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        for (String member : confirmed(order)) {
            // a number that left service (or the province) while the order waited does not join
            Subscriber now = subscribers.find(new Msisdn(member)).orElse(null);
            if (now != null && now.status() == SubscriberStatus.ACTIVE && now.province().equals(order.province())) {
                join.add(member);
            } else {
                dropped.add(member);
            }
        }
        Set<String> leave = new LinkedHashSet<>(texts(order, LEAVE));
        if (join.isEmpty() && leave.isEmpty()) {
            order.result().remove(STAGE);
            order.result().put(DROPPED, dropped);
            return StepOutcome.rejected("no confirmed member is in service any more");
        }
        LocalDate approvedOn = order.now().toLocalDate();
        VpmnGroup group = groups.apply(new org.bizhall.api.group.VpmnEnrolment(order.orderId(), order.province(),
                order.hall().id(), company.name(), company.idNumber(), order.msisdn().orElseThrow().value(),
                groupNumber, join, leave, approvedOn), order.caller().user(), order.now());
        for (String member : join) {
            subscribers.changeFeatures(new Msisdn(member), Set.of(SubscriberFeatures.VPMN), Set.of(), order.orderId());
        }
        for (String member : leave) {
            subscribers.changeFeatures(new Msisdn(member), Set.of(), Set.of(SubscriberFeatures.VPMN), order.orderId());
        }
        order.result().remove(STAGE);
        order.result().put(GROUP_ID, group.id());
        order.result().put(GROUP_NUMBER, group.groupNumber());
        order.result().put(JOINED, new ArrayList<>(join));
        order.result().put(LEFT, new ArrayList<>(leave));
        if (!dropped.isEmpty()) {
            order.result().put(DROPPED, dropped);
        }
        order.result().put(ARCHIVE_DUE, VpmnArchives.dueOn(approvedOn).toString());
        return StepOutcome.completed();
    }

    private StepOutcome toOffice(OrderContext order) {
        order.result().put(STAGE, Awaiting.BACK_OFFICE.name());
        return StepOutcome.awaitingConfirmation(Awaiting.BACK_OFFICE,
                "the big-customer office assigns the group number and approves");
    }

    /** The customer is a company (rulebook §6: a group customer), through a proxy. */
    private static Customer company(OrderContext order) {
        Customer customer = order.customer();
        if (customer == null) {
            throw ProblemException.badRequest("CUSTOMER_MISSING", "the company is the customer", "customer");
        }
        if (customer.type() != CustomerType.CORPORATE) {
            throw ProblemException.rule("CORPORATE_CUSTOMER_REQUIRED",
                    "a VPMN group is a company's; a personal customer cannot enrol one", "customer.type");
        }
        requireProxyForCompany(order, customer.type());
        return customer;
    }

    /** Rulebook §6: a member is a number of the caller's province, in service, in no other group. */
    private void eligible(OrderContext order, String msisdn, String field, String ownGroupId) {
        Subscriber subscriber = subscribers.find(new Msisdn(msisdn)).orElse(null);
        if (subscriber == null || !subscriber.province().equals(order.province())) {
            throw ProblemException.rule("VPMN_MEMBER_NOT_ELIGIBLE",
                    msisdn + " is not a subscriber of this province", field);
        }
        if (subscriber.status() != SubscriberStatus.ACTIVE) {
            throw ProblemException.rule("VPMN_MEMBER_NOT_ELIGIBLE", msisdn + " is not in service (ACTIVE)", field);
        }
        Optional<VpmnGroup> other = groups.byMember(msisdn);
        if (other.isPresent() && !other.get().id().equals(ownGroupId)) {
            throw ProblemException.rule("VPMN_MEMBER_IN_OTHER_GROUP",
                    msisdn + " is a member of another VPMN group", field);
        }
    }

    /** The joining numbers whose call confirmed, in the order's sequence. */
    private static List<String> confirmed(OrderContext order) {
        Map<String, Object> calls = calls(order);
        return texts(order, JOIN).stream().filter(m -> calls.get(m) instanceof Map<?, ?> answer
                && CONFIRMED.equals(answer.get("answer"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> calls(OrderContext order) {
        Object calls = order.result().get(CALLS);
        return calls instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    }

    private static List<String> texts(OrderContext order, String key) {
        Object value = order.result().get(key);
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }
}
