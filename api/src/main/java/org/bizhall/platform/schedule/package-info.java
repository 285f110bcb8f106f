/**
 * Due work of orders, between the engine and the scheduler. Platform only: procedure and province bundles never
 * import an {@code org.bizhall.platform} package.
 */
@Version("1.0.0")
@Export
package org.bizhall.platform.schedule;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
