package org.bizhall.rest.internal.resource;

import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
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
import javax.ws.rs.core.UriInfo;

import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.Jobs;
import org.bizhall.rest.internal.auth.Callers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The scheduler's jobs (admin only): the list, one job with its progress, starting a recurring run now
 * ({@code 202 Accepted}: whichever node claims it first runs it; its {@code Location} shows how far it got), and
 * stopping one between two pages.
 */
@Component(service = AdminJobResource.class)
@Path("admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class AdminJobResource {
    /**
     * Dynamic and optional: the scheduler may be stopped or replaced at runtime, and the whole API (one application)
     * must not go with it; meanwhile this resource answers 503 {@code SERVICE_UNAVAILABLE}.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Jobs jobs;

    /** The body of {@code POST /admin/jobs}: the kind to start and, optionally, which occurrence. */
    public record StartRequest(String kind, String key) {
    }

    /** For the component runtime, which sets the reference. */
    public AdminJobResource() {
    }

    /** With the service given, as tests build it. */
    public AdminJobResource(Jobs jobs) {
        this.jobs = jobs;
    }

    private Jobs jobs() {
        return Running.required(jobs, "the scheduler");
    }

    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context SecurityContext security) {
        admin(security);
        List<JobState> states = new ArrayList<>();
        if (!Requests.blank(state)) {
            for (String one : state.split(",")) {
                states.add(Requests.choice(one, JobState.class, "state"));
            }
        }
        return Requests.page(jobs().list(states, Requests.offset(offset), Requests.limit(limit)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        Caller caller = admin(security);
        StartRequest body = OrderResource.require(request);
        if (Requests.blank(body.kind())) {
            throw ProblemException.badRequest("JOB_KIND_MISSING", "kind is required, one of " + jobs().startableKinds(),
                    "kind");
        }
        Job job = jobs().start(caller.user(), body.kind().trim(), Requests.text(body.key()));
        return Response.accepted(job).header("Location", Requests.location(uri, "admin", "jobs",
                Long.toString(job.id()))).build();
    }

    @GET
    @Path("{id}")
    public Job get(@PathParam("id") String id, @Context SecurityContext security) {
        admin(security);
        return jobs().find(id(id)).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("{id}/stop")
    public Job stop(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = admin(security);
        return jobs().stop(caller.user(), id(id));
    }

    private static Caller admin(SecurityContext security) {
        Caller caller = Callers.of(security);
        caller.requireRole(Role.ADMIN);
        return caller;
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw notFound(text);
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("JOB_NOT_FOUND", "no job " + id);
    }
}
