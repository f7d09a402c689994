package dev.polystore.platform.vector;

import java.util.regex.Pattern;

/** Namespace names as turbopuffer allows them; the embedded engine uses them as directory names. */
public final class NamespaceNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private NamespaceNames() {}

  public static String require(String namespace) {
    if (namespace == null || !VALID.matcher(namespace).matches() || namespace.equals(".") || namespace.equals("..")) {
      throw new IllegalArgumentException("not a namespace name: '" + namespace + "' (allowed: [A-Za-z0-9_.-]{1,128})");
    }
    return namespace;
  }
}
