package org.bizhall.rest.internal.edge;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.cxf.bus.extension.ExtensionManagerBus;
import org.apache.cxf.resource.ResourceManager;
import org.apache.cxf.resource.ResourceResolver;
import org.junit.After;
import org.junit.Test;

public class RequestClassLoaderTest {
    /** A resolver of CXF's kind that counts the questions it gets and answers none, as the bus's own do for this one. */
    private static final class CountingResolver implements ResourceResolver {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public <T> T resolve(String resourceName, Class<T> resourceType) {
            asked.incrementAndGet();
            return null;
        }

        @Override
        public InputStream getAsStream(String name) {
            asked.incrementAndGet();
            return null;
        }
    }

    private final ExtensionManagerBus bus = new ExtensionManagerBus();
    private final ResourceManager resources = bus.getExtension(ResourceManager.class);

    @After
    public void shutDown() {
        bus.shutdown(true);
    }

    @Test
    public void aRequestsClassLoaderIsTheOneItRunsUnderAndNoResourceIsSearchedForIt() {
        CountingResolver search = new CountingResolver();
        resources.addResourceResolver(search);
        // CXF's servlet asks this before every request; without the resolver it is searched for, and not found
        assertNull(resources.resolveResource(RequestClassLoader.REQUEST_LOADER, ClassLoader.class));
        assertEquals(1, search.asked.get());

        RequestClassLoader resolver = new RequestClassLoader();
        resolver.join(bus);
        resolver.join(bus);
        assertEquals("joined once however many requests it filters", 1,
                resources.getResourceResolvers().stream().filter(r -> r == resolver).count());

        ClassLoader running = new URLClassLoader(new URL[0], null);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(running);
        try {
            assertSame(running, resources.resolveResource(RequestClassLoader.REQUEST_LOADER, ClassLoader.class));
            assertEquals("nothing searched any more", 1, search.asked.get());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    public void otherResourcesAreStillFoundByCxfsOwnResolvers() {
        new RequestClassLoader().join(bus);
        String aClassFile = RequestClassLoaderTest.class.getName().replace('.', '/') + ".class";
        assertNotNull(resources.resolveResource(aClassFile, URL.class));
        assertNotNull(resources.getResourceAsStream(aClassFile));
    }

    @Test
    public void whenTheApplicationGoesItLeavesTheBusAndJoinsNoOtherAfterwards() {
        CountingResolver search = new CountingResolver();
        resources.addResourceResolver(search);
        RequestClassLoader resolver = new RequestClassLoader();
        resolver.join(bus);
        resolver.leave();
        assertEquals(0, resources.getResourceResolvers().stream().filter(r -> r == resolver).count());
        assertNull(resources.resolveResource(RequestClassLoader.REQUEST_LOADER, ClassLoader.class));
        assertEquals("CXF's resolvers are asked again", 1, search.asked.get());

        resolver.join(bus);
        assertEquals("a request still in flight when it left puts it back on no bus", 0,
                resources.getResourceResolvers().stream().filter(r -> r == resolver).count());
    }
}
