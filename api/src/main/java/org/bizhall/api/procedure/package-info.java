/** The procedure SPI: one implementation per service type, national default or province override. */
@Version("1.1.0")
@Export
package org.bizhall.api.procedure;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
