package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.ProvinceParameters;

/**
 * {@code hall:numbers}: available numbers by prefix with their prestore. Without {@code --province} it looks in every
 * province that has a hall or a configuration, since the admin belongs to none.
 */
@Service
@Command(scope = "hall", name = "numbers", description = "Lists available numbers with their prestore")
public class NumbersCommand extends HallAction {
    @Argument(index = 0, name = "prefix", required = true, description = "Leading digits, e.g. 1389180")
    String prefix;

    @Option(name = "--province", aliases = "-p", description = "Only this province's pool")
    @Completion(ProvinceCompleter.class)
    String province;

    @Option(name = "--limit", aliases = "-n", description = "How many numbers to show (1-500, default 50)")
    Integer limit;

    @Reference(optional = true)
    NumberPool pool;

    @Reference(optional = true)
    HallDirectory halls;

    @Reference(optional = true)
    ProvinceParameters provinceParameters;

    @Override
    protected void run(PrintStream out) {
        String digits = prefix == null ? "" : prefix.trim();
        if (!digits.matches("[0-9]{1,11}")) {
            throw ProblemException.badRequest("PREFIX_INVALID", "the prefix is 1 to 11 digits", "prefix");
        }
        NumberPool numbers = require(pool, "the number pool");
        int max = Page.limit(limit);
        List<PoolNumber> found = new ArrayList<>();
        long total = 0;
        for (String p : provinces()) {
            Page<PoolNumber> page = numbers.available(p, digits, null, 0, Math.max(1, max - found.size()));
            total += page.total();
            if (found.size() < max) {
                found.addAll(page.items().subList(0, Math.min(page.items().size(), max - found.size())));
            }
        }
        table(found).print(out);
        out.println(found.size() + " of " + total + " available numbers");
    }

    private Set<String> provinces() {
        Set<String> provinces = new TreeSet<>();
        if (province != null && !province.isBlank()) {
            provinces.add(province.trim().toUpperCase());
            return provinces;
        }
        if (halls != null) {
            halls.halls().stream().map(Hall::province).forEach(provinces::add);
        }
        if (provinceParameters != null) {
            provinces.addAll(provinceParameters.configured());
        }
        if (provinces.isEmpty()) {
            throw ProblemException.badRequest("PROVINCE_MISSING", "no province has halls yet; name one with --province", "province");
        }
        return provinces;
    }

    static ShellTable table(List<PoolNumber> numbers) {
        ShellTable table = new ShellTable().emptyTableText("no available numbers");
        table.column("Number");
        table.column("Province");
        table.column("Prestore (yuan)").alignRight();
        table.column("(fen)").alignRight();
        for (PoolNumber n : numbers) {
            table.addRow().addContent(n.msisdn(), n.province(), Format.yuan(n.prestoreFen()), n.prestoreFen());
        }
        return table;
    }
}
