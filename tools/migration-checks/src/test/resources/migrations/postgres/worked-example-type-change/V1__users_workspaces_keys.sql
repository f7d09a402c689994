-- A first migration shaped like the accounts service's: new tables, foreign keys between them and
-- plain indexes on them. Nothing exists before it, so every rule lets it through.
CREATE TABLE users (
    user_id      uuid PRIMARY KEY,
    email        text NOT NULL,
    display_name text NOT NULL,
    create_time  timestamptz NOT NULL DEFAULT now(),
    update_time  timestamptz NOT NULL DEFAULT now(),
    etag         bigint NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE workspaces (
    workspace_id  uuid PRIMARY KEY,
    slug          text NOT NULL UNIQUE,
    name          text NOT NULL,
    owner_user_id uuid NOT NULL REFERENCES users (user_id),
    create_time   timestamptz NOT NULL DEFAULT now(),
    update_time   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id),
    user_id      uuid NOT NULL REFERENCES users (user_id),
    role         text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    create_time  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id, create_time);

CREATE TABLE api_keys (
    api_key_id   uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES workspaces (workspace_id),
    name         text NOT NULL,
    prefix       text NOT NULL,
    secret_hash  bytea NOT NULL,
    scopes       text[] NOT NULL DEFAULT '{}',
    create_time  timestamptz NOT NULL DEFAULT now(),
    expire_time  timestamptz,
    revoke_time  timestamptz
);
CREATE UNIQUE INDEX api_keys_secret_hash_key ON api_keys (secret_hash);

-- A function body holds semicolons that are not statement ends.
CREATE FUNCTION touch_update_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.update_time := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch_update_time();
