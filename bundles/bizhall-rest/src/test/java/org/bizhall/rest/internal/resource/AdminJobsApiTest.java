package org.bizhall.rest.internal.resource;

import static org.bizhall.rest.internal.resource.InProcessApi.assertProblem;
import static org.bizhall.rest.internal.resource.InProcessApi.json;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.Jobs;
import org.bizhall.testing.InMemoryJobStore;
import org.bizhall.testing.SettableClock;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Issue 9 item 5: admins start a run over HTTP (202 + the job's Location), follow and stop it; nobody else may. */
public class AdminJobsApiTest {
    private final SettableClock clock = Fakes.clock();
    private final InMemoryJobStore store = new InMemoryJobStore(clock);
    /** The scheduler as the resource sees it: one startable run, jobs in the shared in-memory store. */
    private final Jobs jobs = new Jobs() {
        @Override
        public Set<String> startableKinds() {
            return Set.of("PRINT_PURGE");
        }

        @Override
        public Job start(String user, String kind, String key) {
            if (!startableKinds().contains(kind)) {
                throw ProblemException.badRequest("JOB_KIND_UNKNOWN", "not startable", "kind");
            }
            return store.trigger(kind, key == null ? clock.today().toString() : key);
        }

        @Override
        public Optional<Job> find(long id) {
            return store.find(id);
        }

        @Override
        public Page<Job> list(Collection<JobState> states, int offset, int limit) {
            return store.list(states, offset, limit);
        }

        @Override
        public Job stop(String user, long id) {
            if (store.find(id).isEmpty()) {
                throw ProblemException.notFound("JOB_NOT_FOUND", "no job");
            }
            if (!store.requestStop(id)) {
                throw ProblemException.conflict("JOB_ENDED", "ended");
            }
            return store.find(id).orElseThrow();
        }
    };
    private InProcessApi api;

    @Before
    public void start() {
        api = new InProcessApi("local://bizhall-jobs", new Fakes.Halls(), List.of(new AdminJobResource(jobs)));
    }

    @After
    public void stop() {
        api.close();
    }

    @Test
    public void aStartedRunAnswers202WithTheLocationOfItsJob() throws Exception {
        Response accepted = api.client("admin").path("admin/jobs").type("application/json")
                .post("{\"kind\":\"PRINT_PURGE\"}");
        assertEquals(202, accepted.getStatus());
        JsonNode job = json(accepted);
        assertEquals("WAITING", job.get("state").asText());
        String location = accepted.getHeaderString("Location");
        assertTrue(location, location.endsWith("/admin/jobs/" + job.get("id").asLong()));

        JsonNode seen = json(api.client("admin").path("admin/jobs/" + job.get("id").asLong()).get());
        assertEquals("PRINT_PURGE", seen.get("kind").asText());
        assertEquals(clock.today().toString(), seen.get("key").asText());
        Response list = api.client("admin").path("admin/jobs").query("state", "WAITING").get();
        assertEquals("1", list.getHeaderString("X-Total-Count"));

        Response stopped = api.client("admin").path("admin/jobs/" + job.get("id").asLong() + "/stop").post(null);
        assertEquals(200, stopped.getStatus());
        assertEquals("STOPPED", json(stopped).get("state").asText());
        assertProblem(api.client("admin").path("admin/jobs/" + job.get("id").asLong() + "/stop").post(null), 409,
                "JOB_ENDED");
    }

    @Test
    public void badStartsAreRefusedAndChangeNothing() throws Exception {
        assertProblem(api.client("admin").path("admin/jobs").type("application/json").post("{}"), 400,
                "JOB_KIND_MISSING");
        assertProblem(api.client("admin").path("admin/jobs").type("application/json").post("{\"kind\":\"ORDER_DATE\"}"),
                400, "JOB_KIND_UNKNOWN");
        assertProblem(api.client("op-sn").path("admin/jobs").type("application/json").post("{\"kind\":\"PRINT_PURGE\"}"),
                403, "ROLE_NOT_ALLOWED");
        assertProblem(api.client("op-sn").path("admin/jobs").get(), 403, "ROLE_NOT_ALLOWED");
        assertProblem(api.client(null).path("admin/jobs").get(), 401, "UNAUTHENTICATED");
        assertProblem(api.client("admin").path("admin/jobs/abc").get(), 404, "JOB_NOT_FOUND");
        assertProblem(api.client("admin").path("admin/jobs/42").get(), 404, "JOB_NOT_FOUND");
        assertProblem(api.client("admin").path("admin/jobs").query("state", "SLEEPING").get(), 400, "QUERY_PARAM_INVALID");
        assertEquals(List.of(), store.all());
    }
}
