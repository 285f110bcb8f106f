/**
 * Loading the demo halls, staff, catalogue and number pool, for the shell and tests. Platform only: procedure and
 * province bundles never import an {@code org.bizhall.platform} package.
 */
@Version("1.0.0")
@Export
package org.bizhall.platform.demo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
