-- bizhall schema, version 9: what the subscriber's life at the counter needs. Same portability rules as V1.

-- cancellable_from: the first business date a formal cancellation may be done, set while PENDING_CANCELLATION.
-- status_since: when the status last changed (the collection run terminates numbers suspended too long).
-- commitments: contract facts binding the package (AGREEMENT_NUMBER, SUBSIDISED_PHONE, PREPAID_PROMOTION), comma list.
ALTER TABLE subscribers ADD COLUMN cancellable_from DATE;
ALTER TABLE subscribers ADD COLUMN status_since TIMESTAMP;
ALTER TABLE subscribers ADD COLUMN commitments VARCHAR(500) DEFAULT '' NOT NULL;
UPDATE subscribers SET status_since = updated_at;
CREATE INDEX ix_subscribers_status_since ON subscribers (status, status_since);
