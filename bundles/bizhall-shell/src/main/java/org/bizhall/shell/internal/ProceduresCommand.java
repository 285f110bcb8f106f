package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.order.ProcedureListing;
import org.bizhall.api.order.ProcedureRegistry;
import org.bizhall.api.procedure.ProcedureProperties;

/**
 * {@code hall:procedures}: every registered provider, the one in use for each procedure marked {@code *} with why
 * (pinned by {@code hall:route}, the province's best ranked provider, or the national default).
 */
@Service
@Command(scope = "hall", name = "procedures", description = "Lists procedure providers; * marks the one in use")
public class ProceduresCommand extends HallAction {
    @Option(name = "--province", aliases = "-p", description = "Only providers applicable to this province")
    @Completion(ProvinceCompleter.class)
    String province;

    @Argument(index = 0, name = "id", required = false, description = "Only this procedure")
    @Completion(ProcedureIdCompleter.class)
    String id;

    @Reference(optional = true)
    ProcedureRegistry registry;

    @Override
    protected void run(PrintStream out) {
        List<ProcedureListing> listings = require(registry, "the procedure registry").all(province == null ? null : province.trim().toUpperCase())
                .stream().filter(l -> id == null || id.equals(l.id()))
                .sorted(Comparator.comparing(ProcedureListing::id)
                        .thenComparing(l -> ProcedureProperties.NATIONAL.equals(l.province()) ? "" : l.province())
                        .thenComparing(Comparator.comparingInt(ProcedureListing::ranking).reversed()))
                .toList();
        table(listings).print(out);
    }

    /** Why the provider is in use, in the words an admin acts on: a pin, the province's own ranking, the default. */
    static String why(ProcedureListing listing) {
        if (!listing.active() || listing.chosenBy() == null) {
            return "";
        }
        return switch (listing.chosenBy()) {
            case ProcedureListing.PIN -> "pinned";
            case ProcedureListing.PROVINCE -> "province, ranking " + listing.ranking();
            case ProcedureListing.DEFAULT -> "national default";
            default -> listing.chosenBy();
        };
    }

    static ShellTable table(List<ProcedureListing> listings) {
        ShellTable table = new ShellTable().emptyTableText("no procedure providers");
        table.column("Id");
        table.column("Province");
        table.column("Provider");
        table.column("Ranking").alignRight();
        table.column("Why");
        table.column("Active");
        for (ProcedureListing l : listings) {
            table.addRow().addContent(l.id(), l.province(), l.provider(), l.ranking(), why(l), l.active() ? "*" : "");
        }
        return table;
    }
}
