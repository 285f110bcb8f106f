package org.bizhall.rest.internal.edge;

import java.io.InputStream;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.Feature;
import org.apache.cxf.interceptor.InterceptorProvider;
import org.apache.cxf.resource.ResourceManager;
import org.apache.cxf.resource.ResourceResolver;
import org.bizhall.rest.internal.Jaxrs;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Answers CXF's per-request question for a class loader with the one the request already runs under.
 * <p>
 * Before every request CXF's servlet asks its bus for a class loader to set as the thread's context class loader, and
 * the application's bus has none: it then asks its resource manager for a resource named {@code ""} as a class loader,
 * which no resolver can answer (a URL is never a class loader). On the way the bundle class loader is searched for
 * that name (Felix throws and fills a {@code ResourceNotFoundException} and walks the stack for boot delegation) and so
 * is the system class path: about 3 % of a request's CPU for an answer that is always "none". Placed first among the
 * bus's resolvers, this one answers at once with the thread's current context class loader, so CXF sets the loader the
 * thread already has and restores it afterwards: the request runs as before. Other names and types go on to CXF's own
 * resolvers.
 * <p>
 * It is a CXF feature, which CXF hands the application's bus. The whiteboard passes a CXF feature on to CXF only when
 * it is a whiteboard extension (held by the application as a singleton it is taken for a JAX-RS provider and ignored),
 * so it is registered as one, for this application alone; the application names it among the extensions it needs, so
 * it is published once, with it.
 */
@Component(service = Feature.class)
@JaxrsExtension
@JaxrsName(Jaxrs.REQUEST_CLASS_LOADER)
@JaxrsApplicationSelect("(" + JaxrsWhiteboardConstants.JAX_RS_NAME + "=" + Jaxrs.APPLICATION + ")")
public final class RequestClassLoader implements Feature, ResourceResolver {
    /** The name CXF's servlet asks for: no resource, only "a class loader for this request". */
    static final String REQUEST_LOADER = "";

    @Override
    public void initialize(Server server, Bus bus) {
        initialize(bus);
    }

    @Override
    public void initialize(Client client, Bus bus) {
        // a client's requests do not go through the servlet
    }

    @Override
    public void initialize(InterceptorProvider interceptorProvider, Bus bus) {
        // nothing to intercept
    }

    @Override
    public void initialize(Bus bus) {
        ResourceManager resources = bus.getExtension(ResourceManager.class);
        if (resources != null) {
            resources.addResourceResolver(this);
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
