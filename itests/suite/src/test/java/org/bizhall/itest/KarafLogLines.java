package org.bizhall.itest;

import java.util.regex.Pattern;

/** Entries of Karaf's own {@code data/log/karaf.log} that the log checks of these tests pass over, each with why. */
final class KarafLogLines {

    /**
     * Karaf's JMX server restarts when its configuration arrives during the boot, and on some boots Aries' JMX
     * whiteboard then registers the features service's MBean again into the platform MBean server it is already
     * registered in: {@code InstanceAlreadyExistsException: org.apache.karaf:type=feature,name=root}, logged at ERROR.
     * The first registration stays and answers. Seen once in ten CI runs, in a start after {@code kill -9}
     * (SchedulerRestartIT, 2026-12-05); only Karaf's own MBeans are passed over, never one of the platform's.
     */
    private static final Pattern KARAF_MBEAN_REGISTERED_TWICE = Pattern.compile(
            "^\\S+ \\| ERROR\\s*\\| \\S+\\s*\\| MBeanHolder\\s*\\| \\d+ - org\\.apache\\.aries\\.jmx\\.whiteboard - .*"
                    + "\\| register: Failure registering MBean org\\.apache\\.karaf\\..*");

    private KarafLogLines() {
    }

    /** Whether the entry is Karaf's, known and harmless (see the pattern's Javadoc), not one to look into. */
    static boolean knownHarmless(String entry) {
        return KARAF_MBEAN_REGISTERED_TWICE.matcher(entry).matches();
    }
}
