package org.bizhall.shell.internal;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.bizhall.api.order.OrderState;

/** Completes order states. */
@Service
public class OrderStateCompleter implements Completer {
    private final StringsCompleter states =
            new StringsCompleter(Arrays.stream(OrderState.values()).map(OrderState::name).toList());

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return states.complete(session, commandLine, candidates);
    }
}
