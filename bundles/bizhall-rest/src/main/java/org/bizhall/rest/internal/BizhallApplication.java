package org.bizhall.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The bizhall JAX-RS application at {@code /api/v1}. It holds no resources itself: resources and extensions register on
 * the whiteboard and select it by name, so each can come and go with the services it needs.
 */
@Component(service = Application.class)
@JaxrsApplicationBase(Jaxrs.BASE)
@JaxrsName(Jaxrs.APPLICATION)
public class BizhallApplication extends Application {
}
