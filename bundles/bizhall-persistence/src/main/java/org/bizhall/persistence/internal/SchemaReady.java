package org.bizhall.persistence.internal;

/**
 * Registered by {@link SchemaMigrator} once every migration is applied. Stores reference it so that none of them starts
 * against a schema that is not there yet. Internal: it never leaves this bundle.
 */
public interface SchemaReady {
    /** The highest schema version applied. */
    int version();
}
