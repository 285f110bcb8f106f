/** Stores the engine, the HTTP edge and receipt printing persist through; implemented by the persistence bundle. */
@Version("1.0.0")
@Export
package org.bizhall.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
