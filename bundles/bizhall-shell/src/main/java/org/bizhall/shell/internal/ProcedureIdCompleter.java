package org.bizhall.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ProcedureRegistry;

/** Completes the ids of the procedures installed now. */
@Service
public class ProcedureIdCompleter implements Completer {
    @Reference(optional = true)
    ProcedureRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (registry == null) {
            return -1;
        }
        StringsCompleter ids = new StringsCompleter(registry.all(null).stream().map(ProcedureListing::id).distinct().toList());
        return ids.complete(session, commandLine, candidates);
    }
}
