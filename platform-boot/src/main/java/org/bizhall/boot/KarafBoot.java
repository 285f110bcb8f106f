package org.bizhall.boot;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The end of Karaf's boot, for the platform's background work: due jobs and the demo load compete for the CPUs and for
 * the store's locks with the bundles still starting, so they begin once the features service has installed and
 * started the boot features.
 */
public final class KarafBoot {
    /** Registered by Karaf's features service once the boot features are installed and started. */
    public static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";
    /**
     * The longest wait: what a first start takes on a loaded 2-CPU node, not more. Karaf never publishes
     * {@code BootFinished} when a boot feature fails (seen once: Derby's activator, whose imports are all dynamic, could
     * not load {@code BundleActivator} while another thread held the framework's global lock); the node serves anyway,
     * and its demo data and due jobs must not wait for a signal that will not come.
     */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private KarafBoot() {
    }

    /**
     * Waits until the boot has finished: at once when it has (the bundle started on a running node, or installed into
     * one), at most {@link #MAX_WAIT} (a framework without Karaf's features service, or a boot that failed), not at all
     * without a bundle context (outside OSGi).
     *
     * @return false when {@link #MAX_WAIT} passed first; the caller says so and goes ahead
     * @throws InterruptedException when the waiting thread is interrupted or the bundle stops meanwhile
     */
    public static boolean awaitFinished(BundleContext context) throws InterruptedException {
        if (context == null) {
            return true;
        }
        ServiceTracker<Object, Object> boot;
        try {
            boot = new ServiceTracker<>(context, context.createFilter("(objectClass=" + BOOT_FINISHED + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IllegalStateException contextGone) {
            throw new InterruptedException("bundle stopped");
        }
        try {
            boot.open(true);
            return boot.waitForService(MAX_WAIT.toMillis()) != null;
        } catch (IllegalStateException contextGone) {
            throw new InterruptedException("bundle stopped");
        } finally {
            try {
                boot.close();
            } catch (IllegalStateException contextGone) {
                // the bundle stopped meanwhile: nothing is left to close
            }
        }
    }
}
