package dev.polystore.bench.auth;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.ChatRoom;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import io.grpc.ManagedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What authentication costs: GetUser (a service token) and PostMessage (a workspace API key,
 * verified once and then answered from the key cache) on a gateway that authenticates, against
 * the same calls on one that does not, same stores, same run. In its table the "gateway" columns
 * are auth on and the "direct" columns auth off, so "ratio" is on / off.
 */
public final class AuthBench implements BenchSuite {
  @Override
  public String name() {
    return "auth";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    Map<String, String> env = ChatRoom.freshStores();
    List<Comparison> results = new ArrayList<>();
    try (BenchGateway on = BenchGateway.start("accounts,messenger", env, true);
        BenchGateway off = BenchGateway.start("accounts,messenger", env, false)) {
      var accounts = AccountsServiceGrpc.newBlockingStub(on.channel());
      String user = accounts.createUser(CreateUserRequest.newBuilder().setEmail("auth-bench@bench.example")
          .setDisplayName("Bench").build()).getUser().getUserId();
      String workspace = accounts.createWorkspace(CreateWorkspaceRequest.newBuilder().setSlug("auth-bench")
          .setName("Auth bench").setOwnerUserId(user).build()).getWorkspace().getWorkspaceId();
      String secret = accounts.createApiKey(CreateApiKeyRequest.newBuilder().setWorkspaceId(workspace)
          .setName("bench").addScopes("messages:write").build()).getSecret();
      String room = ChatRoom.create(on, workspace, user, "auth-bench");

      GetUserRequest get = GetUserRequest.newBuilder().setUserId(user).build();
      var offAccounts = AccountsServiceGrpc.newBlockingStub(off.channel());
      for (int clients : clientCounts) {
        Measurement withAuth = runner.run("GetUser-auth-on", clients, (client, seq) ->
            accounts.withDeadlineAfter(5, TimeUnit.SECONDS).getUser(get));
        Measurement withoutAuth = runner.run("GetUser-auth-off", clients, (client, seq) ->
            offAccounts.withDeadlineAfter(5, TimeUnit.SECONDS).getUser(get));
        results.add(new Comparison("GetUser (auth on / off)", withAuth, withoutAuth));
      }
      ManagedChannel keyed = on.channel(secret);
      ManagedChannel plain = off.channel(secret);
      try {
        var onStub = MessengerServiceGrpc.newBlockingStub(keyed);
        var offStub = MessengerServiceGrpc.newBlockingStub(plain);
        for (int clients : clientCounts) {
          String run = UUID.randomUUID().toString().substring(0, 8);
          Measurement withAuth = runner.run("PostMessage-auth-on", clients, (client, seq) ->
              onStub.withDeadlineAfter(5, TimeUnit.SECONDS).postMessage(ChatRoom.message(workspace, room, user, "on" + run + client + "-" + seq)));
          Measurement withoutAuth = runner.run("PostMessage-auth-off", clients, (client, seq) ->
              offStub.withDeadlineAfter(5, TimeUnit.SECONDS).postMessage(ChatRoom.message(workspace, room, user, "off" + run + client + "-" + seq)));
          results.add(new Comparison("PostMessage (auth on / off)", withAuth, withoutAuth));
        }
      } finally {
        keyed.shutdownNow();
        plain.shutdownNow();
      }
    }
    return results;
  }
}
