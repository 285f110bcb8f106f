/**
 * Customer care (rulebook §12): complaint tickets taken in from every channel, dispatched to a department, replied,
 * called back and closed, each state with its due time. Implemented by the persistence bundle.
 */
@Version("1.0.0")
@Export
package org.bizhall.api.care;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
