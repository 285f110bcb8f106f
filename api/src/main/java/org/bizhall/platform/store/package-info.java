/**
 * Stores the engine, the HTTP edge and receipt printing persist orders, idempotency keys and print jobs through;
 * implemented by the persistence bundle. Platform only: procedure and province bundles never import an
 * {@code org.bizhall.platform} package (a procedure writes orders through the engine, never behind it).
 */
@Version("1.2.0")
@Export
package org.bizhall.platform.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
