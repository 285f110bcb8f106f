package org.bizhall.billing.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.bizhall.api.billing.BillingRun;
import org.bizhall.api.billing.BillingService;
import org.bizhall.api.billing.RunControl;
import org.bizhall.api.common.Money;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Role;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.BusinessClock;
import org.bizhall.api.service.NationalParams;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.ProvinceParameters;
import org.bizhall.api.service.Subscriber;
import org.bizhall.api.service.SubscriberStatus;
import org.bizhall.api.service.Transactions;
import org.bizhall.platform.billing.BillingStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly billing run. Subscribers are walked in number order, a page at a time by key (the page after the last
 * number seen, never an OFFSET that the database would count through again on every page), each page in a transaction
 * of its own (a run over a whole province never holds one huge transaction). After each page the run reports its
 * progress and stops there when asked to. Each ACTIVE subscriber's account is charged
 * the month's rent ({@link MonthlyRent}) as a {@code RENT} ledger entry through {@link BillingStore#chargeAllOnce}, a
 * page at a time, which claims each (account, month, item) in the database: a repeat, or a second node running the
 * same month, charges nothing again, and a run that died is run again to charge the rest (its last page rolled back
 * whole). Real-time prepaid accounts draw the rent from their deposit; a balance below zero is arrears.
 * <p>
 * The rent is that of the package the number had at the end of the month billed ({@link
 * BillingStore#packagesBefore}): a package change takes effect at the month's turn, and the run of the month before
 * it, whenever it runs, still charges the old package.
 * <p>
 * The catalogue carries no fee per feature, so no feature fee is charged; when it does, each feature is one more item
 * of the same claim.
 * <p>
 * A charge earns the subscriber loyalty points (rulebook §8): {@code floor(charged yuan) × pointsPerYuan} of its
 * province, credited in the page's transaction with the charge, and claimed per number and month by
 * {@link LoyaltyService#earnAll}: a repeated or resumed run earns nothing twice.
 */
@Component(service = BillingService.class)
public class BillingRunService implements BillingService {
    static final String RENT = "RENT";
    /**
     * Subscribers a page. A page holds its accounts' row locks (and some 8 row locks a subscriber, 1,600 in all) until
     * it commits, so a payment on one of its accounts waits for it: pages of 200 against 500 cut that wait by half or
     * more beside payments, at no measurable cost to the run (docs/benchmarks.md, "Jobs beside payments").
     */
    static final int PAGE = 200;
    /** Subscribers per page of this run: {@link #PAGE}, or what a benchmark sets. */
    private int page = PAGE;
    /**
     * A page met by another run is charged again; the second time its claims are found. Two runs in step over the same
     * pages can meet on several attempts in a row (a deadlock's victim, or a wait past the store's lock wait on a
     * loaded node while the other run's page commits), hence five, each after a pause of random length that grows
     * with the attempt ({@link #PAUSE_MILLIS}): retried at once, the victim met the other run's next page's locks again.
     */
    static final int PAGE_ATTEMPTS = 5;
    /** Upper bound of the pause before attempt n + 1, times n (milliseconds); the lower bound is a tenth of it. */
    static final long PAUSE_MILLIS = 200;
    /**
     * How another run of the same month shows: its claims decided first (409), or its page still holds the accounts'
     * rows past the store's lock wait (503 STORE_BUSY, the page rolled back): either way the page is charged again.
     */
    private static final Set<String> CONFLICTS =
            Set.of("CHARGE_CONFLICT", "POINTS_CONFLICT", ProblemException.STORE_BUSY);
    private static final Logger LOG = LoggerFactory.getLogger(BillingRunService.class);

    private final ProductCatalog catalog;
    private final BillingStore store;
    private final BusinessClock clock;
    private final Transactions transactions;
    private final AuditLog audit;
    /** Where charges earn points; set by DS (mandatory), or by a test. */
    @Reference
    LoyaltyService loyalty;
    @Reference
    ProvinceParameters provinceParameters;

    @Activate
    public BillingRunService(@Reference ProductCatalog catalog,
            @Reference BillingStore store, @Reference BusinessClock clock, @Reference Transactions transactions,
            @Reference AuditLog audit) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Where charges earn points, for a run built outside DS (tests, benchmarks). */
    public BillingRunService earningPointsWith(LoyaltyService points, ProvinceParameters parameters) {
        this.loyalty = points;
        this.provinceParameters = parameters;
        return this;
    }

    /**
     * Pages of {@code subscribers} for a run built outside DS (benchmarks comparing page sizes): a page holds its
     * accounts' row locks until it commits, so a payment on one of them waits for the page.
     */
    public BillingRunService inPagesOf(int subscribers) {
        if (subscribers < 1) {
            throw new IllegalArgumentException("a page has at least one subscriber");
        }
        this.page = subscribers;
        return this;
    }

    @Override
    public BillingRun run(Caller caller, YearMonth month, RunControl control) {
        if (caller == null) {
            throw ProblemException.forbidden("ROLE_NOT_ALLOWED", "billing runs are for admins");
        }
        caller.requireRole(Role.ADMIN);
        if (month == null) {
            throw ProblemException.badRequest("MONTH_MISSING", "month is required (YYYY-MM)", "month");
        }
        YearMonth current = clock.month();
        if (!month.isBefore(current)) {
            throw ProblemException.rule("MONTH_NOT_ENDED", "the month " + month + " has not ended (business date "
                    + clock.today() + "); a month is billed once it has ended", "month");
        }
        Map<String, Optional<Product>> products = new HashMap<>();
        Map<String, Integer> pointsPerYuan = new HashMap<>();
        int seen = 0;
        int charged = 0;
        int repeats = 0;
        long total = 0;
        long all = store.subscriberCount();
        long walked = 0;
        boolean stopped = !control.progress(0, all);
        String after = null;
        while (!stopped) {
            List<Subscriber> items = store.subscribersAfter(after, page);
            if (items.isEmpty()) {
                break;
            }
            long[] tally = chargePageOnce(items, month, products, pointsPerYuan);
            seen += (int) tally[0];
            charged += (int) tally[1];
            repeats += (int) tally[2];
            total += tally[3];
            walked += items.size();
            after = items.get(items.size() - 1).msisdn();
            if (!control.progress(walked, Math.max(all, walked))) {
                stopped = walked < all;
                break;
            }
            if (items.size() < page) {
                break;
            }
        }
        if (stopped) {
            LOG.info("billing run {} stopped after {} of {} subscribers", month, walked, all);
        }
        audit.record(caller.user(), "BILLING_RUN", null, month.toString(), total,
                "charged " + charged + ", already charged " + repeats + ", subscribers " + seen);
        LOG.info("billing run {}: {} charges, {} yuan, {} already charged, {} subscribers", month, charged,
                Money.yuan(total), repeats, seen);
        return new BillingRun(month.toString(), seen, charged, total, repeats);
    }

    /**
     * Charges one page in a transaction of its own. Another run of the same month (another node) that charged part of
     * the page at the same moment makes the store refuse with 409 (the claims' keys decided): the page is rolled
     * back whole and charged again, the claims it now finds left alone.
     */
    private long[] chargePageOnce(List<Subscriber> items, YearMonth month, Map<String, Optional<Product>> products,
            Map<String, Integer> pointsPerYuan) {
        for (int attempt = 1;; attempt++) {
            try {
                return transactions.required(() -> chargePage(items, month, products, pointsPerYuan));
            } catch (ProblemException e) {
                if (!CONFLICTS.contains(e.code()) || attempt == PAGE_ATTEMPTS) {
                    throw e;
                }
                LOG.info("billing run {}: another run charged part of the page from {} meanwhile ({}); charging it"
                        + " again", month, items.get(0).msisdn(), e.code());
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(PAUSE_MILLIS / 10, PAUSE_MILLIS) * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("billing run interrupted", e);
        }
    }

    /** Charges one page; returns subscribers billed, charges posted, charges found already posted, fen posted. */
    private long[] chargePage(List<Subscriber> page, YearMonth month, Map<String, Optional<Product>> products,
            Map<String, Integer> pointsPerYuan) {
        long[] tally = new long[4];
        // the package a number had at the month's end, not one it was changed to since (at the month's turn)
        Map<String, String> packageThen = store.packagesBefore(page.stream().map(Subscriber::msisdn).toList(),
                month.plusMonths(1).atDay(1).atStartOfDay(clock.zone()).toOffsetDateTime());
        List<Subscriber> billed = new ArrayList<>();
        List<BillingStore.Charge> charges = new ArrayList<>();
        for (Subscriber s : page) {
            String packageCode = packageThen.getOrDefault(s.msisdn(), s.packageCode());
            if (s.status() != SubscriberStatus.ACTIVE || packageCode == null || activeOnlyAfter(s, month)) {
                continue;
            }
            LocalDate joined = s.openedAt().atZoneSameInstant(clock.zone()).toLocalDate();
            Optional<Product> product = products.computeIfAbsent(packageCode, catalog::find);
            if (product.isEmpty()) {
                LOG.warn("billing run {}: subscriber {} has package {} that the catalogue lacks; not charged", month,
                        s.msisdn(), packageCode);
                continue;
            }
            long rent = MonthlyRent.of(product.get(), joined, month);
            if (rent <= 0) {
                continue;
            }
            billed.add(s);
            charges.add(new BillingStore.Charge(s.accountId(), s.msisdn(), rent,
                    "月租 " + product.get().name() + " " + month));
        }
        tally[0] = billed.size();
        // the whole page in a few statements: the store claims and posts set-based, then the points of what it posted
        List<Boolean> posted = store.chargeAllOnce(month, RENT, RENT, charges);
        List<LoyaltyService.Earning> earnings = new ArrayList<>();
        for (int i = 0; i < billed.size(); i++) {
            Subscriber s = billed.get(i);
            long rent = charges.get(i).amountFen();
            if (posted.get(i)) {
                tally[1]++;
                tally[3] += rent;
                long points = (rent / 100) * pointsPerYuan.computeIfAbsent(s.province(),
                        p -> provinceParameters.of(p).integer(NationalParams.POINTS_PER_YUAN));
                earnings.add(new LoyaltyService.Earning(s.msisdn(), points,
                        "积分 " + month + " 月租 " + Money.yuan(rent) + " 元"));
            } else {
                tally[2]++;
            }
        }
        if (!earnings.isEmpty()) {
            loyalty.earnAll(month, earnings);
        }
        return tally;
    }

    /**
     * Whether the number became ACTIVE again only after {@code month} ended (a suspension, such as a keep-number, that
     * ended at the turn): it was not in service at the month's end, so the month is not charged, whichever of the
     * turn's due work (this run, the order that resumed it) ran first.
     */
    private boolean activeOnlyAfter(Subscriber s, YearMonth month) {
        OffsetDateTime monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(clock.zone()).toOffsetDateTime();
        return s.statusSince() != null && !s.statusSince().isEqual(s.openedAt()) && !s.statusSince().isBefore(monthEnd);
    }

    @Override
    public Map<Long, YearMonth> billedMonths(long accountId) {
        return store.chargeMonths(accountId);
    }
}
