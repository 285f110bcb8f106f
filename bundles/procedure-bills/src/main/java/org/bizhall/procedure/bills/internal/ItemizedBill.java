package org.bizhall.procedure.bills.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bizhall.api.billing.BillingService;
import org.bizhall.api.common.Money;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.KitProcedure;
import org.bizhall.api.procedure.kit.ProcedureProvider;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * 打印清单, the itemized bill of one month (rulebook §9; seed 000 §6.10.1): every charge on the number's account that
 * belongs to the month, oldest first, with its total, as the order's result, ready to print. A billing run posts a
 * month's rent after the month has ended, so a billing charge belongs to the month it bills (the billing service keeps
 * that); any other charge to the month it was posted in (business time). Credits (payments, refunds) are not charges:
 * the bill sums them apart. A simple service: the service password may stand in for the ID (seed 003). Free.
 */
@ProcedureProvider(procedure = ItemizedBill.ID)
@Component(service = Procedure.class)
public class ItemizedBill extends KitProcedure {
    static final String ID = "itemized-bill";
    static final String MONTH = "month";

    private final SubscriberService subscribers;
    private final AccountService accounts;
    private final BillingService billing;
    private final BusinessClock clock;

    @Activate
    public ItemizedBill(@Reference SubscriberService subscribers, @Reference AccountService accounts,
            @Reference BillingService billing, @Reference BusinessClock clock) {
        this.subscribers = subscribers;
        this.accounts = accounts;
        this.billing = billing;
        this.clock = clock;
    }

    @Override
    public Quote quote(OrderContext order) {
        Subscriber subscriber = CounterRules.admit(order, subscribers);
        YearMonth month = month(order);
        order.result().put("msisdn", subscriber.msisdn());
        order.result().put(MONTH, month.toString());
        return Quote.free();
    }

    @Override
    public StepOutcome execute(OrderContext order) {
        Subscriber subscriber = CounterRules.admit(order, subscribers);
        YearMonth month = month(order);
        ZoneId zone = clock.zone();
        Map<Long, YearMonth> billed = billing.billedMonths(subscriber.accountId());
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> printout = new ArrayList<>();
        printout.add("中国移动 话费详单 Itemized bill " + subscriber.msisdn() + " " + month);
        long total = 0;
        long credits = 0;
        for (LedgerEntry e : ledger(subscriber.accountId())) {
            YearMonth belongs = billed.getOrDefault(e.id(), YearMonth.from(e.at().atZoneSameInstant(zone)));
            if (!belongs.equals(month)) {
                continue;
            }
            if (e.amountFen() >= 0) {
                credits += e.amountFen();
                continue;
            }
            long charged = -e.amountFen();
            LocalDate date = e.at().atZoneSameInstant(zone).toLocalDate();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("date", date.toString());
            line.put("kind", e.kind());
            line.put("description", e.note() == null ? e.kind() : e.note());
            line.put("amountFen", charged);
            lines.add(line);
            total += charged;
            printout.add(date + "  " + e.kind() + "  " + line.get("description") + "  " + Money.yuan(charged));
        }
        printout.add("合计 Total  " + Money.yuan(total));
        Map<String, Object> result = order.result();
        result.put("msisdn", subscriber.msisdn());
        result.put(MONTH, month.toString());
        result.put("lines", lines);
        result.put("totalFen", total);
        result.put("creditsFen", credits);
        result.put("printout", printout);
        return StepOutcome.completed();
    }

    /** Every entry of the account, oldest first, page by page. */
    private List<LedgerEntry> ledger(long accountId) {
        List<LedgerEntry> entries = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<LedgerEntry> page = accounts.ledger(accountId, offset, Page.MAX_LIMIT);
            entries.addAll(page.items());
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return entries;
            }
        }
    }

    /** The month asked for (its form is the schema's); a month that has not begun has no bill yet. */
    private YearMonth month(OrderContext order) {
        YearMonth month = YearMonth.parse(order.params().requiredText(MONTH));
        YearMonth current = YearMonth.from(order.now().atZoneSameInstant(clock.zone()));
        if (month.isAfter(current)) {
            throw ProblemException.rule("MONTH_IN_FUTURE",
                    "the month " + month + " has not begun (business month " + current + ")", "params." + MONTH);
        }
        return month;
    }
}
