SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN locale text;
ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE users
    ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN tags text[] NOT NULL DEFAULT ARRAY[]::text[];
ALTER TABLE users ADD COLUMN IF NOT EXISTS joined_time timestamptz NOT NULL DEFAULT now();
ALTER TABLE users ADD COLUMN note text DEFAULT 'not null, unique, gen_random_uuid()';
ALTER TABLE users ADD COLUMN retention interval NOT NULL DEFAULT interval '30 days';
ALTER TABLE users ADD COLUMN balance numeric(12, 2) NOT NULL DEFAULT (-1.5);
-- Nothing to validate: every existing row holds NULL.
ALTER TABLE users ADD COLUMN home_workspace_id uuid REFERENCES workspaces (workspace_id);
ALTER TABLE users ADD COLUMN quota int CHECK (quota >= 0);
