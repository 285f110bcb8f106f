/** Value types and the problem every refusal is expressed as. */
@Version("1.1.0")
@Export
package org.bizhall.api.common;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
