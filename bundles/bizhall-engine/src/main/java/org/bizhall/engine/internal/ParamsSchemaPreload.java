package org.bizhall.engine.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Has {@link ParamsSchemaLoader#ENGINE} start building the params validator as soon as the engine bundle starts: a
 * component with no reference and no service, which the component runtime activates as the bundle starts.
 */
@Component
public class ParamsSchemaPreload {
    @Activate
    void activate() {
        ParamsSchemaLoader.ENGINE.startLoading();
    }
}
