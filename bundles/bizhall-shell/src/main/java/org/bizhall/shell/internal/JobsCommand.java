package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.JobState;
import org.bizhall.platform.schedule.Jobs;

/**
 * {@code hall:jobs}: the scheduler's jobs, or with {@code --run KIND} a recurring run started now and followed on one
 * updating line until it ends; Ctrl-C stops the run after the page it is on (what it did stays done).
 */
@Service
@Command(scope = "hall", name = "jobs", description = "Lists the scheduler's jobs; --run KIND starts a recurring run now and follows it (Ctrl-C stops it)")
public class JobsCommand extends HallAction {
    /** How often a followed run is looked at. */
    static final long FOLLOW_MILLIS = 500;

    @Option(name = "--state", aliases = "-s", description = "Only jobs in this state: WAITING, RUNNING, DONE, FAILED, STOPPED")
    String state;

    @Option(name = "--limit", aliases = "-n", description = "How many jobs to show (1-500, default 50)")
    Integer limit;

    @Option(name = "--run", aliases = "-r", description = "Start this run now: BILLING_RUN, COLLECTION_RUN, IDEMPOTENCY_PURGE, PRINT_PURGE")
    String run;

    @Option(name = "--key", aliases = "-k", description = "With --run: which occurrence (YYYY-MM for a billing run, YYYY-MM-DD for a daily run); default the latest due")
    String key;

    @Option(name = "--detach", aliases = "-d", description = "With --run: start the run and return at once")
    boolean detach;

    @Reference(optional = true)
    Jobs jobs;

    @Override
    protected void run(PrintStream out) {
        Jobs scheduler = require(jobs, "the scheduler");
        if (run != null) {
            Job job = scheduler.start(userName(), run.trim().toUpperCase(Locale.ROOT), key);
            out.println("Started job " + job.id() + " " + job.kind() + " " + job.key());
            if (!detach) {
                follow(scheduler, job.id(), out);
            }
            return;
        }
        Page<Job> page = scheduler.list(states(), 0, Page.limit(limit));
        ShellTable table = new ShellTable().emptyTableText("no jobs");
        for (String column : List.of("Id", "Kind", "Key", "State", "Due", "Node", "Attempts", "Progress", "Result")) {
            table.column(column);
        }
        for (Job j : page.items()) {
            table.addRow().addContent(j.id(), j.kind(), j.key(), j.state(), Format.time(j.dueAt()),
                    Format.text(j.claimedBy()), j.attempts(), progress(j),
                    Format.text(j.result() != null ? j.result() : j.lastError()));
        }
        table.print(out);
        out.println(page.items().size() + " of " + page.total() + " jobs");
    }

    /**
     * Shows the run's progress on one line, rewritten in place, until it ends. Ctrl-C interrupts this thread: the run
     * is asked to stop, and the line keeps showing it until it has.
     */
    void follow(Jobs scheduler, long id, PrintStream out) {
        boolean stopAsked = false;
        Job job = scheduler.find(id).orElseThrow();
        while (!ended(job.state())) {
            out.print("\r" + line(job) + "   ");
            out.flush();
            try {
                Thread.sleep(FOLLOW_MILLIS);
            } catch (InterruptedException ctrlC) {
                if (!stopAsked) {
                    stopAsked = true;
                    try {
                        scheduler.stop(userName(), id);
                    } catch (ProblemException ended) {
                        // it ended meanwhile
                    }
                    out.print("\r" + line(job) + " - stopping after this page");
                    out.flush();
                }
            }
            job = scheduler.find(id).orElseThrow();
        }
        out.println("\r" + line(job) + "   ");
        out.println(job.state() + ": " + Format.text(job.result() != null ? job.result() : job.lastError()));
    }

    static String line(Job j) {
        return j.kind() + " " + j.key() + " " + j.state() + " " + progress(j);
    }

    static String progress(Job j) {
        if (j.total() <= 0) {
            return j.processed() > 0 ? Long.toString(j.processed()) : "-";
        }
        return j.processed() + "/" + j.total() + " (" + (j.processed() * 100 / j.total()) + "%)";
    }

    private static boolean ended(JobState state) {
        return state == JobState.DONE || state == JobState.FAILED || state == JobState.STOPPED;
    }

    private List<JobState> states() {
        List<JobState> states = new ArrayList<>();
        if (state != null && !state.isBlank()) {
            for (String one : state.split(",")) {
                try {
                    states.add(JobState.valueOf(one.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("STATE_INVALID",
                            "state must be one of " + Arrays.toString(JobState.values()), "state");
                }
            }
        }
        return states;
    }
}
