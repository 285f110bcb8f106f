package org.bizhall.rest.internal;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Application;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.MessageBodyReader;

import org.bizhall.rest.internal.edge.RequestClassLoader;
import org.bizhall.rest.internal.resource.AccountResource;
import org.bizhall.rest.internal.resource.AdminBillingRunResource;
import org.bizhall.rest.internal.resource.AdminClockResource;
import org.bizhall.rest.internal.resource.AdminCollectionRunResource;
import org.bizhall.rest.internal.resource.AdminJobResource;
import org.bizhall.rest.internal.resource.CustomerCategoryResource;
import org.bizhall.rest.internal.resource.DeviceRegistrationResource;
import org.bizhall.rest.internal.resource.DeviceResource;
import org.bizhall.rest.internal.resource.GiftResource;
import org.bizhall.rest.internal.resource.HallRatingResource;
import org.bizhall.rest.internal.resource.HealthResource;
import org.bizhall.rest.internal.resource.MeResource;
import org.bizhall.rest.internal.resource.NumberKioskResource;
import org.bizhall.rest.internal.resource.NumberResource;
import org.bizhall.rest.internal.resource.OpenApiResource;
import org.bizhall.rest.internal.resource.OrderRatingResource;
import org.bizhall.rest.internal.resource.OrderResource;
import org.bizhall.rest.internal.resource.PointsResource;
import org.bizhall.rest.internal.resource.ProcedureResource;
import org.bizhall.rest.internal.resource.ProductResource;
import org.bizhall.rest.internal.resource.QueueResource;
import org.bizhall.rest.internal.resource.ReceiptResource;
import org.bizhall.rest.internal.resource.SettlementResource;
import org.bizhall.rest.internal.resource.SubscriberResource;
import org.bizhall.rest.internal.resource.TicketResource;
import org.bizhall.rest.internal.resource.VpmnArchiveResource;
import org.bizhall.rest.internal.resource.VpmnGroupResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The bizhall JAX-RS application at {@code /api/v1}, published on the whiteboard once and whole: every resource and
 * provider of the API is a component of this bundle that the application holds as a singleton (one provider,
 * {@link RequestClassLoader}, is the application's own object: it serves CXF, not the API).
 * <p>
 * Registered on the whiteboard one by one, the resources and extensions made it rebuild the application (a new CXF
 * server over the same path) as each of some thirty services arrived at boot, while Jetty's request threads answered
 * 404 or 500 and logged errors, and a resource could be served before the filter that authenticates it. Held here,
 * nothing is served until the JSON, problem and authentication providers and every resource are there, and then the
 * whole API at once. The services a resource uses come and go behind it (its references are dynamic, or it looks them
 * up per call), so the application is published again only when one of its own parts is replaced, such as the
 * authentication filter on a new configuration.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(Jaxrs.BASE)
@JaxrsName(Jaxrs.APPLICATION)
public class BizhallApplication extends Application {
    @Reference(target = "(osgi.jaxrs.name=" + Jaxrs.JSON + ")")
    private MessageBodyReader<?> json;
    @Reference(target = "(osgi.jaxrs.name=" + Jaxrs.PROBLEMS + ")")
    private ExceptionMapper<?> problems;
    @Reference(target = "(osgi.jaxrs.name=" + Jaxrs.WEB_PROBLEMS + ")")
    private ExceptionMapper<?> webProblems;
    @Reference(target = "(osgi.jaxrs.name=" + Jaxrs.UNEXPECTED + ")")
    private ExceptionMapper<?> unexpected;
    @Reference(target = "(osgi.jaxrs.name=" + Jaxrs.AUTHENTICATION + ")")
    private ContainerRequestFilter authentication;

    @Reference
    private AccountResource account;
    @Reference
    private AdminBillingRunResource adminBillingRun;
    @Reference
    private AdminClockResource adminClock;
    @Reference
    private AdminCollectionRunResource adminCollectionRun;
    @Reference
    private AdminJobResource adminJob;
    @Reference
    private CustomerCategoryResource customerCategory;
    @Reference
    private DeviceRegistrationResource deviceRegistration;
    @Reference
    private DeviceResource device;
    @Reference
    private GiftResource gift;
    @Reference
    private HallRatingResource hallRating;
    @Reference
    private HealthResource health;
    @Reference
    private MeResource me;
    @Reference
    private NumberKioskResource numberKiosk;
    @Reference
    private NumberResource number;
    @Reference
    private OpenApiResource openApi;
    @Reference
    private OrderRatingResource orderRating;
    @Reference
    private OrderResource order;
    @Reference
    private PointsResource points;
    @Reference
    private ProcedureResource procedure;
    @Reference
    private ProductResource product;
    @Reference
    private QueueResource queue;
    @Reference
    private ReceiptResource receipt;
    @Reference
    private SettlementResource settlement;
    @Reference
    private SubscriberResource subscriber;
    @Reference
    private TicketResource ticket;
    @Reference
    private VpmnArchiveResource vpmnArchive;
    @Reference
    private VpmnGroupResource vpmnGroup;

    /** Not a service: it meets CXF's bus only from inside a request (see its Javadoc). */
    private final RequestClassLoader requestClassLoader = new RequestClassLoader();

    private Set<Object> singletons = Set.of();

    @Activate
    void activate() {
        singletons = parts(List.of(json, problems, webProblems, unexpected, authentication, requestClassLoader),
                List.of(account, adminBillingRun, adminClock, adminCollectionRun, adminJob, customerCategory,
                deviceRegistration, device, gift, hallRating, health, me,
                numberKiosk, number, openApi, orderRating, order, points,
                procedure, product, queue, receipt, settlement, subscriber,
                ticket, vpmnArchive, vpmnGroup));
    }

    @Deactivate
    void deactivate() {
        requestClassLoader.leave();
    }

    /** Providers first, then resources, each once, in a stable order. */
    static Set<Object> parts(List<?> providers, List<?> resources) {
        Set<Object> all = new LinkedHashSet<>(providers);
        all.addAll(resources);
        return Collections.unmodifiableSet(all);
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
