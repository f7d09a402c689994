package dev.polystore.activity;

import static dev.polystore.activity.Events.batch;
import static dev.polystore.activity.Events.event;
import static dev.polystore.activity.Events.timestamp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.ListEventsRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller that records events and reads them back must see them: ListEvents and GetDailyCounts
 * read at LOCAL_QUORUM, not LOCAL_ONE (on Keyspaces, an eventually consistent read may miss a
 * write just acknowledged). Cassandra counts client reads per consistency level, read over JMX.
 */
class ActivityConsistencyIT {
  private static ActivityServer server;
  private static JMXConnector jmx;
  private final String workspace = UUID.randomUUID().toString();

  @BeforeAll
  static void start() throws Exception {
    server = ActivityServer.startServing();
    jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:"
        + server.keyspace.cassandra.jmxPort() + "/jmxrmi"));
  }

  @AfterAll
  static void stop() throws IOException {
    jmx.close();
    server.close();
  }

  @Test
  void readsOfWhatACallerRecordedAreLocalQuorumReads() throws Exception {
    Instant now = Events.now();
    server.activity().recordEvents(batch(List.of(event(workspace, "e1", "file.uploaded", now).build())));

    long before = quorumReads();
    assertEquals(1, server.activity().listEvents(ListEventsRequest.newBuilder().setWorkspaceId(workspace)
        .setStartTime(timestamp(now.minus(Duration.ofHours(1)))).setEndTime(timestamp(now.plusSeconds(1)))
        .build()).getEventsCount());
    long afterList = quorumReads();
    String today = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    assertEquals(1, server.activity().getDailyCounts(GetDailyCountsRequest.newBuilder().setWorkspaceId(workspace)
        .setStartDate(today).setEndDate(today).build()).getCountsCount());

    assertTrue(afterList > before, "ListEvents read at LOCAL_QUORUM");
    assertTrue(quorumReads() > afterList, "GetDailyCounts read at LOCAL_QUORUM");
  }

  private static long quorumReads() throws Exception {
    MBeanServerConnection metrics = jmx.getMBeanServerConnection();
    return ((Number) metrics.getAttribute(new ObjectName(
        "org.apache.cassandra.metrics:type=ClientRequest,scope=Read-LOCAL_QUORUM,name=Latency"), "Count")).longValue();
  }
}
