package dev.polystore.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every platform and service module to the rules of {@link ArchitectureRules}; each rule is
 * first shown to catch a deliberate violation (package {@code dev.polystore.archfixture}, test
 * sources only) so that a passing rule means something.
 */
class ArchitectureTest {
  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.polystore");
  private static final JavaClasses VIOLATIONS = new ClassFileImporter()
      .importPackages("dev.polystore.archfixture");

  private static final ArchitectureRules RULES = new ArchitectureRules("dev.polystore");
  private static final ArchitectureRules FIXTURE_RULES = new ArchitectureRules("dev.polystore.archfixture");

  /** A rule, by name, and the fixture class that must break it. */
  record Case(String name, Function<ArchitectureRules, ArchRule> rule, String violator) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> rules() {
    return List.of(
        new Case("layers", ArchitectureRules::layers, "accounts.domain.DomainCallsStore"),
        new Case("domains are pure", ArchitectureRules::domainsArePure, "messenger.domain.DomainSpeaksGrpc"),
        new Case("stores speak no wire format", ArchitectureRules::storesSpeakNoWireFormat,
            "messenger.store.StoreSpeaksProtobuf"),
        new Case("services are independent", ArchitectureRules::servicesAreIndependent,
            "activity.api.ReachesIntoAccounts"),
        new Case("services use their own stores", ArchitectureRules::servicesUseTheirOwnStores,
            "presence.store.UsesForeignStore"),
        new Case("the event bus stays out of api and store", ArchitectureRules::eventBusStaysOutOfApiAndStore,
            "activity.store.StoreReadsEventBus"),
        new Case("platform is layered", ArchitectureRules::platformIsLayered, "platform.health.CoreUsesBinding"));
  }

  @ParameterizedTest
  @MethodSource("rules")
  void catchesItsDeliberateViolation(Case rule) {
    // The fixtures hold one offender per rule, so most per-service parts of a rule see no class.
    EvaluationResult result = rule.rule().apply(FIXTURE_RULES).allowEmptyShould(true).evaluate(VIOLATIONS);
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(result.hasViolation(), rule.name() + " let its violation through");
    assertTrue(report.contains("dev.polystore.archfixture." + rule.violator()),
        rule.name() + " failed, but not on " + rule.violator() + ":\n" + report);
  }

  @ParameterizedTest
  @MethodSource("rules")
  void holdsForTheCodeBase(Case rule) {
    rule.rule().apply(RULES).check(PRODUCTION);
  }

  @Test
  void everyRulesCaseIsTested() {
    assertEquals(RULES.all().size(), rules().size(), "a rule in ArchitectureRules.all() has no case here");
  }

  /** The rules are only as good as the classes they see: every service layer and binding is on the class path. */
  @Test
  void seesEveryServiceAndBinding() {
    Set<String> packages = PRODUCTION.stream().map(javaClass -> javaClass.getPackageName()).collect(Collectors.toSet());
    for (String service : ArchitectureRules.SERVICE_BINDINGS.keySet()) {
      for (String layer : List.of("api", "domain", "store")) {
        assertTrue(packages.contains("dev.polystore." + service + "." + layer), "no classes in " + service + "." + layer);
      }
    }
    for (String part : ArchitectureRules.BINDINGS) {
      assertTrue(packages.contains("dev.polystore.platform." + part), "no classes in platform." + part);
    }
    assertFalse(packages.stream().anyMatch(name -> name.startsWith("dev.polystore.archfixture")),
        "the deliberate violations leaked into the production import");
  }
}
