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
      ManagedChannel keyed = on.channel(secret);
      ManagedChannel plain = off.channel(secret);
      try {
        var onStub = MessengerServiceGrpc.newBlockingStub(keyed);
        var offStub = MessengerServiceGrpc.newBlockingStub(plain);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int clients : clientCounts) {
          results.addAll(compare(runner, "GetUser", clients,
              (client, seq) -> accounts.withDeadlineAfter(5, TimeUnit.SECONDS).getUser(get),
              (client, seq) -> offAccounts.withDeadlineAfter(5, TimeUnit.SECONDS).getUser(get)));
          results.addAll(compare(runner, "PostMessage", clients,
              (client, seq) -> onStub.withDeadlineAfter(5, TimeUnit.SECONDS)
                  .postMessage(ChatRoom.message(workspace, room, user, "on" + run + clients + "-" + client + "-" + seq)),
              (client, seq) -> offStub.withDeadlineAfter(5, TimeUnit.SECONDS)
                  .postMessage(ChatRoom.message(workspace, room, user, "off" + run + clients + "-" + client + "-" + seq))));
        }
      } finally {
        keyed.shutdownNow();
        plain.shutdownNow();
      }
    }
    return results;
  }

  /**
   * Both orders, on then off and off then on: whichever runs second finds the JIT warmer and the
   * machine's caches fuller, so one order alone would favour a side. Both rows go in the table.
   */
  private static List<Comparison> compare(LoadRunner runner, String operation, int clients,
      LoadRunner.Operation withAuth, LoadRunner.Operation withoutAuth) throws InterruptedException {
    Measurement on1 = runner.run(operation + "-auth-on", clients, withAuth);
    Measurement off1 = runner.run(operation + "-auth-off", clients, withoutAuth);
    Measurement off2 = runner.run(operation + "-auth-off", clients, withoutAuth);
    Measurement on2 = runner.run(operation + "-auth-on", clients, withAuth);
    return List.of(new Comparison(operation + " (auth on / off, on first)", on1, off1),
        new Comparison(operation + " (auth on / off, off first)", on2, off2));
  }
}
