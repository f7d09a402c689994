package dev.polystore.platform.grpc;

import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;

/**
 * Renders a protovalidate field path as "events[3].attributes[\"k\"]". protovalidate-java has the
 * same helper, but it is package-private, so we keep this small copy.
 */
final class FieldPaths {
  private FieldPaths() {}

  static String render(FieldPath path) {
    StringBuilder out = new StringBuilder();
    for (FieldPathElement element : path.getElementsList()) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(element.getFieldName());
      switch (element.getSubscriptCase()) {
        case INDEX -> out.append('[').append(element.getIndex()).append(']');
        case BOOL_KEY -> out.append('[').append(element.getBoolKey()).append(']');
        case INT_KEY -> out.append('[').append(element.getIntKey()).append(']');
        case UINT_KEY -> out.append('[').append(element.getUintKey()).append(']');
        case STRING_KEY -> out.append("[\"").append(element.getStringKey()).append("\"]");
        default -> { }
      }
    }
    return out.toString();
  }
}
