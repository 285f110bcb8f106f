package org.bizhall.shell.internal;

import java.io.PrintStream;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.group.VpmnGroup;
import org.bizhall.api.group.VpmnGroupService;
import org.bizhall.api.group.VpmnMember;
import org.bizhall.api.hall.Caller;

/**
 * {@code hall:vpmn-groups}: the VPMN groups of a province (the user's own; an admin names one) with their member
 * counts, or with {@code ID} one group and its members.
 */
@Service
@Command(scope = "hall", name = "vpmn-groups", description = "Lists the VPMN groups of a province, or shows one with its members")
public class VpmnGroupsCommand extends HallAction {
    @Argument(index = 0, name = "id", required = false, description = "A group's id: show it with its members")
    String id;

    @Option(name = "--province", aliases = "-p", description = "Province code (an admin names one; staff see their own)")
    @org.apache.karaf.shell.api.action.Completion(ProvinceCompleter.class)
    String province;

    @Option(name = "--member", aliases = "-m", description = "Only the group this number is a member of")
    String member;

    @Option(name = "--limit", aliases = "-n", description = "How many groups to show (1-500, default 50)")
    Integer limit;

    @Reference(optional = true)
    VpmnGroupService groups;

    @Override
    protected void run(PrintStream out) {
        VpmnGroupService service = require(groups, "the VPMN group store");
        Caller caller = caller();
        if (id != null) {
            VpmnGroup group = service.find(id.trim()).orElseThrow(
                    () -> ProblemException.notFound("VPMN_GROUP_NOT_FOUND", "no VPMN group has this id"));
            caller.requireProvince(group.province());
            out.println("Group " + group.groupNumber() + "  " + group.companyName() + "  (" + group.creditCode() + ")");
            out.println("Province " + group.province() + ", hall " + group.hall() + ", contact " + group.contactMsisdn()
                    + ", since " + Format.time(group.createdAt()));
            ShellTable table = new ShellTable().emptyTableText("no members");
            table.column("Member");
            table.column("Joined");
            table.column("Order");
            for (VpmnMember m : group.members()) {
                table.addRow().addContent(m.msisdn(), Format.time(m.joinedAt()), m.orderId());
            }
            table.print(out);
            out.println(group.members().size() + " members");
            return;
        }
        String in = province(caller, province);
        String number = member == null || member.isBlank() ? null : Msisdn.parse(member.trim(), "member").value();
        Page<VpmnGroup> page = service.list(in, null, number, 0, Page.limit(limit));
        ShellTable table = new ShellTable().emptyTableText("no VPMN groups");
        for (String column : new String[] {"Id", "Group number", "Company", "Contact", "Members", "Updated"}) {
            table.column(column);
        }
        for (VpmnGroup g : page.items()) {
            table.addRow().addContent(g.id(), g.groupNumber(), g.companyName(), g.contactMsisdn(), g.members().size(),
                    Format.time(g.updatedAt()));
        }
        table.print(out);
        out.println(page.items().size() + " of " + page.total() + " VPMN groups in " + in);
    }

    /** The user's own province, or the one an admin names (staff naming another: 403 OTHER_PROVINCE). */
    static String province(Caller caller, String asked) {
        String named = asked == null || asked.isBlank() ? null : asked.trim().toUpperCase(Locale.ROOT);
        if (named == null) {
            if (caller.isAdmin()) {
                throw ProblemException.badRequest("PROVINCE_REQUIRED", "an admin names the province (--province)",
                        "province");
            }
            return caller.province();
        }
        caller.requireProvince(named);
        return named;
    }
}
