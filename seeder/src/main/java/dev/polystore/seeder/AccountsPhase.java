package dev.polystore.seeder;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.AccountsServiceGrpc.AccountsServiceBlockingStub;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.ApiKey;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserByEmailRequest;
import dev.polystore.accounts.v1.ListApiKeysRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.accounts.v1.Workspace;
import io.grpc.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Users (natural key: email), workspaces (slug), memberships (workspace and user) and API keys
 * (name within the workspace, then a request_id from the seed).
 */
final class AccountsPhase {
  private final Run run;
  private final AccountsServiceBlockingStub accounts;

  AccountsPhase(Run run) {
    this.run = run;
    this.accounts = AccountsServiceGrpc.newBlockingStub(run.channel);
  }

  void seed() {
    users();
    workspaces();
    members();
    apiKeys();
  }

  private void users() {
    run.phase("users", run.size.users, (tally, progress) -> Parallel.forEach(run.args.concurrency(), run.size.users, i -> {
      String email = run.plan.email(i);
      // ALREADY_EXISTS is the only way CreateUser says the email is taken: then it is ours from an earlier run.
      String id = Calls.call("accounts.CreateUser", () -> run.deadline(accounts).createUser(CreateUserRequest.newBuilder()
          .setEmail(email).setDisplayName(run.plan.displayName(i)).build()).getUser().getUserId(),
          Set.of(Status.Code.ALREADY_EXISTS), status -> null);
      tally.count(id != null);
      if (id == null) {
        id = Calls.call("accounts.GetUserByEmail", () -> run.deadline(accounts).getUserByEmail(
            GetUserByEmailRequest.newBuilder().setEmail(email).build()).getUser().getUserId());
      }
      run.userIds[i] = id;
      progress.step(1);
    }));
  }

  private void workspaces() {
    run.phase("workspaces", run.size.workspaces, (tally, progress) -> {
      for (int w = 0; w < run.size.workspaces; w++) {
        int workspace = w;
        // Idempotent on the slug: the same slug, name and owner returns the existing workspace.
        Workspace created = Calls.call("accounts.CreateWorkspace", () -> run.deadline(accounts).createWorkspace(
            CreateWorkspaceRequest.newBuilder().setSlug(run.plan.slug(workspace)).setName(run.plan.workspaceName(workspace))
                .setOwnerUserId(run.userOf(workspace, 0)).build()).getWorkspace());
        tally.count(run.madeByThisRun(created.getCreateTime()));
        run.workspaceIds[w] = created.getWorkspaceId();
        progress.step(1);
      }
    });
  }

  private void members() {
    int perWorkspace = run.size.membersPerWorkspace - 1;
    run.phase("members", (long) perWorkspace * run.size.workspaces, (tally, progress) ->
        Parallel.forEach(run.args.concurrency(), perWorkspace * run.size.workspaces, i -> {
          int workspace = i / perWorkspace;
          int member = 1 + i % perWorkspace;
          Role role = member % 10 == 1 ? Role.ROLE_ADMIN : Role.ROLE_MEMBER;
          Boolean added = Calls.call("accounts.AddMember", () -> run.deadline(accounts).addMember(AddMemberRequest.newBuilder()
              .setWorkspaceId(run.workspaceIds[workspace]).setUserId(run.userOf(workspace, member)).setRole(role).build()) != null,
              Set.of(Status.Code.ALREADY_EXISTS), status -> false);
          tally.count(added);
          progress.step(1);
        }));
  }

  private void apiKeys() {
    run.phase("api keys", (long) run.size.apiKeysPerWorkspace * run.size.workspaces, (tally, progress) -> {
      for (int w = 0; w < run.size.workspaces; w++) {
        int workspace = w;
        // request_ids are kept for 24 hours only; names persist, so an older run's key is found by name.
        Set<String> names = new HashSet<>();
        for (ApiKey key : Calls.call("accounts.ListApiKeys", () -> run.deadline(accounts).listApiKeys(
            ListApiKeysRequest.newBuilder().setWorkspaceId(run.workspaceIds[workspace]).setPageSize(100).build())).getApiKeysList()) {
          names.add(key.getName());
        }
        for (int k = 0; k < run.size.apiKeysPerWorkspace; k++) {
          String name = run.plan.apiKeyName(workspace, k);
          if (names.contains(name)) {
            tally.count(false);
          } else {
            int key = k;
            ApiKey created = Calls.call("accounts.CreateApiKey", () -> run.deadline(accounts).createApiKey(CreateApiKeyRequest.newBuilder()
                .setWorkspaceId(run.workspaceIds[workspace]).setName(name).addAllScopes(List.of("messages:read", "files:write"))
                .setRequestId(run.plan.keys.uuid("apikey:" + workspace + ":" + key).toString()).build()).getApiKey());
            tally.count(run.madeByThisRun(created.getCreateTime()));
          }
          progress.step(1);
        }
      }
    });
  }
}
