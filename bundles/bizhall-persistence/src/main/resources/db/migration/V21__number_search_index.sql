-- bizhall schema, version 21: the number search reads one index. Same portability rules as V1.

-- GET /numbers counts the free numbers of a prefix (X-Total-Count) on every call: province, a key range and the
-- status with the reservation's expiry. With (province, status, msisdn) the count walked every number of the province
-- and read each row for its expiry (about 8 ms for a pool of 20,000 under the client compiler); with the range
-- columns first and status and expiry in the index, the count reads the prefix's index entries only (under 1 ms).
-- The new index serves every query the old one did: they all fix the province and read in msisdn order.
DROP INDEX ix_pool_numbers_province_status;
CREATE INDEX ix_pool_numbers_search ON pool_numbers (province, msisdn, status, expires_at);
