-- bizhall schema, version 4: satisfaction ratings of completed orders (rules §1.8). Same portability rules as V1.

-- One rating per order: the primary key is what keeps two counters rating one order at once to one rating.
-- The day summary reads a hall's ratings of one business date grouped by operator.
CREATE TABLE order_ratings (
    order_id VARCHAR(64) NOT NULL PRIMARY KEY,
    hall_id VARCHAR(32) NOT NULL,
    province VARCHAR(16) NOT NULL,
    operator VARCHAR(64) NOT NULL,
    score INTEGER NOT NULL,
    rating_source VARCHAR(16) NOT NULL,
    device_id VARCHAR(64),
    recorded_by VARCHAR(64) NOT NULL,
    rated_at TIMESTAMP NOT NULL,
    business_date VARCHAR(10) NOT NULL,
    CONSTRAINT ck_order_ratings_score CHECK (score BETWEEN 1 AND 5)
);
CREATE INDEX ix_order_ratings_hall_date ON order_ratings (hall_id, business_date, operator);
