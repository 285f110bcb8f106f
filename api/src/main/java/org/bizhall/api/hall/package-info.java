/** Halls, staff roles and the caller on whose behalf a request runs. */
@Version("1.1.0")
@Export
package org.bizhall.api.hall;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
