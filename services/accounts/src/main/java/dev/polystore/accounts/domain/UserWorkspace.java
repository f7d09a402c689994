package dev.polystore.accounts.domain;

import java.time.Instant;

/** A workspace as one of a user's workspaces: lists of them are ordered by when the user joined. */
public record UserWorkspace(Workspace workspace, Instant joinedAt) {}
