package dev.polystore.platform.auth;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rpc's {@code (polystore.auth.v1.access)} option: the scope a caller needs and where the
 * request names its workspace and acting user. Read from the descriptor by the option's name, so
 * the platform needs no generated contract class.
 *
 * @param scope          "files:read"
 * @param workspaceField dotted path of the workspace id(s), or "" for an rpc that acts on no single workspace
 * @param actorField     dotted path of the acting user's id, or ""
 */
public record AccessRule(String method, String scope, String workspaceField, String actorField) {
  /** The option's full name, as declared in polystore/auth/v1/access.proto. */
  public static final String OPTION = "polystore.auth.v1.access";

  /** The rule of {@code method}; empty when the rpc declares none. Fails on a path the request lacks. */
  public static Optional<AccessRule> of(MethodDescriptor method) {
    for (Map.Entry<FieldDescriptor, Object> option : method.getOptions().getAllFields().entrySet()) {
      if (option.getKey().getFullName().equals(OPTION) && option.getValue() instanceof Message access) {
        AccessRule rule = new AccessRule(method.getFullName(), string(access, "scope"),
            string(access, "workspace_field"), string(access, "actor_field"));
        rule.checkPath(method, rule.workspaceField);
        rule.checkPath(method, rule.actorField);
        if (rule.scope.isEmpty()) {
          throw new IllegalStateException(method.getFullName() + " declares access without a scope");
        }
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  public boolean actsInWorkspace() {
    return !workspaceField.isEmpty();
  }

  /** The workspace ids the request names (one, or one per element of a repeated message). */
  public List<String> workspaces(Message request) {
    return values(request, workspaceField);
  }

  /** The user ids the request acts as; empty when the rpc names none. */
  public List<String> actors(Message request) {
    return actorField.isEmpty() ? List.of() : values(request, actorField);
  }

  private static List<String> values(Message message, String path) {
    List<String> out = new ArrayList<>();
    collect(message, path.split("\\."), 0, out);
    return out;
  }

  private static void collect(Message message, String[] path, int at, List<String> out) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(path[at]);
    boolean last = at == path.length - 1;
    if (field.isRepeated()) {
      for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
        Object element = message.getRepeatedField(field, i);
        if (last) {
          out.add((String) element);
        } else {
          collect((Message) element, path, at + 1, out);
        }
      }
    } else if (last) {
      out.add((String) message.getField(field));
    } else {
      collect((Message) message.getField(field), path, at + 1, out);
    }
  }

  private void checkPath(MethodDescriptor method, String path) {
    if (path.isEmpty()) {
      return;
    }
    com.google.protobuf.Descriptors.Descriptor type = method.getInputType();
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      FieldDescriptor field = type.findFieldByName(parts[i]);
      boolean last = i == parts.length - 1;
      if (field == null || (last ? field.getJavaType() != FieldDescriptor.JavaType.STRING
          : field.getJavaType() != FieldDescriptor.JavaType.MESSAGE)) {
        throw new IllegalStateException(method.getFullName() + ": access path '" + path
            + "' does not name a string field of " + method.getInputType().getFullName());
      }
      type = last ? type : field.getMessageType();
    }
  }

  private static String string(Message access, String field) {
    return (String) access.getField(access.getDescriptorForType().findFieldByName(field));
  }
}
