/**
 * What the counter does with the hall's devices, by kind and never by model: queue tickets, satisfaction ratings,
 * number choice on the kiosk and desk-phone registration. Each service falls back to manual work when the hall has
 * no such device bound ({@link org.bizhall.api.counter.DeviceUnavailableException}). The services are implemented by
 * the devices bundle; {@link org.bizhall.platform.counter.RatingStore} by the persistence bundle.
 */
@Version("2.0.0")
@Export
package org.bizhall.api.counter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
