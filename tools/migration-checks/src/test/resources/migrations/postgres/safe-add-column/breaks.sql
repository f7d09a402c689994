SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN locale text NOT NULL;
ALTER TABLE users ADD COLUMN external_id uuid DEFAULT gen_random_uuid();
ALTER TABLE users ADD COLUMN row_number bigserial;
ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
ALTER TABLE users ADD COLUMN handle text UNIQUE;
ALTER TABLE users ADD COLUMN tier int DEFAULT 1 CHECK (tier > 0);
