-- Request ids of creating calls (CreateApiKey's request_id): a retry with the same id returns the
-- first call's key instead of creating another. Written in the create's transaction, before the
-- key, so concurrent retries wait on the primary key and then read the first call's key.
-- Kept for at least 24 hours (for now, indefinitely). No foreign key: the row is written before
-- the key it names.

-- LOCAL: Flyway runs on a pooled connection, and these must not outlive the migration's transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30s';

CREATE TABLE create_requests (
    -- The RPC, such as 'CreateApiKey': one request id may serve one call of each.
    method        text        NOT NULL,
    -- For CreateApiKey, a hash of the caller's request_id, never the request_id itself.
    request_id    uuid        NOT NULL,
    -- What the first call created, such as the key's id.
    resource_id   uuid        NOT NULL,
    -- For CreateApiKey, the secret, AES-GCM encrypted under a key derived from the request_id:
    -- useless without the request_id, which the service does not keep.
    sealed_result bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT create_requests_pkey PRIMARY KEY (method, request_id)
);
