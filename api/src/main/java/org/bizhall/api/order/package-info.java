/** Orders, payments and the engine's services the HTTP and shell edges call. */
@Version("1.3.0")
@Export
package org.bizhall.api.order;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
