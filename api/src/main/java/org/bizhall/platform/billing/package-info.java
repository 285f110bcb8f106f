/**
 * Where the billing bundle keeps charges, notices and closed days; implemented by the persistence bundle. Platform
 * only: procedure and province bundles never import an {@code org.bizhall.platform} package.
 */
@Version("1.2.0")
@Export
package org.bizhall.platform.billing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
