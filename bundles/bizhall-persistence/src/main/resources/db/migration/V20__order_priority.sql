-- bizhall schema, version 20: an order's priority mark. Same portability rules as V1.

-- VIP when the order was submitted for a big customer of its province (rulebook §14: VIP orders go first), else
-- NORMAL; the engine fixes it at submission, so every edge shows the mark the order was taken with. Orders stored
-- before this version are NORMAL.
ALTER TABLE orders ADD COLUMN priority VARCHAR(8) DEFAULT 'NORMAL' NOT NULL;
