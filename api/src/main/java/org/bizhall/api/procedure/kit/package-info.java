/**
 * The procedure kit: what every procedure bundle needs and should not write again. {@link ProcedureProvider} names
 * the procedure once (DS turns it into the registration's service properties); {@link KitProcedure} reads the same
 * annotation, loads the descriptor and the params schema from the bundle's resources and offers the documents-case
 * check; {@link Quotes} builds and sums quote items; {@link OrderSubscribers} finds the order's subscriber in the
 * caller's province and checks that the customer is its holder. Money (change, kiosk surplus, deposits used to pay)
 * is the engine's: nothing here moves it.
 */
@Version("1.0.0")
@Export
package org.bizhall.api.procedure.kit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
