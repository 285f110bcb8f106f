package org.bizhall.core.internal.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.bizhall.demo}. */
@ObjectClassDefinition(id = DemoDataLoader.PID, name = "bizhall demo data",
        description = "Demo halls, staff, catalogue and number pool (demo distribution and tests only)")
public @interface DemoConfig {
    @AttributeDefinition(name = "Load on start", description = "Load the demo data when the node starts with an empty store")
    boolean loadOnStart() default false;

    @AttributeDefinition(name = "Demo points",
            description = "Points every subscriber of the demo data starts with (a back-office adjustment by 'demo')")
    long demoPoints() default 6000L;

    @AttributeDefinition(name = "Bench halls",
            description = "Extra self-owned halls SN-BENCH-01… of province SN, each with one operator bench-01… (whose"
                    + " password the realm needs separately), so a load spreads over many halls; 0 adds none")
    int benchHalls() default 0;
}
