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
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.resource.ResourceManager;
import org.apache.cxf.resource.ResourceResolver;
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

    @Test
    public void aRequestsClassLoaderIsTheOneItRunsUnderAndNoResourceIsSearchedForIt() {
        ExtensionManagerBus bus = new ExtensionManagerBus();
        try {
            ResourceManager resources = bus.getExtension(ResourceManager.class);
            CountingResolver search = new CountingResolver();
            resources.addResourceResolver(search);
            // CXF's servlet asks this before every request; without the feature it is searched for, and not found
            assertNull(resources.resolveResource(RequestClassLoader.REQUEST_LOADER, ClassLoader.class));
            assertEquals(1, search.asked.get());

            new RequestClassLoader().initialize((Server) null, bus);

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
        } finally {
            bus.shutdown(true);
        }
    }

    @Test
    public void otherResourcesAreStillFoundByCxfsOwnResolvers() {
        ExtensionManagerBus bus = new ExtensionManagerBus();
        try {
            new RequestClassLoader().initialize((Server) null, bus);
            ResourceManager resources = bus.getExtension(ResourceManager.class);
            String aClassFile = RequestClassLoaderTest.class.getName().replace('.', '/') + ".class";
            assertNotNull(resources.resolveResource(aClassFile, URL.class));
            assertNotNull(resources.getResourceAsStream(aClassFile));
        } finally {
            bus.shutdown(true);
        }
    }
}
