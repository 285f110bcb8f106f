-- bizhall schema, version 22, on Derby only (a *.derby.sql script: on another database the version is recorded and
-- nothing runs). Two tables whose rows grow after their insert get room for it in each row.
--
-- Derby fills a 4 KiB page to 80 % at insert; a later update that grows a row past what is left on its page splits it
-- onto an overflow page, throwing a LongColumnException whose stack trace is filled through the request's whole depth
-- (docs/benchmarks.md, "Room for a hold and for an answer"). derby.storage.minimumRecordSize gives each row of a table
-- that many bytes at insert. Derby keeps what a table was created with (a compress too), so each table is created anew
-- while the property is set, and its rows copied. PostgreSQL writes a new row version at every update anyway.
--
-- The pool: a number is imported with who holds it, for which order and until when all empty; a hold fills them and
-- about doubles the row, so past a dozen holds on a page every further one split its row (1.4 % of the request threads
-- while openings run). 128 bytes: a held row with a username of up to about twenty characters.
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.minimumRecordSize', '128');
CREATE TABLE pool_numbers_v22 (
    msisdn VARCHAR(11) NOT NULL PRIMARY KEY,
    province VARCHAR(8) NOT NULL,
    status VARCHAR(16) NOT NULL,
    prestore_fen BIGINT NOT NULL,
    reserved_by VARCHAR(64),
    order_id VARCHAR(64),
    expires_at TIMESTAMP
);
-- Idempotency keys: a key is claimed before the request runs and its answer written at the end, by which time the
-- claims of the requests running beside it fill the page (0.5 %). 1,800 bytes, two rows a page: an answer of up to
-- about 1.6 KB (an opening's order is 1.5 KB) stays on the page; a longer one still goes on to an overflow page.
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.minimumRecordSize', '1800');
CREATE TABLE idempotency_keys_v22 (
    username VARCHAR(64) NOT NULL,
    path VARCHAR(255) NOT NULL,
    idem_key VARCHAR(128) NOT NULL,
    request_hash VARCHAR(128) NOT NULL,
    status INTEGER,
    location VARCHAR(500),
    body VARCHAR(32000),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (username, path, idem_key)
);
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.minimumRecordSize', NULL);

INSERT INTO pool_numbers_v22 (msisdn, province, status, prestore_fen, reserved_by, order_id, expires_at)
    SELECT msisdn, province, status, prestore_fen, reserved_by, order_id, expires_at FROM pool_numbers;
DROP TABLE pool_numbers;
RENAME TABLE pool_numbers_v22 TO pool_numbers;
CREATE INDEX ix_pool_numbers_search ON pool_numbers (province, msisdn, status, expires_at);

INSERT INTO idempotency_keys_v22 (username, path, idem_key, request_hash, status, location, body, created_at)
    SELECT username, path, idem_key, request_hash, status, location, body, created_at FROM idempotency_keys;
DROP TABLE idempotency_keys;
RENAME TABLE idempotency_keys_v22 TO idempotency_keys;
