package org.bizhall.engine.internal;

import org.bizhall.api.procedure.Procedure;

/**
 * The provider the registry chose for one call. Valid for that call only: the next call resolves again, so a bundle
 * installed or removed in between takes effect at once.
 */
public record ResolvedProcedure(Procedure procedure, String id, String province, String provider, int ranking,
        long serviceId) {
}
