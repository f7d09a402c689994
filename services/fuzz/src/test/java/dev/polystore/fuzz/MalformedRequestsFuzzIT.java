package dev.polystore.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polystore.platform.errors.ViolationLimits;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RPC of every contract gets {@value #CASES_PER_METHOD} malformed requests (see {@link
 * FuzzCases}), as raw bytes through each service's real server. None may end in INTERNAL or
 * UNKNOWN (an unmapped failure), none may be accepted (each breaks a rule, so OK is a bug), every
 * error stays under {@link ViolationLimits#MAX_ERROR_BYTES}, and no store holds anything new.
 * Reads get {@value #READS_PER_METHOD} random requests more, with nothing broken on purpose, which
 * reach the handlers and stores; they may be answered OK, as reads they change nothing either.
 *
 * <p>Deterministic from the seed it prints; {@code -Dfuzz.seed=N} replays a run.
 */
class MalformedRequestsFuzzIT {
  private static final int CASES_PER_METHOD = 120;
  private static final long DEADLINE_MILLIS = 15_000;
  /** Calls in flight at once: enough to keep two cores busy, few enough for the handler pools' queues. */
  private static final int IN_FLIGHT = 8;
  /** Random requests of reads, no field broken on purpose: OK is fine (see {@link FuzzCases#reads}). */
  private static final int READS_PER_METHOD = 40;
  private static final Set<Status.Code> NEVER =
      EnumSet.of(Status.Code.OK, Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.UNIMPLEMENTED);
  private static final Set<Status.Code> NEVER_FOR_READS =
      EnumSet.of(Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.UNIMPLEMENTED);

  @TempDir
  static Path vectorData;
  private static ServedStack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = new ServedStack(vectorData);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void refusesEveryMalformedRequestWithABoundedErrorAndChangesNothing() throws Exception {
    long seed = Long.getLong("fuzz.seed", 20_240_614L);
    System.out.println("fuzz seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
    List<ServiceDescriptor> services = Contracts.services();
    assertEquals(services.stream().map(ServiceDescriptor::getFullName).sorted().toList(),
        stack.services().keySet().stream().sorted().toList(), "every contract's service is served");
    Map<String, String> before = stack.contents();

    List<String> failures = new ArrayList<>();
    Map<String, Integer> codes = new TreeMap<>();
    int sent = 0;
    long began = System.nanoTime();
    for (ServiceDescriptor service : services) {
      for (MethodDescriptor method : service.getMethods()) {
        List<FuzzCases.Case> cases = FuzzCases.of(method, seed, CASES_PER_METHOD);
        assertTrue(cases.size() >= 100, method.getFullName() + " got " + cases.size() + " cases");
        sent += send(stack.services().get(service.getFullName()), method, cases, failures, codes, NEVER);
        if (FuzzCases.isRead(method)) {
          sent += send(stack.services().get(service.getFullName()), method,
              FuzzCases.reads(method, seed, READS_PER_METHOD), failures, codes, NEVER_FOR_READS);
        }
      }
    }
    System.out.printf("fuzz: %d requests in %d ms, answers %s%n", sent, (System.nanoTime() - began) / 1_000_000,
        codes);

    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n",
        failures.subList(0, Math.min(failures.size(), 40))));
    assertEquals(before, stack.contents(), "a refused request changed a store");
  }

  private static int send(Served served, MethodDescriptor method, List<FuzzCases.Case> cases,
      List<String> failures, Map<String, Integer> codes, Set<Status.Code> never) throws Exception {
    String fullName = io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(),
        method.getName());
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    for (FuzzCases.Case c : cases) {
      slots.acquire();
      calls.add(RawCall.start(served.channel(), fullName, method.isServerStreaming(), c.bytes(), DEADLINE_MILLIS)
          .thenAccept(outcome -> {
            slots.release();
            synchronized (failures) {
              codes.merge(outcome.status().getCode().name(), 1, Integer::sum);
              String problem = problem(outcome, never);
              if (problem != null) {
                failures.add(fullName + " [" + c.name() + "]: " + problem);
              }
            }
          }));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(DEADLINE_MILLIS * 2, TimeUnit.MILLISECONDS);
    return cases.size();
  }

  private static String problem(RawCall.Outcome outcome, Set<Status.Code> never) {
    if (never.contains(outcome.status().getCode())) {
      return "answered " + outcome.status();
    }
    if (outcome.responses() > 0 && !outcome.status().isOk()) {
      return "streamed " + outcome.responses() + " responses before " + outcome.status().getCode();
    }
    if (outcome.errorBytes() >= ViolationLimits.MAX_ERROR_BYTES) {
      return "error of " + outcome.errorBytes() + " bytes: " + outcome.status().getCode();
    }
    return null;
  }
}
