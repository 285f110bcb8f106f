-- bizhall schema, version 5: what the hall's cash kiosk reported for a KIOSK_CASH payment, kept with the payment so
-- that reading it back shows the same as the answer to the payment did. Same portability rules as V1.

-- kiosk_device is null when no kiosk device took part; the note lists are comma-separated fen values ('' for none).
ALTER TABLE payments ADD COLUMN kiosk_device VARCHAR(64);
ALTER TABLE payments ADD COLUMN kiosk_accepted_fen VARCHAR(1000);
ALTER TABLE payments ADD COLUMN kiosk_returned_fen VARCHAR(1000);
