/**
 * Hall devices: one driver interface per device kind, the configuration a driver is handed for one device, and the
 * registry that binds configured devices to whatever driver bundles are installed. Procedures and the edge use a
 * device through its kind's interface and never name a model.
 */
@Version("1.0.1")
@Export
package org.bizhall.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
