package org.bizhall.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.platform.schedule.Job;
import org.bizhall.platform.schedule.Jobs;

/** {@code hall:job-stop ID}: stops a waiting job at once, a running one after the page it is on. */
@Service
@Command(scope = "hall", name = "job-stop", description = "Stops a job: a waiting one at once, a running one after its current page")
public class JobStopCommand extends HallAction {
    @Argument(index = 0, name = "id", required = true, description = "The job id (hall:jobs)")
    long id;

    @Reference(optional = true)
    Jobs jobs;

    @Override
    protected void run(PrintStream out) {
        Job job = require(jobs, "the scheduler").stop(userName(), id);
        out.println("Job " + job.id() + " " + job.kind() + " " + job.key() + ": " + job.state()
                + (job.stopRequested() ? ", stop requested" : ""));
    }
}
