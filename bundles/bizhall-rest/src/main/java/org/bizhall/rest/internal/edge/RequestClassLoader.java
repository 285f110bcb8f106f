package org.bizhall.rest.internal.edge;

import java.io.InputStream;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.apache.cxf.Bus;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.resource.ResourceManager;
import org.apache.cxf.resource.ResourceResolver;

/**
 * Answers CXF's per-request question for a class loader with the one the request already runs under.
 * <p>
 * Before every request CXF's servlet asks its bus for a class loader to set as the thread's context class loader, and
 * the application's bus has none: it then asks its resource manager for a resource named {@code ""} as a class loader,
 * which none of CXF's resolvers can answer (they find URLs, never class loaders). On the way the bundle class loader is
 * searched for that name (Felix throws and fills a {@code ResourceNotFoundException} and walks the stack for boot
 * delegation) and so is the system class path: about 3 % of a request's CPU for an answer that is always "none". Put
 * first among the bus's resolvers, this one answers at once with the thread's current context class loader, so CXF
 * sets the loader the thread already has and restores it afterwards: the request runs as before. Other names and
 * types go on to CXF's own resolvers.
 * <p>
 * It is a plain provider the application holds, and puts itself on the bus of the first request it filters: the only
 * moment this bundle meets the bus without registering a second service on the JAX-RS whiteboard (a whiteboard
 * extension for it raced the whiteboard's own start and left the application unpublished). {@link #leave()} takes it
 * off every bus again when the application goes, so a bus that outlives this bundle holds none of its classes.
 */
@PreMatching
public final class RequestClassLoader implements ContainerRequestFilter, ResourceResolver {
    /** The name CXF's servlet asks for: no resource, only "a class loader for this request". */
    static final String REQUEST_LOADER = "";

    /** The resource managers this resolver stands on; weak, as a bus may go without telling the application. */
    private final Set<ResourceManager> joined = Collections.newSetFromMap(new WeakHashMap<>());
    /** The manager of the last request: every request of one bus after its first costs one comparison. */
    private volatile ResourceManager last;
    /** Guarded by {@link #joined}. */
    private boolean left;

    @Override
    public void filter(ContainerRequestContext request) {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Exchange exchange = message == null ? null : message.getExchange();
        Bus bus = exchange == null ? null : exchange.getBus();
        if (bus != null) {
            join(bus);
        }
    }

    /** Stands first among {@code bus}'s resolvers, once per bus. */
    void join(Bus bus) {
        ResourceManager resources = bus.getExtension(ResourceManager.class);
        if (resources == null || resources == last) {
            return;
        }
        synchronized (joined) {
            if (left) {
                return;
            }
            if (joined.add(resources)) {
                resources.addResourceResolver(this);
            }
            last = resources;
        }
    }

    /** Leaves every bus it joined; CXF's resolvers answer as before. */
    public void leave() {
        synchronized (joined) {
            left = true;
            last = null;
            for (ResourceManager resources : joined) {
                resources.removeResourceResolver(this);
            }
            joined.clear();
        }
    }

    @Override
    public <T> T resolve(String resourceName, Class<T> resourceType) {
        if (REQUEST_LOADER.equals(resourceName) && resourceType == ClassLoader.class) {
            ClassLoader current = Thread.currentThread().getContextClassLoader();
            return current == null ? null : resourceType.cast(current);
        }
        return null;
    }

    @Override
    public InputStream getAsStream(String name) {
        return null;
    }
}
