package dev.polystore.bench.observability;

import dev.polystore.accounts.v1.AccountsServiceGrpc;
import dev.polystore.accounts.v1.CreateUserRequest;
import dev.polystore.accounts.v1.CreateWorkspaceRequest;
import dev.polystore.accounts.v1.GetUserRequest;
import dev.polystore.bench.AlternatingRunner;
import dev.polystore.bench.BenchGateway;
import dev.polystore.bench.BenchSuite;
import dev.polystore.bench.ChatRoom;
import dev.polystore.bench.Comparison;
import dev.polystore.bench.LoadRunner;
import dev.polystore.bench.Measurement;
import dev.polystore.gateway.GatewayTelemetry;
import dev.polystore.messenger.v1.MessengerServiceGrpc;
import dev.polystore.platform.config.Env;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What watching costs: GetUser and PostMessage with call metrics, tracing (the gateway's default
 * sampler, spans exported over OTLP to a local sink) and the access log (at INFO, to the console) on, against the same calls
 * with all three off, on one gateway whose telemetry is flipped on and off every few seconds under
 * one unbroken load ({@link AlternatingRunner}). In its table the
 * "gateway" columns are telemetry on and the "direct" columns off, so "ratio" is on / off. The
 * store meters (HikariCP, the scrape endpoint) exist in both runs.
 */
public final class ObservabilityBench implements BenchSuite {
  /** Which calls run: {@code -Dbench.observability.operations=GetUser,PostMessage} (both by default). */
  private static final List<String> OPERATIONS =
      List.of(System.getProperty("bench.observability.operations", "GetUser,PostMessage").split(","));
  /**
   * What "on" turns on, to measure each part alone: {@code -Dbench.observability.on=metrics,tracing,log}
   * (all three by default).
   */
  private static final List<String> ON = List.of(System.getProperty("bench.observability.on", "metrics,tracing,log").split(","));

  @Override
  public String name() {
    return "observability";
  }

  @Override
  public List<Comparison> run(LoadRunner runner, List<Integer> clientCounts) throws Exception {
    List<Comparison> results = new ArrayList<>();
    try (SpanSink sink = new SpanSink()) {
      Map<String, String> env = new HashMap<>(ChatRoom.freshStores());
      env.put(GatewayTelemetry.OTLP_ENDPOINT, sink.endpoint());
      // The gateway's sampler, as an operator sets it: -Dbench.observability.sampler.ratio=1 traces
      // every call (parentbased_traceidratio); unset, the gateway's default (a tenth of them).
      String ratio = System.getProperty("bench.observability.sampler.ratio");
      String traced = ratio == null ? "default sampler" : "sampler ratio " + ratio;
      if (ratio != null) {
        env.put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
        env.put("OTEL_TRACES_SAMPLER_ARG", ratio);
      }
      env.put("POLYSTORE_MANAGEMENT_PORT", "0");
      try (BenchGateway gateway = BenchGateway.start("accounts,messenger", env, true,
          "--logging.level.polystore.access=INFO")) {
        var accounts = AccountsServiceGrpc.newBlockingStub(gateway.channel());
        String user = accounts.createUser(CreateUserRequest.newBuilder().setEmail("obs-bench@bench.example")
            .setDisplayName("Bench").build()).getUser().getUserId();
        String workspace = accounts.createWorkspace(CreateWorkspaceRequest.newBuilder().setSlug("obs-bench")
            .setName("Observability bench").setOwnerUserId(user).build()).getWorkspace().getWorkspaceId();
        String room = ChatRoom.create(gateway, workspace, user, "obs-bench");
        var messenger = MessengerServiceGrpc.newBlockingStub(gateway.channel());
        GetUserRequest get = GetUserRequest.newBuilder().setUserId(user).build();
        // One load that never stops, telemetry flipped on and off every few seconds: back-to-back
        // runs drifted by more than the effect measured (AlternatingRunner).
        AlternatingRunner alternating = AlternatingRunner.fromSystemProperties(runner);
        // A new exporter each time: turning tracing off shuts the previous one down.
        AlternatingRunner.StateSwitch telemetry = stateOn -> GatewayTelemetry.apply(stateOn
            ? partsOn(GatewayTelemetry.Options.fromEnv(new Env(env))) : GatewayTelemetry.Options.off());
        for (int clients : clientCounts) {
          if (OPERATIONS.contains("GetUser")) {
            Measurement[] onOff = alternating.run("GetUser", clients, (client, seq) ->
                accounts.withDeadlineAfter(5, TimeUnit.SECONDS).getUser(get), telemetry);
            results.add(new Comparison("GetUser (telemetry on / off, " + traced + ")", onOff[0], onOff[1]));
          }
          if (OPERATIONS.contains("PostMessage")) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            Measurement[] onOff = alternating.run("PostMessage", clients, (client, seq) -> messenger
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .postMessage(ChatRoom.message(workspace, room, user, run + client + "-" + seq)), telemetry);
            results.add(new Comparison("PostMessage (telemetry on / off, " + traced + ")", onOff[0], onOff[1]));
          }
        }
      }
      if (ON.contains("tracing") && sink.batches() == 0) {
        throw new IllegalStateException("no span reached the sink: the 'on' runs did not trace");
      }
    }
    return results;
  }

  private static GatewayTelemetry.Options partsOn(GatewayTelemetry.Options all) {
    if (!ON.contains("tracing")) {
      all.spans().ifPresent(SpanProcessor::shutdown); // made by fromEnv, not used: its worker thread ends
    }
    return new GatewayTelemetry.Options(ON.contains("metrics"), ON.contains("log"),
        ON.contains("tracing") ? all.spans() : Optional.empty(), all.sampler());
  }
}
