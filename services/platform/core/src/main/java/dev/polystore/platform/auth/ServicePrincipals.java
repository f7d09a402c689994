package dev.polystore.platform.auth;

import dev.polystore.platform.config.ConfigException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Internal callers from configuration, one per line (or separated by ';'):
 * {@code <name> <credential> <scope>[,<scope>...]}, '#' starting a comment. The credential is a
 * token's SHA-256 ({@code POLYSTORE_SERVICE_TOKENS}) or a client certificate's subject alternative
 * name ({@code POLYSTORE_MTLS_PRINCIPALS}). A malformed line stops start-up, naming the variable.
 */
public final class ServicePrincipals {
  private final Map<String, Principal> byCredential;

  private ServicePrincipals(Map<String, Principal> byCredential) {
    this.byCredential = Map.copyOf(byCredential);
  }

  public static ServicePrincipals none() {
    return new ServicePrincipals(Map.of());
  }

  /**
   * Parses {@code text}, the value of {@code variable}; {@code credentialRule} says what a
   * well-formed credential looks like there, and is {@code described} in errors.
   */
  public static ServicePrincipals parse(String variable, String text, Predicate<String> credentialRule,
      String described) {
    Map<String, Principal> byCredential = new HashMap<>();
    Set<String> names = new LinkedHashSet<>();
    int number = 0;
    for (String raw : text.split("[\n;]")) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 3) {
        throw new ConfigException(variable, "entry " + number + " must be '<name> <" + described
            + "> <scope>[,<scope>...]', was " + parts.length + " words");
      }
      String name = parts[0];
      String credential = parts[1];
      if (!name.matches("[a-z][a-z0-9._-]{0,62}")) {
        throw new ConfigException(variable, "entry " + number + ": name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
      }
      if (!credentialRule.test(credential)) {
        throw new ConfigException(variable, "entry " + number + " (" + name + "): not a " + described);
      }
      Set<String> scopes = Set.copyOf(Arrays.asList(parts[2].split(",")));
      for (String scope : scopes) {
        if (!scope.matches("\\*|[a-z][a-z0-9_.-]*:([a-z][a-z0-9_.-]*|\\*)")) {
          throw new ConfigException(variable, "entry " + number + " (" + name + "): scope '" + scope
              + "' must be '<resource>:<action>', '<resource>:*' or '*'");
        }
      }
      if (!names.add(name) || byCredential.containsKey(credential)) {
        throw new ConfigException(variable, "entry " + number + " (" + name + ") repeats a name or " + described);
      }
      byCredential.put(credential, new Principal("service:" + name, Principal.Kind.SERVICE, null, null, scopes));
    }
    return new ServicePrincipals(byCredential);
  }

  public Optional<Principal> find(String credential) {
    return Optional.ofNullable(byCredential.get(credential));
  }

  public boolean isEmpty() {
    return byCredential.isEmpty();
  }
}
