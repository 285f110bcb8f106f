-- bizhall schema, version 7: values every node of an installation shares, made once. Same portability rules as V1.

-- idempotency.hmac: the secret key of the request fingerprints kept with idempotency keys (a plain digest of a request
-- holding a 6-digit service password could be reversed by trying every password). The persistence bundle inserts it
-- at its first start, before it serves; nodes starting together keep the first one committed.
CREATE TABLE bizhall_settings (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    setting_value VARCHAR(200) NOT NULL
);
