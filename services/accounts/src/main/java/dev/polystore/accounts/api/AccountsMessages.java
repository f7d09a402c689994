package dev.polystore.accounts.api;

import dev.polystore.accounts.domain.ApiKey;
import dev.polystore.accounts.domain.Membership;
import dev.polystore.accounts.domain.User;
import dev.polystore.accounts.domain.Workspace;
import dev.polystore.accounts.v1.Role;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.grpc.Timestamps;

/** Domain values to their protobuf messages and back: the only place both are known. */
final class AccountsMessages {
  private AccountsMessages() {}

  static dev.polystore.accounts.v1.User user(User user) {
    return dev.polystore.accounts.v1.User.newBuilder()
        .setUserId(user.id().toString())
        .setEmail(user.email())
        .setDisplayName(user.displayName())
        .setCreateTime(Timestamps.of(user.createdAt()))
        .setUpdateTime(Timestamps.of(user.updatedAt()))
        .setEtag(user.etag())
        .build();
  }

  static dev.polystore.accounts.v1.Workspace workspace(Workspace workspace) {
    return dev.polystore.accounts.v1.Workspace.newBuilder()
        .setWorkspaceId(workspace.id().toString())
        .setSlug(workspace.slug())
        .setName(workspace.name())
        .setOwnerUserId(workspace.ownerUserId().toString())
        .setCreateTime(Timestamps.of(workspace.createdAt()))
        .setUpdateTime(Timestamps.of(workspace.updatedAt()))
        .build();
  }

  static dev.polystore.accounts.v1.Membership membership(Membership membership) {
    return dev.polystore.accounts.v1.Membership.newBuilder()
        .setWorkspaceId(membership.workspaceId().toString())
        .setUserId(membership.userId().toString())
        .setRole(role(membership.role()))
        .setCreateTime(Timestamps.of(membership.createdAt()))
        .build();
  }

  static dev.polystore.accounts.v1.ApiKey apiKey(ApiKey key) {
    dev.polystore.accounts.v1.ApiKey.Builder message = dev.polystore.accounts.v1.ApiKey.newBuilder()
        .setApiKeyId(key.id().toString())
        .setWorkspaceId(key.workspaceId().toString())
        .setName(key.name())
        .setPrefix(key.prefix())
        .addAllScopes(key.scopes())
        .setCreateTime(Timestamps.of(key.createdAt()));
    key.userId().ifPresent(user -> message.setUserId(user.toString()));
    key.expiresAt().ifPresent(at -> message.setExpireTime(Timestamps.of(at)));
    key.revokedAt().ifPresent(at -> message.setRevokeTime(Timestamps.of(at)));
    key.lastUsedAt().ifPresent(at -> message.setLastUseTime(Timestamps.of(at)));
    return message.build();
  }

  static Role role(dev.polystore.accounts.domain.Role role) {
    return switch (role) {
      case OWNER -> Role.ROLE_OWNER;
      case ADMIN -> Role.ROLE_ADMIN;
      case MEMBER -> Role.ROLE_MEMBER;
    };
  }

  /** The contract refuses ROLE_UNSPECIFIED and unknown numbers before a handler runs; this is a backstop. */
  static dev.polystore.accounts.domain.Role role(Role role) {
    return switch (role) {
      case ROLE_OWNER -> dev.polystore.accounts.domain.Role.OWNER;
      case ROLE_ADMIN -> dev.polystore.accounts.domain.Role.ADMIN;
      case ROLE_MEMBER -> dev.polystore.accounts.domain.Role.MEMBER;
      case ROLE_UNSPECIFIED, UNRECOGNIZED -> throw ServiceException.invalid("role", "enum.defined",
          "must be ROLE_OWNER, ROLE_ADMIN or ROLE_MEMBER");
    };
  }
}
