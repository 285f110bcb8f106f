package org.bizhall.billing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bizhall.api.billing.DayClose;
import org.bizhall.api.billing.OperatorTotals;
import org.bizhall.api.billing.SettledReceipt;
import org.bizhall.api.billing.Settlement;
import org.bizhall.api.billing.SettlementService;
import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.Receipt;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.billing.BillingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Daily settlement (营业厅日结, rulebook §14): per operator and payment method, the totals of the receipts of that
 * business date, so they match the receipts by construction. Closing records the system's cash total, the cash the
 * manager counted and the difference as found. A closed day takes no receipt: numbering moves later payments to the
 * next open business day under the same hall lock that closing takes.
 */
@Component(service = SettlementService.class)
public class SettlementServiceImpl implements SettlementService {
    static final String CASH = "CASH";

    private final BillingStore store;
    private final HallDirectory halls;
    private final BusinessClock clock;
    private final Transactions transactions;
    private final AuditLog audit;

    @Activate
    public SettlementServiceImpl(@Reference BillingStore store, @Reference HallDirectory halls,
            @Reference BusinessClock clock, @Reference Transactions transactions, @Reference AuditLog audit) {
        this.store = store;
        this.halls = halls;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
    }

    @Override
    public Settlement get(Caller caller, String hall, LocalDate date) {
        Hall h = visibleHall(caller, hall);
        requireNotFuture(date);
        return settlement(h.id(), date, store.receipts(h.id(), date), store.dayClose(h.id(), date));
    }

    @Override
    public Settlement close(Caller caller, String hall, LocalDate date, Long countedCashFen) {
        Hall h = visibleHall(caller, hall);
        // who may close is decided before anything else: an operator asking to close or reopen a day is 403
        caller.requireRole(Role.MANAGER, Role.ADMIN);
        requireNotFuture(date);
        long counted = Money.requireAmount(countedCashFen, "countedCashFen");
        return transactions.required(() -> {
            store.lockHall(h.id());
            if (store.dayClose(h.id(), date).isPresent()) {
                throw ProblemException.conflict("DAY_ALREADY_CLOSED", "the day " + date + " of hall " + h.id()
                        + " is closed; a closed day is never reopened");
            }
            List<Receipt> receipts = store.receipts(h.id(), date);
            Settlement open = settlement(h.id(), date, receipts, Optional.empty());
            DayClose closed = store.insertDayClose(new DayClose(h.id(), date, open.totalFen(), open.cashFen(), counted,
                    counted - open.cashFen(), caller.user(), clock.now()));
            audit.record(caller.user(), "DAY_CLOSED", null, h.id() + " " + date, closed.differenceFen(),
                    "total " + open.totalFen() + ", cash " + open.cashFen() + ", counted " + counted + ", difference "
                            + closed.differenceFen() + ", receipts " + receipts.size());
            return settlement(h.id(), date, receipts, Optional.of(closed));
        });
    }

    static Settlement settlement(String hall, LocalDate date, List<Receipt> receipts, Optional<DayClose> closed) {
        Map<String, Map<String, Long>> byOperator = new TreeMap<>();
        List<SettledReceipt> listed = new ArrayList<>();
        long total = 0;
        long cash = 0;
        for (Receipt r : receipts) {
            String operator = r.operator() == null ? "-" : r.operator();
            String method = r.method() == null ? "-" : r.method();
            byOperator.computeIfAbsent(operator, o -> new TreeMap<>()).merge(method, r.totalFen(), Long::sum);
            total += r.totalFen();
            if (CASH.equals(method)) {
                cash += r.totalFen();
            }
            listed.add(new SettledReceipt(r.number(), operator, method, r.totalFen(), r.issuedAt(), r.orderId(),
                    r.msisdn()));
        }
        List<OperatorTotals> operators = new ArrayList<>();
        byOperator.forEach((operator, methods) -> operators.add(new OperatorTotals(operator, methods,
                methods.values().stream().mapToLong(Long::longValue).sum())));
        return new Settlement(hall, date.toString(), closed.isPresent(), total, operators, listed, cash,
                closed.map(DayClose::countedCashFen).orElse(null), closed.map(DayClose::differenceFen).orElse(null),
                closed.map(DayClose::closedBy).orElse(null), closed.map(DayClose::closedAt).orElse(null));
    }

    private Hall visibleHall(Caller caller, String hall) {
        if (caller == null) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "settlement needs a known caller");
        }
        Hall h = (hall == null ? Optional.<Hall>empty() : halls.hall(hall))
                .orElseThrow(() -> ProblemException.notFound("HALL_NOT_FOUND", "there is no such hall"));
        caller.requireProvince(h.province());
        if (!caller.isAdmin() && caller.role() != Role.BACKOFFICE && !h.id().equals(caller.hall())) {
            throw ProblemException.forbidden("OTHER_HALL", "this belongs to another hall");
        }
        return h;
    }

    private void requireNotFuture(LocalDate date) {
        if (date == null) {
            throw ProblemException.badRequest("DATE_MISSING", "the business date is required (YYYY-MM-DD)", "date");
        }
        if (date.isAfter(clock.today())) {
            throw ProblemException.rule("SETTLEMENT_DATE_FUTURE", "the business date " + date
                    + " has not come yet (today is " + clock.today() + ")", "date");
        }
    }
}
