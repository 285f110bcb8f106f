package org.bizhall.core.internal.clock;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@code org.bizhall.clock}: the business time zone and, on demo and test nodes, a movable offset. */
@ObjectClassDefinition(id = ConfiguredBusinessClock.PID, name = "bizhall business clock",
        description = "The time every business fact is stamped with")
public @interface ClockConfig {
    @AttributeDefinition(name = "Time zone", description = "Zone of business dates and months")
    String zone() default "Asia/Shanghai";

    @AttributeDefinition(name = "Adjustable",
            description = "Whether an admin may move the clock (demo and test distributions only, never production)")
    boolean adjustable() default false;

    @AttributeDefinition(name = "Offset (ms)", description = "Business time minus system time at start; a move through the API is kept apart and counts while this value is unchanged")
    long offsetMillis() default 0L;
}
