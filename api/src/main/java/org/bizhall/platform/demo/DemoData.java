package org.bizhall.platform.demo;

import java.util.Map;

/**
 * Loads the demo halls, staff, catalogue and number pool into an empty store (demo distribution and tests only).
 * Returns what it loaded, by kind; 409 {@code STORE_NOT_EMPTY} when halls already exist.
 */
public interface DemoData {
    Map<String, Long> load();

    boolean loaded();
}
