package dev.polystore.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dependency rules of docs/architecture.md, for a code base rooted at {@code root}. The root is
 * a parameter so that the same rules run over the production classes ({@code dev.polystore}) and
 * over deliberate violations kept in the test sources, which prove that each rule can fail.
 */
final class ArchitectureRules {
  /** Each service and the store bindings it may use: its own stores only. */
  static final Map<String, Set<String>> SERVICE_BINDINGS = new TreeMap<>(Map.of(
      "accounts", Set.of("postgres"),
      "messenger", Set.of("postgres"),
      "activity", Set.of("cassandra"),
      "files", Set.of("s3", "cassandra"),
      "presence", Set.of("valkey"),
      "search", Set.of("vector")));
  static final List<String> BINDINGS = List.of("postgres", "cassandra", "valkey", "s3", "vector");
  /**
   * The event bus (docs/architecture.md, "Events"): what of the valkey binding every service may use
   * besides its own stores' bindings, from its module and events packages (never api or store, see
   * {@link #eventBusStaysOutOfApiAndStore()}): producers relay their outbox, consumers read streams.
   * Class names, or a package when ending in ".*".
   */
  static final List<String> EVENT_BUS = List.of("valkey.EventBusConfig", "valkey.ValkeyEventStream",
      "valkey.ValkeyConfig", "valkey.ValkeyStore", "valkey.streams.*");
  /** The binding the event bus's classes are in. */
  static final String EVENT_BUS_BINDING = "valkey";
  static final List<String> CORE = List.of("grpc", "paging", "config", "errors", "health", "service", "ids", "auth", "netty");

  /** What a domain package must not know: transport, wire format, contracts and store drivers. */
  private static final List<String> TRANSPORT_AND_DRIVERS = List.of(
      "io.grpc..", "com.google.protobuf..", "com.google.rpc..", "build.buf..",
      "java.sql..", "javax.sql..", "com.zaxxer..", "org.jdbi..", "org.flywaydb..", "org.postgresql..",
      "com.datastax..", "software.aws..", "io.lettuce..", "software.amazon..",
      "org.apache.lucene..", "tools.jackson..", "com.fasterxml.jackson..");

  private final String root;

  ArchitectureRules(String root) {
    this.root = root;
  }

  /** Inside a service: api -> domain <- store. The domain owns its ports; the store implements them. */
  ArchRule layers() {
    return all(service -> List.of(
        noClasses().that().resideInAPackage(pkg(service, "domain"))
            .should().dependOnClassesThat().resideInAnyPackage(pkg(service, "api"), pkg(service, "store"))
            .because("the domain holds the rules and knows neither gRPC nor the store"),
        noClasses().that().resideInAPackage(pkg(service, "api"))
            .should().dependOnClassesThat().resideInAPackage(pkg(service, "store"))
            .because("the api reaches the store only through the domain"),
        noClasses().that().resideInAPackage(pkg(service, "store"))
            .should().dependOnClassesThat().resideInAPackage(pkg(service, "api"))
            .because("the store knows nothing of the api")));
  }

  /** A domain imports no gRPC, protobuf, contract or driver class, and no store binding. */
  ArchRule domainsArePure() {
    List<String> forbidden = new ArrayList<>(TRANSPORT_AND_DRIVERS);
    forbidden.add(root + ".*.v1..");
    forbidden.add(root + ".platform.grpc..");
    BINDINGS.forEach(binding -> forbidden.add(platform(binding)));
    return noClasses().that().resideInAnyPackage(eachService(service -> pkg(service, "domain")))
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
        .because("the domain speaks its own types; mapping happens in api and store");
  }

  /** The store package knows nothing of protobuf, gRPC or the contracts. */
  ArchRule storesSpeakNoWireFormat() {
    return noClasses().that().resideInAnyPackage(eachService(service -> pkg(service, "store")))
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.grpc..", "com.google.protobuf..", "com.google.rpc..", root + ".*.v1..")
        .because("the store maps domain types to queries, not messages");
  }

  /** No service reaches into another service's code; its contracts (gRPC API) are fair to use. */
  ArchRule servicesAreIndependent() {
    return all(service -> {
      String[] others = SERVICE_BINDINGS.keySet().stream().filter(other -> !other.equals(service))
          .map(other -> root + "." + other + "..").toArray(String[]::new);
      String[] otherContracts = SERVICE_BINDINGS.keySet().stream().filter(other -> !other.equals(service))
          .map(other -> root + "." + other + ".v1..").toArray(String[]::new);
      return List.of(noClasses().that().resideInAPackage(root + "." + service + "..")
          .and().resideOutsideOfPackage(root + "." + service + ".v1..")
          .should().dependOnClassesThat(resideInAnyPackage(others).and(resideOutsideOfPackages(otherContracts)))
          .because("data another service owns is reached through its gRPC API"));
    });
  }

  /** A service uses the bindings of its own stores only. */
  ArchRule servicesUseTheirOwnStores() {
    return all(service -> {
      String[] foreign = BINDINGS.stream().filter(binding -> !SERVICE_BINDINGS.get(service).contains(binding))
          .map(this::platform).toArray(String[]::new);
      String eventBus = EVENT_BUS.stream().map(name -> name.endsWith(".*")
              ? Pattern.quote(root + ".platform." + name.substring(0, name.length() - 1)) + "[^.]+"
              : Pattern.quote(root + ".platform." + name))
          .collect(Collectors.joining("|"));
      return List.of(noClasses().that().resideInAPackage(root + "." + service + "..")
          .should().dependOnClassesThat(resideInAnyPackage(foreign).and(not(nameMatching(eventBus))))
          .because(service + " talks to its own store only (and to the event bus)"));
    });
  }
  /** A service whose store is not Valkey reaches the event bus from its module and events package, never api or store. */
  ArchRule eventBusStaysOutOfApiAndStore() {
    return all(service -> SERVICE_BINDINGS.get(service).contains(EVENT_BUS_BINDING) ? List.of()
        : List.of(noClasses().that().resideInAnyPackage(pkg(service, "api"), pkg(service, "store"))
            .should().dependOnClassesThat().resideInAPackage(platform(EVENT_BUS_BINDING))
            .because(service + " reaches Valkey only as the event bus, not as a store")));
  }


  /** The core knows no binding, no binding knows another, and the platform knows no service. */
  ArchRule platformIsLayered() {
    List<ArchRule> rules = new ArrayList<>();
    rules.add(noClasses().that().resideInAnyPackage(CORE.stream().map(this::platform).toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(BINDINGS.stream().map(this::platform).toArray(String[]::new))
        .because("the core is shared by services of every store"));
    for (String binding : BINDINGS) {
      rules.add(noClasses().that().resideInAPackage(platform(binding))
          .should().dependOnClassesThat().resideInAnyPackage(BINDINGS.stream().filter(other -> !other.equals(binding))
              .map(this::platform).toArray(String[]::new))
          .because("a service pulls in the drivers of its own stores only"));
    }
    rules.add(noClasses().that().resideInAPackage(root + ".platform..")
        .should().dependOnClassesThat().resideInAnyPackage(eachService(service -> root + "." + service + ".."))
        .because("the platform holds no domain code"));
    return composite(rules);
  }

  /** Every rule, for the production build. */
  List<ArchRule> all() {
    return List.of(layers(), domainsArePure(), storesSpeakNoWireFormat(), servicesAreIndependent(),
        servicesUseTheirOwnStores(), eventBusStaysOutOfApiAndStore(), platformIsLayered());
  }

  private ArchRule all(Function<String, List<ArchRule>> perService) {
    List<ArchRule> rules = new ArrayList<>();
    SERVICE_BINDINGS.keySet().forEach(service -> rules.addAll(perService.apply(service)));
    return composite(rules);
  }

  private static ArchRule composite(List<ArchRule> rules) {
    CompositeArchRule composite = CompositeArchRule.of(rules.get(0));
    for (ArchRule rule : rules.subList(1, rules.size())) {
      composite = composite.and(rule);
    }
    return composite;
  }

  private String[] eachService(Function<String, String> packageOf) {
    return SERVICE_BINDINGS.keySet().stream().map(packageOf).toArray(String[]::new);
  }

  private String pkg(String service, String layer) {
    return root + "." + service + "." + layer + "..";
  }

  private String platform(String part) {
    return root + ".platform." + part + "..";
  }
}
