package dev.polystore.platform.grpc;

import com.google.protobuf.Message;
import dev.polystore.platform.auth.AccessRule;
import dev.polystore.platform.auth.CallPrincipal;
import dev.polystore.platform.auth.Credentials;
import dev.polystore.platform.auth.Principal;
import dev.polystore.platform.errors.ServiceException;
import dev.polystore.platform.telemetry.CallAttributes;
import io.grpc.Context;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Authenticates every call and confines it to what its credential allows, before the request is
 * validated or reaches a store:
 * <ul>
 *   <li>no credential, or one that proves nothing (unknown, expired, revoked): UNAUTHENTICATED;
 *   <li>a credential without the rpc's scope: PERMISSION_DENIED;
 *   <li>a workspace credential naming another workspace, or calling an rpc outside any workspace,
 *       or a user's key acting as another user: PERMISSION_DENIED, with the same message whether
 *       or not that workspace exists, so the answer reveals nothing about it.
 * </ul>
 * A call without any credential is refused on arrival; the rest is decided on the request message,
 * on the service's handler thread, since verifying an API key may ask the accounts store.
 */
public final class AuthInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String BEARER = "Bearer ";

  private final Credentials credentials;
  private final Map<String, AccessRule> rules = new ConcurrentHashMap<>();

  public AuthInterceptor(Credentials credentials) {
    this.credentials = credentials;
  }

  /** Reads every rpc's access rule now, so that an rpc without one stops start-up, not a call. */
  public void requireRules(io.grpc.ServiceDescriptor service) {
    for (io.grpc.MethodDescriptor<?, ?> method : service.getMethods()) {
      rule(method);
    }
  }

  /**
   * Whether a call with these headers is authenticated without waiting on anything: a service or
   * admin token (by digest) or a client certificate is checked in memory, while an API key may be
   * verified against the accounts store and its use recorded there.
   */
  public boolean verifiesInMemory(Metadata headers) {
    String bearer = bearer(headers.get(AUTHORIZATION));
    return bearer == null || !bearer.startsWith(Credentials.API_KEY_PREFIX);
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String bearer = bearer(headers.get(AUTHORIZATION));
    List<String> certificateNames = bearer == null ? certificateNames(call) : List.of();
    if (bearer == null && certificateNames.isEmpty()) {
      call.close(Status.UNAUTHENTICATED.withDescription(
          "no credential: send 'authorization: Bearer <api key or token>' or a client certificate"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    AccessRule rule = rule(call.getMethodDescriptor());
    // The handler is started only once the request proved its credential, so until then it is
    // this interceptor that asks for the request (the handler's own request adds to it later).
    call.request(1);
    return new ForwardingServerCallListener<>() {
      private ServerCall.Listener<ReqT> delegate;
      private Context context;
      private boolean rejected;

      @Override
      protected ServerCall.Listener<ReqT> delegate() {
        return delegate;
      }

      @Override
      public void onMessage(ReqT message) {
        if (rejected) {
          return;
        }
        if (delegate == null) {
          Principal principal;
          try {
            principal = authorize(rule, bearer, certificateNames, (Message) message);
          } catch (RuntimeException e) {
            rejected = true;
            throw e;
          }
          credentials.recordUse(principal);
          CallAttributes.principal(principal);
          context = CallPrincipal.in(Context.current(), principal);
          delegate = within(() -> next.startCall(call, headers));
        }
        within(() -> { super.onMessage(message); return null; });
      }

      @Override
      public void onHalfClose() {
        if (delegate != null) {
          within(() -> { super.onHalfClose(); return null; });
        }
      }

      @Override
      public void onCancel() {
        if (delegate != null) {
          within(() -> { super.onCancel(); return null; });
        }
      }

      @Override
      public void onComplete() {
        if (delegate != null) {
          within(() -> { super.onComplete(); return null; });
        }
      }

      @Override
      public void onReady() {
        if (delegate != null) {
          within(() -> { super.onReady(); return null; });
        }
      }

      private <T> T within(java.util.function.Supplier<T> step) {
        Context previous = context.attach();
        try {
          return step.get();
        } finally {
          context.detach(previous);
        }
      }
    };
  }

  private Principal authorize(AccessRule rule, String bearer, List<String> certificateNames, Message request) {
    Optional<Principal> found = bearer != null ? credentials.bearer(bearer) : credentials.certificate(certificateNames);
    Principal principal = found.orElseThrow(() -> ServiceException.unauthenticated(bearer != null
        ? "the credential is unknown, expired or revoked" : "the client certificate is not a known principal"));
    if (!principal.holds(rule.scope())) {
      throw ServiceException.permissionDenied(principal.name() + " lacks scope " + rule.scope());
    }
    if (principal.workspace().isPresent()) {
      if (!rule.actsInWorkspace()) {
        throw ServiceException.permissionDenied(principal.name() + " is bound to a workspace and "
            + rule.method() + " acts on none");
      }
      for (String workspace : rule.workspaces(request)) {
        if (!workspace.equals(principal.workspaceId())) {
          throw ServiceException.permissionDenied(principal.name() + " may act in its own workspace only");
        }
      }
    }
    if (principal.user().isPresent()) {
      for (String actor : rule.actors(request)) {
        if (!actor.equals(principal.userId())) {
          throw ServiceException.permissionDenied(principal.name() + " may act as its own user only");
        }
      }
    }
    return principal;
  }

  private AccessRule rule(io.grpc.MethodDescriptor<?, ?> method) {
    return rules.computeIfAbsent(method.getFullMethodName(), name -> {
      if (!(method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier proto)) {
        throw new IllegalStateException(name + " has no protobuf descriptor to read its access rule from");
      }
      return AccessRule.of(proto.getMethodDescriptor()).orElseThrow(() -> new IllegalStateException(
          name + " declares no (polystore.auth.v1.access) option: every rpc must say who may call it"));
    });
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String secret = authorization.substring(BEARER.length()).strip();
    return secret.isEmpty() ? null : secret;
  }

  /** The URI and DNS subject alternative names of a verified client certificate; empty without one. */
  private static List<String> certificateNames(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return List.of();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return List.of();
      }
      Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
      List<String> names = new ArrayList<>();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == 2 || type == 6) { // dNSName, uniformResourceIdentifier (RFC 5280)
            names.add((String) entry.get(1));
          }
        }
      }
      return names;
    } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
      return List.of();
    }
  }
}
