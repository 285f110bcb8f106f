/**
 * Bills and the hall's day: monthly billing runs, arrears, arrears collection and daily settlement. The services are
 * implemented by the billing bundle; {@link org.bizhall.platform.billing.BillingStore} by the persistence bundle.
 */
@Version("2.0.0")
@Export
package org.bizhall.api.billing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
