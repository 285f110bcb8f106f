package org.bizhall.core.internal.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.loyalty.Gift;
import org.bizhall.api.loyalty.LoyaltyService;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.DemoData;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.SubscriberService;
import org.bizhall.api.service.Transactions;
import org.bizhall.boot.KarafBoot;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo number pool, then the halls, staff, catalogue, a few subscribers (with their accounts and the
 * commitments that bind their packages) and the gifts of points redemption in one transaction; each demo subscriber
 * starts with {@code demoPoints} loyalty points, an adjustment by {@code demo}. The numbers go in slices of
 * {@value #NUMBER_SLICE}, each committed on its own: 20,000 numbers in the one transaction held the pool's rows (Derby
 * escalates to a table lock) for the seconds of the whole load, and a number search made meanwhile waited past the
 * store's lock wait and failed. Adding a number skips one already there, so a load stopped half way is completed by
 * the next (no halls yet), and nodes loading together end with one set. With {@code loadOnStart=true} it does so
 * at activation when the store is empty, on a thread of its own: 20,000 numbers take a while, and SCR must not wait.
 * At a boot that thread first waits for the end of the boot features (Karaf's {@code BootFinished} service): the load
 * is seconds of CPU that the bundles still starting, and the health check behind them, would otherwise share.
 */
@Component(service = DemoData.class, configurationPid = DemoDataLoader.PID)
@Designate(ocd = DemoConfig.class)
public class DemoDataLoader implements DemoData {
    static final String PID = "org.bizhall.demo";
    /** Numbers go to the pool in slices so no single call carries the whole block. */
    private static final int NUMBER_SLICE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);

    @Reference
    HallDirectory halls;
    @Reference
    ProductCatalog catalog;
    @Reference
    NumberPool pool;
    @Reference
    Transactions transactions;
    @Reference
    AccountService accounts;
    @Reference
    LoyaltyService loyalty;
    @Reference
    SubscriberService subscribers;

    /** Tries of a load the store refuses as busy, {@link #busyPause} apart. */
    static final int BUSY_ATTEMPTS = 10;
    Duration busyPause = Duration.ofSeconds(2);

    private ExecutorService loader;
    /** Set when the component stops: a load that fails from then on failed because the store closed under it. */
    private volatile boolean stopped;
    private BundleContext context;
    long demoPoints = 6000;
    int benchHalls;

    @Activate
    void activate(BundleContext context, DemoConfig config) {
        this.context = context;
        modified(config);
    }

    /**
     * A changed configuration is taken in place, never by a restart of the component: installing the demo feature
     * creates {@code org.bizhall.demo} and Karaf then writes it to {@code etc/}, which updates it a second time while
     * the first load runs; a restart would interrupt that load half way (and log it as an error).
     */
    @Modified
    synchronized void modified(DemoConfig config) {
        demoPoints = config.demoPoints();
        if (config.benchHalls() < 0 || config.benchHalls() > DemoSet.MAX_BENCH_HALLS) {
            throw new IllegalArgumentException("benchHalls is 0 to " + DemoSet.MAX_BENCH_HALLS + ": "
                    + config.benchHalls());
        }
        benchHalls = config.benchHalls();
        if (config.loadOnStart() && loader == null) {
            loader = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "bizhall-demo-data");
                thread.setDaemon(true);
                return thread;
            });
            loader.execute(() -> {
                if (awaitBootFinished()) {
                    loadIfEmpty();
                }
            });
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stopped = true;
        if (loader != null) {
            loader.shutdownNow();
            loader = null;
        }
    }

    /**
     * Waits until the features service has finished the boot (at once when it has, e.g. the demo feature installed
     * into a running Karaf; no wait outside OSGi). False when the component is stopped meanwhile.
     */
    boolean awaitBootFinished() {
        try {
            if (!KarafBoot.awaitFinished(context)) {
                LOG.info("demo data: the boot has not finished after {} s, loading anyway",
                        KarafBoot.MAX_WAIT.toSeconds());
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // deactivated while waiting
        }
    }

    /**
     * A store that already has halls (every boot after the first) is left alone without opening a write transaction:
     * refusing inside one would roll it back, which the transaction manager logs as a warning with a stack trace.
     * {@link #load()} checks again inside its transaction, so a concurrent load cannot slip in between; a node
     * sharing the database that loads at the same moment meets the first one's keys and rolls back whole.
     */
    LoadOutcome loadIfEmpty() {
        for (int attempt = 1; ; attempt++) {
            LoadOutcome outcome = loadOnceIfEmpty();
            if (outcome != LoadOutcome.STORE_BUSY) {
                return outcome;
            }
            // a job of the same first start (the month's billing run) held a lock the load needed past the store's
            // wait: the load rolled back whole, and is tried again (its committed slices of numbers are kept)
            if (attempt >= BUSY_ATTEMPTS) {
                LOG.error("demo data could not be loaded: the store stayed busy over {} tries", attempt);
                return LoadOutcome.FAILED;
            }
            if (!pause()) {
                return LoadOutcome.STOPPED;
            }
        }
    }

    private LoadOutcome loadOnceIfEmpty() {
        try {
            if (loaded()) {
                LOG.info("demo data not loaded: the store already has halls");
                return LoadOutcome.STORE_NOT_EMPTY;
            }
            Map<String, Long> counts = load();
            LOG.info("demo data loaded: {}", counts);
            return LoadOutcome.LOADED;
        } catch (ProblemException e) {
            if (ProblemException.STORE_BUSY.equals(e.code())) {
                LOG.info("demo data not loaded this time: the store was busy ({})", e.detail());
                return LoadOutcome.STORE_BUSY;
            }
            LOG.info("demo data not loaded: {} {}", e.code(), e.detail());
            return LoadOutcome.STORE_NOT_EMPTY;
        } catch (RuntimeException e) {
            if (stopped) {
                // the node stopped during a first start's load (the store closed under it): nothing is wrong
                LOG.info("demo data load stopped with the node; the next start completes it ({})", e.toString());
                return LoadOutcome.STOPPED;
            }
            if (loadedQuietly()) {
                // nodes sharing a database started together: another one committed the same load first (a key
                // conflict rolled this one back whole)
                LOG.info("demo data not loaded: another node sharing the store loaded it at the same time");
                return LoadOutcome.LOADED_BY_ANOTHER_NODE;
            }
            LOG.error("demo data could not be loaded", e);
            return LoadOutcome.FAILED;
        }
    }

    /** False when the component stopped (or the thread was interrupted) during the pause. */
    private boolean pause() {
        try {
            Thread.sleep(busyPause.toMillis());
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static ProblemException storeNotEmpty() {
        return ProblemException.conflict("STORE_NOT_EMPTY",
                "the store already has halls; demo data loads only into an empty store");
    }

    /** One slice of the pool in a transaction of its own; once more when a node loading beside this one took a key. */
    private long addNumbers(List<PoolNumber> slice) {
        try {
            return transactions.required(() -> pool.add(slice));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            return transactions.required(() -> pool.add(slice)); // skips what the other node committed
        }
    }

    /** What a load at start did. */
    enum LoadOutcome {
        LOADED, STORE_NOT_EMPTY, LOADED_BY_ANOTHER_NODE, STOPPED, FAILED,
        /** Refused as busy by the store, nothing kept: tried again ({@link #loadIfEmpty} never returns it). */
        STORE_BUSY
    }

    private boolean loadedQuietly() {
        try {
            return loaded();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Map<String, Long> load() {
        if (loaded()) {
            throw storeNotEmpty();
        }
        long numbers = 0;
        for (String province : DemoSet.provinces()) {
            List<PoolNumber> block = DemoSet.numbers(province);
            for (int from = 0; from < block.size(); from += NUMBER_SLICE) {
                numbers += addNumbers(block.subList(from, Math.min(from + NUMBER_SLICE, block.size())));
            }
        }
        long addedNumbers = numbers;
        return transactions.required(() -> {
            if (loaded()) {
                throw storeNotEmpty();
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            List<Hall> demoHalls = new ArrayList<>(DemoSet.halls());
            demoHalls.addAll(DemoSet.benchHalls(benchHalls));
            demoHalls.forEach(halls::saveHall);
            counts.put("halls", (long) demoHalls.size());
            List<StaffMember> demoStaff = new ArrayList<>(DemoSet.staff());
            demoStaff.addAll(DemoSet.benchStaff(benchHalls));
            demoStaff.forEach(halls::saveStaff);
            counts.put("staff", (long) demoStaff.size());
            List<Product> demoProducts = DemoSet.products();
            demoProducts.forEach(catalog::save);
            counts.put("products", (long) demoProducts.size());
            counts.put("numbers", addedNumbers);
            for (DemoSet.DemoSubscriber d : DemoSet.subscribers()) {
                Account account = accounts.open(d.payer(), d.province(), d.holder().name(), null);
                accounts.post(account.id(), "DEPOSIT", d.depositFen(), null, "演示数据预存话费");
                subscribers.register(new NewSubscriber(d.msisdn(), d.province(), d.hall(), d.holder(), d.packageCode(),
                        List.of(), account.id(), null, null));
                if (!d.commitments().isEmpty()) {
                    subscribers.changeCommitments(new Msisdn(d.msisdn()), d.commitments(), null);
                }
            }
            counts.put("subscribers", (long) DemoSet.subscribers().size());
            List<Gift> gifts = DemoSet.gifts();
            gifts.forEach(loyalty::addGift);
            counts.put("gifts", (long) gifts.size());
            counts.put("subscribersWithPoints", givePoints());
            return counts;
        });
    }

    /** Demo points for every demo subscriber, so a redemption can be tried at once (README). */
    private long givePoints() {
        if (demoPoints <= 0) {
            return 0;
        }
        for (DemoSet.DemoSubscriber d : DemoSet.subscribers()) {
            loyalty.adjust(d.msisdn(), demoPoints, "演示积分 demo points", "demo");
        }
        return DemoSet.subscribers().size();
    }

    @Override
    public boolean loaded() {
        return !halls.halls().isEmpty();
    }
}
