package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.ProvinceParams;

/** {@code hall:province}: every parameter a province runs with; amounts in fen also shown in yuan. */
@Service
@Command(scope = "hall", name = "province", description = "Shows the parameters of a province")
public class ProvinceCommand extends HallAction {
    @Argument(index = 0, name = "province", required = true, description = "Province code, e.g. SN")
    @Completion(ProvinceCompleter.class)
    String province;

    @Reference(optional = true)
    ProvinceParameters parameters;

    @Override
    protected void run(PrintStream out) {
        if (province == null || province.isBlank()) {
            throw ProblemException.badRequest("PROVINCE_MISSING", "name a province, e.g. SN", "province");
        }
        ProvinceParameters provinces = require(parameters, "the province parameters");
        ProvinceParams params = provinces.of(province);
        boolean own = provinces.configured().contains(params.province());
        out.println("Province " + params.province() + ": "
                + (own ? "own configuration (org.bizhall.province)" : "national defaults (no configuration)"));
        table(params.asMap()).print(out);
    }

    static ShellTable table(Map<String, Object> values) {
        ShellTable table = new ShellTable();
        table.column("Parameter");
        table.column("Value").alignRight();
        table.column("Yuan").alignRight();
        values.forEach((key, value) -> table.addRow().addContent(key, value, yuanOf(key, value)));
        return table;
    }

    /** The yuan amount of a {@code …Fen} parameter; blank for other parameters or a value that is not a number. */
    static String yuanOf(String key, Object value) {
        if (!key.endsWith("Fen")) {
            return "";
        }
        try {
            return Format.yuan(Long.parseLong(value.toString().trim()));
        } catch (NumberFormatException e) {
            return "";
        }
    }
}
