-- bizhall schema, version 22, on Derby only (a *.derby.sql script: on another database the version is recorded and
-- nothing runs). The pool's rows get room for their hold.
--
-- A number is imported with who holds it, for which order and until when all empty; a hold fills them and about
-- doubles the row. Derby fills a page to 80 % at insert, so after a dozen holds on a page every further hold there
-- split its row onto an overflow page (Derby's LongColumnException, its stack filled through the request's whole
-- depth: 1.4 % of the request threads' CPU while openings run, docs/benchmarks.md "Room for a hold"). With
-- derby.storage.minimumRecordSize each row is given 128 bytes at insert, a held row's size with a username of up to
-- about twenty characters (a longer one uses the page's reserve). Derby keeps the setting a table was created with
-- (a compress keeps it too), so the table is created anew while the property is set, and its rows copied.
-- PostgreSQL writes a new row version at every update anyway: nothing to do there.
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
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.minimumRecordSize', NULL);
INSERT INTO pool_numbers_v22 (msisdn, province, status, prestore_fen, reserved_by, order_id, expires_at)
    SELECT msisdn, province, status, prestore_fen, reserved_by, order_id, expires_at FROM pool_numbers;
DROP TABLE pool_numbers;
RENAME TABLE pool_numbers_v22 TO pool_numbers;
CREATE INDEX ix_pool_numbers_search ON pool_numbers (province, msisdn, status, expires_at);
