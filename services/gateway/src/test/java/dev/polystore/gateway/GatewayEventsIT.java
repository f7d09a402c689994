package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalPostgres;
import dev.polystore.events.v1.Event;
import dev.polystore.platform.valkey.testing.StreamEntries;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway relays what its services write: a user created through the gateway appears on
 * accounts' event stream, published by the relay the gateway hosting starts.
 */
class GatewayEventsIT {
  private static final String ACCOUNTS = "polystore.accounts.v1.AccountsService";

  @Test
  void aCreatedUserIsOnTheAccountsStream() throws Exception {
    LocalPostgres postgres = Devstack.postgres();
    postgres.dropDatabase("accounts");
    postgres.createDatabase("accounts");
    String valkey = Devstack.valkey().url();
    Map<String, String> env = GatewayClient.withAdmin(Map.of("POSTGRES_WRITER_CONN", postgres.connectionUrl(),
        "VALKEY_URL", valkey, "POLYSTORE_SERVICES", "accounts"));

    try (Gateway gateway = Gateway.start(env, "--spring.grpc.server.port=0", "--server.port=0");
        GatewayClient client = new GatewayClient(gateway.port())) {
      assertEquals(ServingStatus.SERVING, client.awaitServing(ACCOUNTS, Duration.ofSeconds(60)));
      String userId = AccountsServiceGrpc.newBlockingStub(client.channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .createUser(CreateUserRequest.newBuilder().setEmail("events-" + UUID.randomUUID() + "@example.com")
              .setDisplayName("Events").build()).getUser().getUserId();

      List<Event> events = awaitEventsAbout(valkey, userId);

      assertEquals(List.of("user.created"), events.stream().map(Event::getType).toList());
      assertEquals("admin", events.get(0).getActor());
    }
  }

  /** The events on events:{accounts} whose subject is {@code subjectId}, once there are any (at most 30 s). */
  private static List<Event> awaitEventsAbout(String valkey, String subjectId) throws Exception {
    Instant limit = Instant.now().plusSeconds(30);
    List<Event> events = List.of();
    while (events.isEmpty() && Instant.now().isBefore(limit)) {
      Thread.sleep(50);
      events = StreamEntries.read(valkey, "events:{accounts}").stream().map(entry -> parse(entry.data()))
          .filter(event -> event.getSubjectId().equals(subjectId)).toList();
    }
    return events;
  }

  private static Event parse(byte[] data) {
    try {
      return Event.parseFrom(data);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("not an Event on the stream", e);
    }
  }
}
