package org.bizhall.shell.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.service.ProvinceParameters;

/** Completes the provinces that have halls or a configuration of their own. */
@Service
public class ProvinceCompleter implements Completer {
    @Reference(optional = true)
    HallDirectory halls;

    @Reference(optional = true)
    ProvinceParameters parameters;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        Set<String> provinces = new TreeSet<>();
        if (halls != null) {
            halls.halls().stream().map(Hall::province).forEach(provinces::add);
        }
        if (parameters != null) {
            provinces.addAll(parameters.configured());
        }
        return new StringsCompleter(provinces).complete(session, commandLine, candidates);
    }
}
