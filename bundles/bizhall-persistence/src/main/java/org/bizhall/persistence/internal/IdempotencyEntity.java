package org.bizhall.persistence.internal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.IdClass;
import javax.persistence.Table;

/** An idempotency key of a user on a path; {@code status} stays null until the first answer is stored. */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyEntity.Key.class)
class IdempotencyEntity {
    @Id
    @Column(name = "username", length = 64)
    String user;
    @Id
    @Column(name = "path", length = 255)
    String path;
    @Id
    @Column(name = "idem_key", length = 128)
    String key;
    @Column(name = "request_hash", nullable = false, length = 128, updatable = false)
    String requestHash;
    @Column(name = "status")
    Integer status;
    @Column(name = "location", length = 500)
    String location;
    @Column(name = "body", length = Codec.MAX_TEXT)
    String body;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;

    /** Composite key: user, path and key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String user;
        String path;
        String key;

        public Key() {
        }

        Key(String user, String path, String key) {
            this.user = user;
            this.path = path;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(user, k.user) && Objects.equals(path, k.path)
                    && Objects.equals(key, k.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, path, key);
        }
    }
}
