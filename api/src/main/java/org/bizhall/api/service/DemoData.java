package org.bizhall.api.service;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Loads the demo halls, staff, catalogue and number pool into an empty store (demo distribution and tests only).
 * Returns what it loaded, by kind; 409 {@code STORE_NOT_EMPTY} when halls already exist.
 * <p>
 * Only the platform (shell, tests) uses it. It stays here, not in {@code org.bizhall.platform}, because taking a type
 * out of this package is a major change of the package every procedure imports; it moves at that package's next major
 * version.
 */
@ProviderType
public interface DemoData {
    Map<String, Long> load();

    boolean loaded();
}
