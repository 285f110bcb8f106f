/** Customers, third parties and the documents they show at the counter. */
@Version("1.3.0")
@Export
package org.bizhall.api.customer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
