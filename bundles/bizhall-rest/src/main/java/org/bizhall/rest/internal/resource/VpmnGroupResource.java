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
 * VPMN groups and their members, as the platform keeps them (rulebook §6), read by counter and office staff of the
 * group's province (an admin names the province). Groups change through {@code vpmn-enrolment} orders, never here.
 */
@Component(service = VpmnGroupResource.class)
@Path("vpmn-groups")
@Produces(MediaType.APPLICATION_JSON)
public class VpmnGroupResource {
    private final VpmnGroupService groups;

    @Activate
    public VpmnGroupResource(@Reference VpmnGroupService groups) {
        this.groups = groups;
    }

    /** A group as the API shows it. */
    public record GroupView(String id, String groupNumber, String province, String hall, String companyName,
            String creditCode, String contactMsisdn, OffsetDateTime createdAt, OffsetDateTime updatedAt,
            int memberCount, List<VpmnMember> members) {
        static GroupView of(VpmnGroup g) {
            return new GroupView(g.id(), g.groupNumber(), g.province(), g.hall(), g.companyName(), g.creditCode(),
                    g.contactMsisdn(), g.createdAt(), g.updatedAt(), g.members().size(), g.members());
        }
    }

    @GET
    public Response groups(@QueryParam("province") String province, @QueryParam("creditCode") String creditCode,
            @QueryParam("member") String member, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        String in = Requests.province(caller, province, true);
        String number = Requests.blank(member) ? null : Msisdn.parse(member.trim(), "member").value();
        String code = Requests.blank(creditCode) ? null : creditCode.trim().toUpperCase(java.util.Locale.ROOT);
        if (code != null && !code.matches("[0-9A-Z]{1,64}")) {
            throw ProblemException.badRequest("QUERY_PARAM_INVALID", "creditCode is a unified social credit code",
                    "creditCode");
        }
        return Requests.page(groups.list(in, code, number, Requests.offset(offset), Requests.limit(limit))
                .map(GroupView::of));
    }

    @GET
    @Path("{id}")
    public GroupView group(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.of(security);
        VpmnGroup group = groups.find(id).orElseThrow(
                () -> ProblemException.notFound("VPMN_GROUP_NOT_FOUND", "no VPMN group has this id"));
        caller.requireProvince(group.province());
        return GroupView.of(group);
    }

}
