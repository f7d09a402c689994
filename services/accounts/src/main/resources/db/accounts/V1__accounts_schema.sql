-- AccountsService: users, workspaces, memberships and workspace API keys.
-- Ids are assigned by the service; created_at/updated_at by the database clock, so that keyset
-- pages (created_at, id) follow one clock.

-- LOCAL: Flyway runs on a pooled connection, and these must not outlive the migration's transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30s';

CREATE TABLE users (
    user_id      uuid        NOT NULL,
    email        text        NOT NULL,
    display_name text        NOT NULL,
    -- Bumped by every update; rendered as the user's etag.
    version      bigint      NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (user_id)
);

-- Emails are unique ignoring case; lookups use the same lower() so they hit this index.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE workspaces (
    workspace_id  uuid        NOT NULL,
    slug          text        NOT NULL,
    name          text        NOT NULL,
    owner_user_id uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT workspaces_pkey PRIMARY KEY (workspace_id),
    CONSTRAINT workspaces_slug_key UNIQUE (slug),
    CONSTRAINT workspaces_owner_user_id_fkey FOREIGN KEY (owner_user_id) REFERENCES users (user_id)
);

CREATE INDEX workspaces_owner_user_id_idx ON workspaces (owner_user_id);

CREATE TABLE memberships (
    workspace_id uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    role         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memberships_pkey PRIMARY KEY (workspace_id, user_id),
    CONSTRAINT memberships_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id),
    CONSTRAINT memberships_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (user_id),
    CONSTRAINT memberships_role_check CHECK (role IN ('owner', 'admin', 'member'))
);

-- The keyset orders of ListWorkspacesForUser and ListMembers; the first also indexes the user_id key.
CREATE INDEX memberships_user_id_idx ON memberships (user_id, created_at, workspace_id);
CREATE INDEX memberships_workspace_id_created_at_idx ON memberships (workspace_id, created_at, user_id);

CREATE TABLE api_keys (
    api_key_id   uuid        NOT NULL,
    workspace_id uuid        NOT NULL,
    name         text        NOT NULL,
    -- The first characters of the secret, shown in lists; the secret itself is never stored.
    prefix       text        NOT NULL,
    -- SHA-256 of the secret: VerifyApiKey finds the key by it.
    secret_hash  bytea       NOT NULL,
    scopes       text[]      NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    -- Written in batches, not on every verification.
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_pkey PRIMARY KEY (api_key_id),
    CONSTRAINT api_keys_secret_hash_key UNIQUE (secret_hash),
    CONSTRAINT api_keys_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (workspace_id)
);

-- The keyset order of ListApiKeys; also indexes the workspace_id key.
CREATE INDEX api_keys_workspace_id_idx ON api_keys (workspace_id, created_at, api_key_id);
