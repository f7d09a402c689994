package dev.polystore.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.internal.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * proto/service-config.json, the retry policy clients load, against the contracts: every method it
 * names exists, and it names exactly the methods whose idempotency_level says a retry is safe.
 */
class ServiceConfigTest {
  private static final Path CONFIG = Path.of("..", "..", "proto", "service-config.json");

  @Test
  void namesExactlyTheMethodsThatAreSafeToRetry() throws Exception {
    Set<String> named = new TreeSet<>();
    for (Map<String, ?> methodConfig : methodConfigs()) {
      for (Object name : (List<?>) methodConfig.get("name")) {
        Map<?, ?> method = (Map<?, ?>) name;
        assertTrue(named.add(method.get("service") + "/" + method.get("method")), () -> "named twice: " + method);
      }
    }
    Set<String> existing = new TreeSet<>();
    Set<String> safe = new TreeSet<>();
    for (ServiceDescriptor service : Contracts.SERVICES) {
      for (MethodDescriptor method : service.getMethods()) {
        String fullName = service.getFullName() + "/" + method.getName();
        existing.add(fullName);
        if (method.getOptions().getIdempotencyLevel() != IdempotencyLevel.IDEMPOTENCY_UNKNOWN) {
          safe.add(fullName);
        }
      }
    }

    Set<String> unknown = new TreeSet<>(named);
    unknown.removeAll(existing);
    assertEquals(Set.of(), unknown, "methods the config names that no contract has");
    assertEquals(safe, named, "the config must name every NO_SIDE_EFFECTS or IDEMPOTENT method, and no other");
  }

  @Test
  void retriesOnlyUnavailableWithTheAgreedBackoff() throws Exception {
    for (Map<String, ?> methodConfig : methodConfigs()) {
      assertEquals(Map.of("maxAttempts", 4.0, "initialBackoff", "0.1s", "maxBackoff", "2s", "backoffMultiplier", 2.0,
          "retryableStatusCodes", List.of("UNAVAILABLE")), methodConfig.get("retryPolicy"));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, ?>> methodConfigs() throws Exception {
    Map<String, ?> config = (Map<String, ?>) JsonParser.parse(Files.readString(CONFIG));
    List<Map<String, ?>> methodConfigs = (List<Map<String, ?>>) config.get("methodConfig");
    assertTrue(methodConfigs != null && !methodConfigs.isEmpty(), "no methodConfig");
    return methodConfigs;
  }
}
