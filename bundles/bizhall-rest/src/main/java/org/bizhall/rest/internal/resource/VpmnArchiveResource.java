package org.bizhall.rest.internal.resource;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnArchive;
import org.bizhall.api.group.VpmnGroup;
import org.bizhall.api.group.VpmnGroupService;
import org.bizhall.api.group.VpmnMember;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Transactions;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The papers each approved VPMN enrolment owes the big-customer office by the 25th (rulebook §6): managers and the
 * back office list those outstanding ({@code due}: due by that date; {@code late=true}: past due on today's business
 * date), the back office records them received. Every caller sees its own province only.
 */
@Component(service = VpmnArchiveResource.class)
@Path("vpmn-archives")
@Produces(MediaType.APPLICATION_JSON)
public class VpmnArchiveResource {
    private final VpmnGroupService groups;
    private final BusinessClock clock;
    private final Transactions transactions;

    @Activate
    public VpmnArchiveResource(@Reference VpmnGroupService groups, @Reference BusinessClock clock,
            @Reference Transactions transactions) {
        this.groups = groups;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** An archive as the API shows it: {@code late} on today's business date. */
    public record ArchiveView(String id, String orderId, String groupId, String groupNumber, String companyName,
            String province, String hall, LocalDate approvedOn, LocalDate dueOn, boolean received, boolean late,
            OffsetDateTime receivedAt, String receivedBy) {
        static ArchiveView of(VpmnArchive a, LocalDate today) {
            return new ArchiveView(a.id(), a.orderId(), a.groupId(), a.groupNumber(), a.companyName(), a.province(),
                    a.hall(), a.approvedOn(), a.dueOn(), a.received(), a.lateOn(today), a.receivedAt(),
                    a.receivedBy());
        }
    }

    @GET
        public Response archives(@QueryParam("province") String province, @QueryParam("due") String due,
            @QueryParam("late") String late, @QueryParam("offset") String offset, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        caller.requireRole(Role.MANAGER, Role.BACKOFFICE, Role.ADMIN);
        String in = Requests.province(caller, province, true);
        LocalDate dueBy = Requests.blank(due) ? null : date(due, "due");
        boolean lateOnly = flag(late, "late");
        LocalDate today = clock.today();
        return Requests.page(groups.outstandingArchives(in, dueBy, lateOnly, today, Requests.offset(offset),
                Requests.limit(limit)).map(a -> ArchiveView.of(a, today)));
    }

    @POST
    @Path("{id}/received")
    public ArchiveView received(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        caller.requireRole(Role.BACKOFFICE);
        return transactions.required(() -> {
            VpmnArchive archive = groups.archive(id).orElseThrow(
                    () -> ProblemException.notFound("VPMN_ARCHIVE_NOT_FOUND", "no VPMN archive has this id"));
            caller.requireProvince(archive.province());
            return ArchiveView.of(groups.archiveReceived(id, caller.user(), clock.now()), clock.today());
        });
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("DATE_INVALID", "the business date must be YYYY-MM-DD", field);
        }
    }

    private static boolean flag(String text, String field) {
        if (Requests.blank(text)) {
            return false;
        }
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest("QUERY_PARAM_INVALID", field + " is true or false", field);
        };
    }
}
