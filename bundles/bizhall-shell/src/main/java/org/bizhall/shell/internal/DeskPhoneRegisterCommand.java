package org.bizhall.shell.internal;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.bizhall.api.counter.DeskPhoneService;
import org.bizhall.api.counter.TerminalRegistration;

/**
 * {@code hall:desk-phone-register ID MANUFACTURER TYPE MODEL MSISDN}: registers a TD desk phone with the
 * terminal-management port (the install-and-test step of a merchant-butler opening) and prints the port's answer.
 */
@Service
@Command(scope = "hall", name = "desk-phone-register",
        description = "Registers a TD desk phone with the terminal-management port through its driver")
public class DeskPhoneRegisterCommand extends HallAction {
    @Argument(index = 0, name = "id", required = true, description = "The desk phone's device id (see hall:devices)")
    @Completion(DeviceIdCompleter.class)
    String id;

    @Argument(index = 1, name = "manufacturer", required = true, description = "The manufacturer id")
    String manufacturer;

    @Argument(index = 2, name = "terminalType", required = true, description = "The terminal type")
    String terminalType;

    @Argument(index = 3, name = "model", required = true, description = "The model")
    String model;

    @Argument(index = 4, name = "msisdn", required = true, description = "The desk phone's number")
    String msisdn;

    @Reference(optional = true)
    DeskPhoneService phones;

    @Override
    protected void run(PrintStream out) {
        out.println(line(require(phones, "desk-phone registration").register(caller(), id, manufacturer, terminalType,
                model, msisdn)));
    }

    static String line(TerminalRegistration r) {
        return r.device() + " (" + r.hall() + ") " + r.manufacturer() + "/" + r.terminalType() + "/" + r.model() + " "
                + r.msisdn() + ": " + (r.accepted() ? "ACCEPTED" : "REFUSED") + " by the terminal-management port";
    }
}
