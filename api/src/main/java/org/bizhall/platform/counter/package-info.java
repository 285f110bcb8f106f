/**
 * Where the devices bundle keeps satisfaction ratings; implemented by the persistence bundle. Platform only:
 * procedure and province bundles never import an {@code org.bizhall.platform} package.
 */
@Version("1.0.0")
@Export
package org.bizhall.platform.counter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
