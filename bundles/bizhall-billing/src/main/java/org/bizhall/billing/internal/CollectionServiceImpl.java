package org.bizhall.billing.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.billing.Arrears;
import org.bizhall.api.billing.ArrearsService;
import org.bizhall.api.billing.CollectionNotice;
import org.bizhall.api.billing.CollectionRun;
import org.bizhall.api.billing.CollectionService;
import org.bizhall.api.billing.OverdueAccount;
import org.bizhall.api.billing.RunControl;
import org.bizhall.api.common.Money;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.billing.BillingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Arrears collection (seed 002 utility flow: list overdue accounts → notice → suspend for arrears → record → restore
 * on payment; seed 004: unpaid one month after the billing period → suspended). A number is overdue when a previous
 * month is unpaid; it is suspended once more than {@code arrearsGraceDays} have passed since the end of its oldest
 * unpaid month, otherwise reminded. Restoring service is the payment's business (bill-payment restores the moment
 * the arrears are cleared). A number still suspended for arrears {@code arrearsTerminateDays} after its suspension
 * (seed 004: "still unpaid within 2 months → terminated", rulebook §13) is terminated by the same run: it becomes
 * {@code CANCELLED}, gets a {@code TERMINATION} notice, and its number rests {@code numberQuarantineDays} before the
 * pool offers it again. What it owes stays on its account, recovered by a formal cancellation (销号费用回收).
 */
@Component(service = CollectionService.class)
public class CollectionServiceImpl implements CollectionService {
    static final String REMINDER = "REMINDER";
    static final String SUSPENSION = "SUSPENSION";
    static final String TERMINATION = "TERMINATION";

    private final SubscriberService subscribers;
    private final ArrearsService arrears;
    private final BillingStore store;
    private final ProvinceParameters provinces;
    private final BusinessClock clock;
    private final Transactions transactions;
    private final AuditLog audit;
    private final NumberPool numbers;

    @Activate
    public CollectionServiceImpl(@Reference SubscriberService subscribers, @Reference ArrearsService arrears,
            @Reference BillingStore store, @Reference ProvinceParameters provinces, @Reference BusinessClock clock,
            @Reference Transactions transactions, @Reference AuditLog audit, @Reference NumberPool numbers) {
        this.subscribers = subscribers;
        this.arrears = arrears;
        this.store = store;
        this.provinces = provinces;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
        this.numbers = numbers;
    }

    @Override
    public List<OverdueAccount> overdue(Caller caller) {
        requireKnown(caller);
        String province = caller.isAdmin() ? null : caller.province();
        LocalDate today = clock.today();
        YearMonth current = YearMonth.from(today);
        List<OverdueAccount> found = new ArrayList<>();
        String after = null;
        while (true) {
            // by key: each page starts after the last number seen
            List<String> page = store.numbersInArrears(province, after, Page.MAX_LIMIT);
            for (String number : page) {
                overdue(caller, number, today, current).ifPresent(found::add);
            }
            if (page.size() < Page.MAX_LIMIT) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        found.sort(Comparator.comparing(OverdueAccount::oldestMonth).thenComparing(OverdueAccount::msisdn));
        return found;
    }

    private Optional<OverdueAccount> overdue(Caller caller, String number, LocalDate today, YearMonth current) {
        Msisdn msisdn = new Msisdn(number);
        Optional<Subscriber> subscriber = subscribers.find(msisdn);
        if (subscriber.isEmpty() || subscriber.get().status() == SubscriberStatus.CANCELLED) {
            return Optional.empty();
        }
        Arrears owed = arrears.of(caller, msisdn);
        if (owed.totalFen() <= 0) {
            return Optional.empty();
        }
        YearMonth oldest = owed.oldestMonth() == null ? current : YearMonth.parse(owed.oldestMonth());
        long days = Math.max(0, ChronoUnit.DAYS.between(oldest.atEndOfMonth(), today));
        int grace = provinces.of(subscriber.get().province()).integer(NationalParams.ARREARS_GRACE_DAYS);
        boolean beyond = owed.oldestMonth() != null && days > grace;
        return Optional.of(new OverdueAccount(number, subscriber.get().province(), owed.accountId(),
                subscriber.get().status().name(), owed.totalFen(), oldest.toString(), days, beyond));
    }

    @Override
    public CollectionRun run(Caller caller, RunControl control) {
        requireKnown(caller);
        caller.requireRole(Role.ADMIN, Role.MANAGER, Role.BACKOFFICE);
        List<OverdueAccount> overdue = overdue(caller).stream().filter(o -> !o.oldestMonth().equals(clock.month().toString()))
                .toList();
        LocalDate today = clock.today();
        List<CollectionNotice> sent = new ArrayList<>();
        int reminders = 0;
        int suspended = 0;
        int done = 0;
        for (OverdueAccount o : overdue) {
            if (!control.progress(done++, overdue.size())) {
                break;
            }
            if (o.beyondGrace() && SubscriberStatus.ACTIVE.name().equals(o.status())) {
                if (suspendForArrears(caller, o, sent)) {
                    suspended++;
                }
            } else if (!o.beyondGrace()) {
                int grace = provinces.of(o.province()).integer(NationalParams.ARREARS_GRACE_DAYS);
                Optional<CollectionNotice> notice = store.recordNotice(o.msisdn(), o.accountId(), REMINDER,
                        o.oldestMonth(), o.arrearsFen(), reminderText(o, YearMonth.parse(o.oldestMonth())
                                .atEndOfMonth().plusDays(grace)));
                if (notice.isPresent()) {
                    reminders++;
                    sent.add(notice.get());
                }
            }
        }
        control.progress(done, overdue.size());
        int terminated = 0;
        for (Subscriber s : dueForTermination(caller)) {
            if (terminate(caller, s, sent)) {
                terminated++;
            }
        }
        audit.record(caller.user(), "COLLECTION_RUN", null, today.toString(), null, "overdue " + overdue.size()
                + ", reminders " + reminders + ", suspended " + suspended + ", terminated " + terminated);
        return new CollectionRun(today.toString(), overdue.size(), reminders, suspended, sent, terminated);
    }

    /**
     * Numbers of the caller's province (every province for an admin) suspended for arrears at least their province's
     * {@code arrearsTerminateDays} business days ago, read in full before any changes, so termination does not shift
     * the pages.
     */
    private List<Subscriber> dueForTermination(Caller caller) {
        String province = caller.isAdmin() ? null : caller.province();
        OffsetDateTime now = clock.now();
        LocalDate today = clock.today();
        List<Subscriber> due = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<Subscriber> page = subscribers.inStatus(province, SubscriberStatus.SUSPENDED_ARREARS, now, offset,
                    Page.MAX_LIMIT);
            for (Subscriber s : page.items()) {
                int days = provinces.of(s.province()).integer(NationalParams.ARREARS_TERMINATE_DAYS);
                // counted in business days, as the run is daily: suspended on the 1st, terminated on the 1st + days
                LocalDate suspendedOn = s.statusSince().atZoneSameInstant(clock.zone()).toLocalDate();
                if (!suspendedOn.plusDays(days).isAfter(today)) {
                    due.add(s);
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return due;
            }
        }
    }

    /**
     * Terminates one number in one transaction (status, quarantine, notice, audit); false when it left
     * SUSPENDED_ARREARS since it was listed (a payment restored it) or owes nothing any more.
     */
    private boolean terminate(Caller caller, Subscriber s, List<CollectionNotice> sent) {
        Msisdn msisdn = new Msisdn(s.msisdn());
        Arrears owed = arrears.of(caller, msisdn);
        if (owed.totalFen() <= 0) {
            return false;
        }
        OffsetDateTime availableFrom = clock.now()
                .plusDays(provinces.of(s.province()).integer(NationalParams.NUMBER_QUARANTINE_DAYS));
        try {
            transactions.required(() -> {
                subscribers.changeStatus(msisdn, Set.of(SubscriberStatus.SUSPENDED_ARREARS), SubscriberStatus.CANCELLED,
                        null);
                numbers.quarantine(msisdn, s.province(), availableFrom, null);
                audit.record(caller.user(), "TERMINATED_FOR_ARREARS", null, s.msisdn(), owed.totalFen(),
                        "suspended since " + s.statusSince() + "; number quarantined until " + availableFrom);
                store.recordNotice(s.msisdn(), owed.accountId(), TERMINATION,
                        owed.oldestMonth() == null ? clock.month().toString() : owed.oldestMonth(), owed.totalFen(),
                        terminationText(s.msisdn(), owed)).ifPresent(sent::add);
                return Boolean.TRUE;
            });
            return true;
        } catch (ProblemException e) {
            if ("SUBSCRIBER_STATUS_CHANGED".equals(e.code())) {
                return false;
            }
            throw e;
        }
    }

    static String terminationText(String msisdn, Arrears owed) {
        return "【欠费销号】尊敬的客户，您的号码" + msisdn + "欠费停机已超过期限，仍欠费" + Money.yuan(owed.totalFen())
                + "元，已做销号处理。欠费请到营业厅缴清。";
    }

    /**
     * Suspends the number for arrears with its notice in one transaction; false when the number left ACTIVE since
     * the run listed it (a loss report or a payment came first), which the run then leaves alone.
     */
    private boolean suspendForArrears(Caller caller, OverdueAccount o, List<CollectionNotice> sent) {
        try {
            transactions.required(() -> {
                subscribers.changeStatus(new Msisdn(o.msisdn()), Set.of(SubscriberStatus.ACTIVE),
                        SubscriberStatus.SUSPENDED_ARREARS, null);
                audit.record(caller.user(), "SUSPENDED_FOR_ARREARS", null, o.msisdn(), o.arrearsFen(),
                        "oldest unpaid month " + o.oldestMonth() + ", " + o.daysOverdue() + " days");
                store.recordNotice(o.msisdn(), o.accountId(), SUSPENSION, o.oldestMonth(), o.arrearsFen(),
                        suspensionText(o)).ifPresent(sent::add);
                return Boolean.TRUE;
            });
            return true;
        } catch (ProblemException e) {
            if ("SUBSCRIBER_STATUS_CHANGED".equals(e.code())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<CollectionNotice> notices(Caller caller, String msisdn) {
        requireKnown(caller);
        Msisdn number = Msisdn.parse(msisdn, "msisdn");
        Subscriber subscriber = subscribers.find(number)
                .orElseThrow(() -> ProblemException.notFound("SUBSCRIBER_NOT_FOUND", "no subscriber has this number"));
        caller.requireProvince(subscriber.province());
        return store.notices(number.value());
    }

    static String reminderText(OverdueAccount o, LocalDate payBy) {
        return "【欠费提醒】尊敬的客户，您的号码" + o.msisdn() + "自" + o.oldestMonth() + "起欠费"
                + Money.yuan(o.arrearsFen()) + "元，请于" + payBy + "前缴清，以免停机。可到营业厅、自助缴费机缴费。";
    }

    static String suspensionText(OverdueAccount o) {
        return "【欠费停机】尊敬的客户，您的号码" + o.msisdn() + "自" + o.oldestMonth() + "起欠费"
                + Money.yuan(o.arrearsFen()) + "元，已超过缴费期限，已暂停服务。缴清欠费后即时恢复。";
    }

    private static void requireKnown(Caller caller) {
        if (caller == null) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "arrears collection needs a known caller");
        }
    }
}
