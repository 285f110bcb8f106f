-- The receipt numbering of each hall is locked on a row of its own in receipt_counters (business_date 'numbering'),
-- not on the hall row every request reads: made here for the halls that exist, by the hall directory for new ones.
INSERT INTO receipt_counters (hall_id, business_date, last_seq) SELECT id, 'numbering', 0 FROM halls;
