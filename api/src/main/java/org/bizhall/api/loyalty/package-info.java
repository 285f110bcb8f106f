/**
 * Loyalty points and gifts (rulebook §8): a points balance per number, every movement of it an immutable row (earned by
 * a billing run, adjusted by the back office, held by a redemption and given back when it does not go ahead), and the
 * gift catalogue with its stock. Implemented by the persistence bundle.
 */
@Version("1.1.0")
@Export
package org.bizhall.api.loyalty;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
