-- bizhall schema, version 6: wrong service-password attempts and the lock they lead to (rulebook §11). Same
-- portability rules as V1.

-- password_failures counts consecutive wrong attempts since the last right one (or the last reset);
-- password_locked_until, when set and still ahead, refuses every attempt without checking it. Both change only
-- under the subscriber's row lock.
ALTER TABLE subscribers ADD COLUMN password_failures INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE subscribers ADD COLUMN password_locked_until TIMESTAMP;
