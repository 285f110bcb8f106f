package org.bizhall.api.order;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The procedure providers installed now, resolved per call for a province. */
@ProviderType
public interface ProcedureRegistry {
    /** The provider each procedure id uses for {@code province}, one per id, sorted by id. */
    List<ProcedureListing> active(String province);

    /** Every registered provider applicable to {@code province} (or all when null), with the active ones marked. */
    List<ProcedureListing> all(String province);

    Optional<ProcedureListing> resolve(String province, String procedureId);
}
