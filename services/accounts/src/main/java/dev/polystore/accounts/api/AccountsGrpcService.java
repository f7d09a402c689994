package dev.polystore.accounts.api;

import dev.polystore.accounts.domain.ApiKey;
import dev.polystore.accounts.domain.ApiKeys;
import dev.polystore.accounts.domain.IssuedApiKey;
import dev.polystore.accounts.domain.Members;
import dev.polystore.accounts.domain.Membership;
import dev.polystore.accounts.domain.NewApiKey;
import dev.polystore.accounts.domain.UserUpdate;
import dev.polystore.accounts.domain.UserWorkspace;
import dev.polystore.accounts.domain.Users;
import dev.polystore.accounts.domain.Workspaces;
import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.AddMemberRequest;
import dev.polystore.accounts.v1.AddMemberResponse;
import dev.polystore.accounts.v1.CreateApiKeyRequest;
import dev.polystore.accounts.v1.CreateApiKeyResponse;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateUserResponse;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.CreateWorkspaceResponse;
import dev.polystore.accounts.v1.GetUserByEmailRequest;
import dev.polystore.accounts.v1.GetUserByEmailResponse;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.accounts.v1.GetUserResponse;
import dev.polystore.accounts.v1.GetWorkspaceRequest;
import dev.polystore.accounts.v1.GetWorkspaceResponse;
import dev.polystore.accounts.v1.ListApiKeysRequest;
import dev.polystore.accounts.v1.ListApiKeysResponse;
import dev.polystore.accounts.v1.ListMembersRequest;
import dev.polystore.accounts.v1.ListMembersResponse;
import dev.polystore.accounts.v1.ListWorkspacesForUserRequest;
import dev.polystore.accounts.v1.ListWorkspacesForUserResponse;
import dev.polystore.accounts.v1.RemoveMemberRequest;
import dev.polystore.accounts.v1.RemoveMemberResponse;
import dev.polystore.accounts.v1.RevokeApiKeyRequest;
import dev.polystore.accounts.v1.RevokeApiKeyResponse;
import dev.polystore.accounts.v1.UpdateUserRequest;
import dev.polystore.accounts.v1.UpdateUserResponse;
import dev.polystore.accounts.v1.VerifyApiKeyRequest;
import dev.polystore.accounts.v1.VerifyApiKeyResponse;
import dev.polystore.platform.grpc.AsyncAnswers;
import dev.polystore.platform.grpc.Ids;
import dev.polystore.platform.grpc.NonBlockingMethods;
import dev.polystore.platform.ids.RequestIds;
import dev.polystore.platform.grpc.Timestamps;
import dev.polystore.platform.paging.Page;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * AccountsService over gRPC: maps requests to domain calls and results to responses, and holds no
 * rules. The platform's interceptors have validated the request against the contract before any
 * method here runs, and map what the domain throws to statuses. GetUser is answered from the
 * store's callback (passing failures to {@code onError}, which they map the same way).
 */
public final class AccountsGrpcService extends AccountsServiceGrpc.AccountsServiceImplBase
    implements NonBlockingMethods {
  private final Users users;
  private final Workspaces workspaces;
  private final Members members;
  private final ApiKeys apiKeys;

  public AccountsGrpcService(Users users, Workspaces workspaces, Members members, ApiKeys apiKeys) {
    this.users = users;
    this.workspaces = workspaces;
    this.members = members;
    this.apiKeys = apiKeys;
  }

  @Override
  public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> response) {
    AsyncAnswers.answer(users.create(request.getEmail(), request.getDisplayName())
        .thenApply(user -> CreateUserResponse.newBuilder().setUser(AccountsMessages.user(user)).build()), response);
  }

  @Override
  public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> response) {
    AsyncAnswers.answer(users.lookUp(Ids.parse("user_id", request.getUserId()))
        .thenApply(user -> GetUserResponse.newBuilder().setUser(AccountsMessages.user(user)).build()), response);
  }

  @Override
  public void getUserByEmail(GetUserByEmailRequest request, StreamObserver<GetUserByEmailResponse> response) {
    reply(response, GetUserByEmailResponse.newBuilder()
        .setUser(AccountsMessages.user(users.getByEmail(request.getEmail())))
        .build());
  }

  @Override
  public void updateUser(UpdateUserRequest request, StreamObserver<UpdateUserResponse> response) {
    UserUpdate change = UserUpdate.of(request.getUpdateMask().getPathsList(), request.getEmail(),
        request.getDisplayName(), request.getEtag());
    reply(response, UpdateUserResponse.newBuilder()
        .setUser(AccountsMessages.user(users.update(Ids.parse("user_id", request.getUserId()), change)))
        .build());
  }

  @Override
  public void createWorkspace(CreateWorkspaceRequest request, StreamObserver<CreateWorkspaceResponse> response) {
    reply(response, CreateWorkspaceResponse.newBuilder()
        .setWorkspace(AccountsMessages.workspace(workspaces.create(request.getSlug(), request.getName(),
            Ids.parse("owner_user_id", request.getOwnerUserId()))))
        .build());
  }

  @Override
  public void getWorkspace(GetWorkspaceRequest request, StreamObserver<GetWorkspaceResponse> response) {
    reply(response, GetWorkspaceResponse.newBuilder()
        .setWorkspace(AccountsMessages.workspace(workspaces.get(Ids.parse("workspace_id", request.getWorkspaceId()))))
        .build());
  }

  @Override
  public void addMember(AddMemberRequest request, StreamObserver<AddMemberResponse> response) {
    Membership membership = members.add(Ids.parse("workspace_id", request.getWorkspaceId()),
        Ids.parse("user_id", request.getUserId()), AccountsMessages.role(request.getRole()));
    reply(response, AddMemberResponse.newBuilder().setMembership(AccountsMessages.membership(membership)).build());
  }

  @Override
  public void removeMember(RemoveMemberRequest request, StreamObserver<RemoveMemberResponse> response) {
    members.remove(Ids.parse("workspace_id", request.getWorkspaceId()), Ids.parse("user_id", request.getUserId()));
    reply(response, RemoveMemberResponse.getDefaultInstance());
  }

  @Override
  public void listMembers(ListMembersRequest request, StreamObserver<ListMembersResponse> response) {
    Page<Membership> page = members.list(Ids.parse("workspace_id", request.getWorkspaceId()),
        request.getPageSize(), request.getPageToken());
    ListMembersResponse.Builder out = ListMembersResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(membership -> out.addMembers(AccountsMessages.membership(membership)));
    reply(response, out.build());
  }

  @Override
  public void listWorkspacesForUser(ListWorkspacesForUserRequest request,
      StreamObserver<ListWorkspacesForUserResponse> response) {
    Page<UserWorkspace> page = members.workspacesOf(Ids.parse("user_id", request.getUserId()),
        request.getPageSize(), request.getPageToken());
    ListWorkspacesForUserResponse.Builder out =
        ListWorkspacesForUserResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(entry -> out.addWorkspaces(AccountsMessages.workspace(entry.workspace())));
    reply(response, out.build());
  }

  @Override
  public void createApiKey(CreateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> response) {
    Optional<Instant> expiresAt = request.hasExpireTime()
        ? Optional.of(Timestamps.toInstant(request.getExpireTime()))
        : Optional.empty();
    Optional<UUID> userId = request.getUserId().isEmpty()
        ? Optional.empty()
        : Optional.of(Ids.parse("user_id", request.getUserId()));
    KeyGrants.check(request.getScopesList(), userId);
    NewApiKey key = new NewApiKey(Ids.parse("workspace_id", request.getWorkspaceId()), request.getName(),
        request.getScopesList(), expiresAt, userId);
    IssuedApiKey issued = apiKeys.create(key, RequestIds.parse(request.getRequestId()));
    reply(response, CreateApiKeyResponse.newBuilder()
        .setApiKey(AccountsMessages.apiKey(issued.key()))
        .setSecret(issued.secret())
        .build());
  }

  @Override
  public void listApiKeys(ListApiKeysRequest request, StreamObserver<ListApiKeysResponse> response) {
    Page<ApiKey> page = apiKeys.list(Ids.parse("workspace_id", request.getWorkspaceId()),
        request.getPageSize(), request.getPageToken());
    ListApiKeysResponse.Builder out = ListApiKeysResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(key -> out.addApiKeys(AccountsMessages.apiKey(key)));
    reply(response, out.build());
  }

  @Override
  public void revokeApiKey(RevokeApiKeyRequest request, StreamObserver<RevokeApiKeyResponse> response) {
    ApiKey key = apiKeys.revoke(Ids.parse("workspace_id", request.getWorkspaceId()),
        Ids.parse("api_key_id", request.getApiKeyId()));
    reply(response, RevokeApiKeyResponse.newBuilder().setApiKey(AccountsMessages.apiKey(key)).build());
  }

  @Override
  public void verifyApiKey(VerifyApiKeyRequest request, StreamObserver<VerifyApiKeyResponse> response) {
    ApiKey key = apiKeys.verifyOrRefuse(request.getSecret());
    VerifyApiKeyResponse.Builder out = VerifyApiKeyResponse.newBuilder()
        .setApiKeyId(key.id().toString())
        .setWorkspaceId(key.workspaceId().toString())
        .addAllScopes(key.scopes());
    key.userId().ifPresent(user -> out.setUserId(user.toString()));
    reply(response, out.build());
  }

  /** Answered from the asynchronous client's callback: no thread waits for PostgreSQL. */
  @Override
  public Set<String> nonBlockingMethods() {
    return Set.of(AccountsServiceGrpc.getGetUserMethod().getFullMethodName(),
        AccountsServiceGrpc.getCreateUserMethod().getFullMethodName());
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
