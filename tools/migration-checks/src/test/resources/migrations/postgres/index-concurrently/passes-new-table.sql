CREATE TABLE sessions (session_id uuid PRIMARY KEY, user_id uuid NOT NULL, expire_time timestamptz NOT NULL);
-- The table is empty and nobody writes to it yet, and CONCURRENTLY could not share this transaction.
CREATE INDEX sessions_user_idx ON sessions (user_id);
