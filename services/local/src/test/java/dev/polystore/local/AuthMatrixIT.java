package dev.polystore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.polystore.accounts.AccountsModule;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateApiKeyResponse;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetWorkspaceRequest;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.Role;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.files.v1.CompleteUploadRequest;
import dev.polystore.files.v1.CreateUploadRequest;
import dev.polystore.files.v1.CreateUploadResponse;
import dev.polystore.files.v1.FilesServiceGrpc;
import dev.polystore.gateway.Gateway;
import dev.polystore.gateway.GatewayClient;
import dev.polystore.local.MatrixRequests.Users;
import dev.polystore.local.MatrixRequests.Workspace;
import dev.polystore.messenger.v1.CreateRoomRequest;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.platform.auth.AccessRule;
import dev.polystore.platform.auth.ApiKeyCache;
import dev.polystore.platform.grpc.AuthInterceptor;
import dev.polystore.presence.v1.HeartbeatRequest;
import dev.polystore.presence.v1.PresenceServiceGrpc;
import dev.polystore.search.v1.SearchServiceGrpc;
import dev.polystore.search.v1.UpsertDocumentsRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue #16's matrix: every rpc of every service, read from the generated service descriptors (so
 * a new rpc is covered without touching this test), is called with
 * <ul>
 *   <li>no credential, an unknown {@code psk_} secret, an unknown token, and a revoked key holding
 *       the rpc's scope (used only after the documented revocation bound): UNAUTHENTICATED;
 *   <li>a key of workspace A without the rpc's scope: PERMISSION_DENIED;
 *   <li>A's key with exactly the rpc's scope, naming workspace B's resources (or, for an rpc that
 *       acts on no single workspace, calling it at all): PERMISSION_DENIED;
 * </ul>
 * and a member's key acting as another user is PERMISSION_DENIED. Every request is valid and aimed
 * at real resources (writes would change the stores), and the stores, read directly, must be the
 * same after all refused calls as before. Then, as a positive control, the same rpcs with the right
 * key (or the admin) are not refused, so the matrix cannot pass by refusing everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthMatrixIT {
  private static final List<ServiceDescriptor> SERVICES = List.of(
      AccountsServiceGrpc.getServiceDescriptor(), MessengerServiceGrpc.getServiceDescriptor(),
      ActivityServiceGrpc.getServiceDescriptor(), FilesServiceGrpc.getServiceDescriptor(),
      PresenceServiceGrpc.getServiceDescriptor(), SearchServiceGrpc.getServiceDescriptor());
  private static final Set<Status.Code> REFUSALS = Set.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** How often accounts writes the last-use times of API keys (its minimum), which it does in the background. */
  private static final Duration LAST_USE_FLUSH = Duration.ofMillis(100);

  /** An rpc and its access rule, as the contracts declare it. */
  record Rpc(MethodDescriptor<?, ?> method, AccessRule rule) {
    String name() {
      return method.getBareMethodName();
    }
  }

  private static Gateway gateway;
  private static ManagedChannel channel;
  /** The same channel: without a credential, and with the bootstrap admin's token. */
  private static Channel anonymous;
  private static Channel admin;
  private static List<Rpc> rpcs;
  private static Users users;
  private static Workspace a;
  private static Workspace b;
  /** Keys of workspace A: per scope one with exactly that scope, and one holding it that was revoked. */
  private static final Map<String, String> keyWith = new HashMap<>();
  private static final Map<String, String> revokedKeyWith = new HashMap<>();
  /** A key of A whose only scope no rpc needs. */
  private static String unrelatedKey;
  /** A key of A bound to member V, with messages:write. */
  private static String memberKey;

  @BeforeAll
  static void start() throws Exception {
    // Last-use times of API keys are written in the background every ACCOUNTS_LAST_USE_FLUSH_MS:
    // at its minimum, setup's writes have settled long before the revocation wait below ends.
    gateway = Gateway.start(LocalStores.complete(Map.of(AccountsModule.LAST_USE_FLUSH_MS, String.valueOf(LAST_USE_FLUSH.toMillis()))),
        "--spring.grpc.server.port=0", "--server.port=0");
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", gateway.port()).usePlaintext().build();
    anonymous = channel;
    admin = as(LocalAdminToken.read());
    try (GatewayClient health = new GatewayClient(gateway.port())) {
      for (ServiceDescriptor service : SERVICES) {
        assertEquals(ServingStatus.SERVING, health.awaitServing(service.getName(), Duration.ofSeconds(120)), service.getName());
      }
    }
    rpcs = rpcs();
    createUsersAndWorkspaces();
    createKeysOfA();
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      channel.shutdownNow();
      gateway.close();
    }
  }

  @Test
  @Order(1)
  void everyRefusedCallGetsItsStatusAndLeavesEveryStoreUnchanged() throws InterruptedException {
    StoreSnapshot before = StoreSnapshot.settled(admin, List.of(a.id(), b.id()));
    assertSnapshotSeesSetup(before);

    List<String> wrong = new ArrayList<>();
    int calls = 0;
    String unknownPsk = "psk_" + randomHex(20);
    String unknownToken = "tok_" + randomHex(32);
    for (Rpc rpc : rpcs) {
      String scope = rpc.rule().scope();
      Message inA = MatrixRequests.request(rpc.name(), users, a);
      Message inB = MatrixRequests.request(rpc.name(), users, b);
      Map<String, Refusal> cases = new LinkedHashMap<>();
      cases.put("no credential", new Refusal(anonymous, inA, Status.Code.UNAUTHENTICATED));
      cases.put("unknown psk_ secret", new Refusal(as(unknownPsk), inA, Status.Code.UNAUTHENTICATED));
      cases.put("unknown token", new Refusal(as(unknownToken), inA, Status.Code.UNAUTHENTICATED));
      cases.put("revoked key holding " + scope, new Refusal(as(revokedKeyWith.get(scope)), inA, Status.Code.UNAUTHENTICATED));
      cases.put("A's key without " + scope, new Refusal(as(unrelatedKey), inA, Status.Code.PERMISSION_DENIED));
      if (rpc.rule().actsInWorkspace()) {
        cases.put("A's key with " + scope + " naming workspace B", new Refusal(as(keyWith.get(scope)), inB, Status.Code.PERMISSION_DENIED));
      } else {
        cases.put("A's key with " + scope + " on an rpc of no workspace", new Refusal(as(keyWith.get(scope)), inA, Status.Code.PERMISSION_DENIED));
      }
      for (Map.Entry<String, Refusal> c : cases.entrySet()) {
        Status.Code got = call(c.getValue().caller(), rpc.method(), c.getValue().request());
        calls++;
        if (got != c.getValue().expected()) {
          wrong.add(rpc.name() + ", " + c.getKey() + ": expected " + c.getValue().expected() + ", got " + got);
        }
      }
    }
    // A member's key acting as another member.
    Status.Code asAnother = call(as(memberKey), MessengerServiceGrpc.getPostMessageMethod(),
        MatrixRequests.postMessage(a, users.owner()));
    calls++;
    if (asAnother != Status.Code.PERMISSION_DENIED) {
      wrong.add("PostMessage, V's member key as author U: expected PERMISSION_DENIED, got " + asAnother);
    }

    // The one write that is asynchronous by design, an API key's last use, is batched: write what
    // is pending now, so that a use recorded by any refused call would show.
    gateway.host().modules().stream().filter(m -> m instanceof AccountsModule)
        .forEach(m -> ((AccountsModule) m).flushLastUses());
    List<String> changes = before.changesIn(StoreSnapshot.settled(admin, List.of(a.id(), b.id())));
    System.out.printf("auth matrix: %d rpcs x 6 cases + 1 member case = %d refused calls%n", rpcs.size(), calls);
    assertEquals(List.of(), wrong, "calls that did not get their status");
    assertEquals(List.of(), changes, "the refused calls changed the stores");
  }

  /**
   * The positive control, after the matrix's final snapshot since these calls may write: with the
   * right credential no rpc is refused (other errors, such as NOT_FOUND once DeleteFile has run,
   * are the handler's and fine). The stores change, which also shows the snapshot can see writes.
   */
  @Test
  @Order(2)
  void theRightCredentialIsNotRefused() throws InterruptedException {
    StoreSnapshot before = StoreSnapshot.settled(admin, List.of(a.id(), b.id()));
    List<String> refused = new ArrayList<>();
    for (Rpc rpc : rpcs) {
      // A's key with the scope, in A; the admin for rpcs that act on no single workspace.
      Channel caller = rpc.rule().actsInWorkspace() ? as(keyWith.get(rpc.rule().scope())) : admin;
      Status.Code got = call(caller, rpc.method(), MatrixRequests.request(rpc.name(), users, a));
      System.out.printf("positive control %s: %s%n", rpc.name(), got);
      if (REFUSALS.contains(got)) {
        refused.add(rpc.name() + ": " + got);
      }
    }
    Status.Code asItself = call(as(memberKey), MessengerServiceGrpc.getPostMessageMethod(),
        MatrixRequests.postMessage(a, users.member()));
    if (asItself != Status.Code.OK) {
      refused.add("PostMessage, V's member key as author V: " + asItself);
    }
    assertEquals(List.of(), refused, "calls with the right credential that were refused");

    List<String> changed = before.storesChangedIn(StoreSnapshot.settled(admin, List.of(a.id(), b.id())));
    assertTrue(changed.containsAll(List.of("cassandra", "postgres", "search", "valkey")),
        "the positive controls' writes show in every store's snapshot, changed: " + changed);
  }

  /** Every rpc of the six services, from their generated descriptors; bare names must be unique for MatrixRequests. */
  private static List<Rpc> rpcs() {
    List<Rpc> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ServiceDescriptor service : SERVICES) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        var descriptor = ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor();
        AccessRule rule = AccessRule.of(descriptor).orElseThrow(
            () -> new AssertionError(method.getFullMethodName() + " declares no access rule"));
        assertTrue(names.add(method.getBareMethodName()), "two rpcs named " + method.getBareMethodName());
        out.add(new Rpc(method, rule));
      }
    }
    return out;
  }

  private record Refusal(Channel caller, Message request, Status.Code expected) {}

  // ---- set-up, all as the admin -------------------------------------------------------------

  /** Users U (owner), V and W (members), X (member of nothing); workspaces A and B, each with its resources. */
  private static void createUsersAndWorkspaces() throws Exception {
    var accounts = AccountsServiceGrpc.newBlockingStub(admin).withDeadlineAfter(30, TimeUnit.SECONDS);
    String ownerEmail = "owner+" + UUID.randomUUID() + "@example.com";
    String owner = createUser(ownerEmail);
    users = new Users(owner, ownerEmail, createUser(null), createUser(null), createUser(null));
    a = createWorkspace(accounts);
    b = createWorkspace(accounts);
  }

  private static String createUser(String email) {
    String address = email != null ? email : "user+" + UUID.randomUUID() + "@example.com";
    return AccountsServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS)
        .createUser(CreateUserRequest.newBuilder().setEmail(address).setDisplayName("Matrix user").build())
        .getUser().getUserId();
  }

  private static Workspace createWorkspace(AccountsServiceGrpc.AccountsServiceBlockingStub accounts) throws Exception {
    String id = accounts.createWorkspace(CreateWorkspaceRequest.newBuilder()
        .setSlug("matrix-" + UUID.randomUUID().toString().substring(0, 8)).setName("Matrix")
        .setOwnerUserId(users.owner()).build()).getWorkspace().getWorkspaceId();
    for (String member : List.of(users.member(), users.leaving())) {
      accounts.addMember(AddMemberRequest.newBuilder().setWorkspaceId(id).setUserId(member).setRole(Role.ROLE_MEMBER).build());
    }
    var messenger = MessengerServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS);
    String roomId = messenger.createRoom(CreateRoomRequest.newBuilder().setWorkspaceId(id).setName("general")
        .addMemberUserIds(users.owner()).addMemberUserIds(users.member()).addMemberUserIds(users.leaving()).build())
        .getRoom().getRoomId();
    Workspace partial = new Workspace(id, roomId, null, null, null, null, null, null);
    String messageId = messenger.postMessage(MatrixRequests.postMessage(partial, users.owner())).getMessage().getMessageId();

    var files = FilesServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS);
    String uploaded = upload(id, files); // its bytes are in S3, CompleteUpload not called yet
    String ready = upload(id, files);
    files.completeUpload(CompleteUploadRequest.newBuilder().setWorkspaceId(id).setFileId(ready).build());

    String keyToRevoke = createKey(id, List.of("rooms:read"), null).getApiKey().getApiKeyId();
    String secretToVerify = createKey(id, List.of("rooms:read"), null).getSecret();

    Workspace w = new Workspace(id, roomId, messageId, uploaded, ready, keyToRevoke, secretToVerify, "doc-1");
    ActivityServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS)
        .recordEvents((RecordEventsRequest) MatrixRequests.request("RecordEvents", users, w));
    PresenceServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS)
        .heartbeat((HeartbeatRequest) MatrixRequests.request("Heartbeat", users, w));
    SearchServiceGrpc.newBlockingStub(admin).withDeadlineAfter(30, TimeUnit.SECONDS).upsertDocuments(
        UpsertDocumentsRequest.newBuilder().setWorkspaceId(id)
            .addDocuments(MatrixRequests.document(w.documentId(), 0, "hello"))
            .addDocuments(MatrixRequests.document("doc-2", 1, "world")).build());
    return w;
  }

  /** A file of workspace {@code workspaceId} whose bytes were PUT to its presigned URL; its id. */
  private static String upload(String workspaceId, FilesServiceGrpc.FilesServiceBlockingStub files) throws Exception {
    CreateUploadResponse grant = files.createUpload((CreateUploadRequest)
        MatrixRequests.request("CreateUpload", users, new Workspace(workspaceId, null, null, null, null, null, null, null)));
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(grant.getPut().getUrl()))
        .PUT(HttpRequest.BodyPublishers.ofString("hello", StandardCharsets.UTF_8));
    grant.getPut().getHeadersMap().forEach((name, value) -> {
      if (!Set.of("host", "content-length", "connection", "expect").contains(name.toLowerCase(Locale.ROOT))) {
        put.header(name, value);
      }
    });
    HttpResponse<String> answer = HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), () -> "S3 PUT: " + answer.body());
    return grant.getFile().getFileId();
  }

  /**
   * Keys of A: per scope one with exactly that scope and one revoked (proved to work first), a key
   * with an unrelated scope, and V's member key. Returns once the revoked keys are past the
   * documented revocation bound.
   */
  private static void createKeysOfA() throws InterruptedException {
    List<String> scopes = rpcs.stream().map(rpc -> rpc.rule().scope()).distinct().sorted().toList();
    List<String> toRevoke = new ArrayList<>();
    for (String scope : scopes) {
      keyWith.put(scope, createKey(a.id(), List.of(scope), null).getSecret());
      // workspaces:read besides, so that one GetWorkspace proves the key worked before its revocation.
      CreateApiKeyResponse revoked = createKey(a.id(), scope.equals("workspaces:read")
          ? List.of(scope) : List.of(scope, "workspaces:read"), null);
      revokedKeyWith.put(scope, revoked.getSecret());
      Status.Code proof = call(as(revoked.getSecret()), AccountsServiceGrpc.getGetWorkspaceMethod(),
          GetWorkspaceRequest.newBuilder().setWorkspaceId(a.id()).build());
      assertEquals(Status.Code.OK, proof, "the key holding " + scope + " works before it is revoked");
      toRevoke.add(revoked.getApiKey().getApiKeyId());
    }
    unrelatedKey = createKey(a.id(), List.of("unrelated:read"), null).getSecret();
    memberKey = createKey(a.id(), List.of("messages:write"), users.member()).getSecret();

    var accounts = AccountsServiceGrpc.newBlockingStub(admin);
    for (String keyId : toRevoke) {
      accounts.withDeadlineAfter(10, TimeUnit.SECONDS)
          .revokeApiKey(RevokeApiKeyRequest.newBuilder().setWorkspaceId(a.id()).setApiKeyId(keyId).build());
    }
    Instant revokedAt = Instant.now();
    // The documented revocation bound (docs/security.md): a revoked key works for at most 5 s more.
    Duration left = Duration.between(Instant.now(), revokedAt.plus(ApiKeyCache.MAX_REVOCATION_DELAY));
    Thread.sleep(Math.max(0, left.toMillis()));
  }

  private static CreateApiKeyResponse createKey(String workspaceId, List<String> scopes, String userId) {
    CreateApiKeyRequest.Builder request = CreateApiKeyRequest.newBuilder().setWorkspaceId(workspaceId)
        .setName("matrix " + String.join(" ", scopes)).addAllScopes(scopes);
    if (userId != null) {
      request.setUserId(userId);
    }
    return AccountsServiceGrpc.newBlockingStub(admin).withDeadlineAfter(10, TimeUnit.SECONDS).createApiKey(request.build());
  }

  /** The snapshot holds what setup wrote, so "unchanged" is about something. */
  private static void assertSnapshotSeesSetup(StoreSnapshot snapshot) {
    for (String database : StoreSnapshot.DATABASES) {
      assertTrue(snapshot.postgres().keySet().stream().anyMatch(t -> t.startsWith(database + ".")), "tables of " + database);
    }
    for (String keyspace : StoreSnapshot.KEYSPACES) {
      assertTrue(snapshot.cassandra().keySet().stream().anyMatch(t -> t.startsWith(keyspace + ".")), "tables of " + keyspace);
    }
    assertFalse(snapshot.s3().isEmpty(), "objects in S3");
    assertFalse(snapshot.valkey().isEmpty(), "keys in Valkey");
    snapshot.search().values().forEach(hits -> assertNotEquals("[]", hits, "documents in search"));
  }

  // ---- calls ----------------------------------------------------------------------------------

  /** The channel, sending {@code secret} as its bearer credential. */
  private static Channel as(String secret) {
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + secret);
    return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /**
   * Calls {@code method} generically; the status it ends with (OK when it answered). A
   * server-streaming rpc counts as answered once its first message arrives; the stream is then
   * cancelled.
   */
  @SuppressWarnings("unchecked")
  private static Status.Code call(Channel caller, MethodDescriptor<?, ?> method, Message request) {
    MethodDescriptor<Message, Message> typed = (MethodDescriptor<Message, Message>) method;
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
    try {
      if (typed.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
        Context.CancellableContext stream = Context.current().withCancellation();
        try {
          return stream.call(() -> {
            ClientCalls.blockingServerStreamingCall(caller, typed, options, request).hasNext();
            return Status.Code.OK;
          });
        } finally {
          stream.cancel(null);
        }
      }
      ClientCalls.blockingUnaryCall(caller, typed, options, request);
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } catch (Exception e) {
      throw new IllegalStateException(method.getFullMethodName(), e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
