package dev.polystore.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.polystore.auth.v1.Access;
import dev.polystore.auth.v1.AccessOuterClass;
import dev.polystore.platform.auth.AccessRule;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every rpc says who may call it ({@code (polystore.auth.v1.access)}), its paths name string
 * fields of its request, and docs/security.md's scope table is exactly what the contracts declare.
 */
class AccessDeclarationsTest {
  private static final Path SECURITY = Path.of("..", "..", "docs", "security.md");
  private static final Pattern ROW = Pattern.compile(
      "^\\| `([A-Za-z0-9.]+/[A-Za-z]+)` \\| `([a-z:*]+)` \\| (`[a-z_.]+`|-) \\| (`[a-z_.]+`|-) \\|$");

  @Test
  void everyRpcDeclaresItsAccess() {
    for (ServiceDescriptor service : Contracts.SERVICES) {
      for (MethodDescriptor method : service.getMethods()) {
        // AccessRule.of also fails when a path names no string field of the request.
        assertTrue(AccessRule.of(method).isPresent(), () -> method.getFullName() + " declares no access");
      }
    }
  }

  @Test
  void anRpcWithoutADeclarationIsFound() {
    MethodDescriptor check = ((ProtoServiceDescriptorSupplier) HealthGrpc.getServiceDescriptor().getSchemaDescriptor())
        .getServiceDescriptor().findMethodByName("Check");
    assertTrue(AccessRule.of(check).isEmpty());
  }

  @Test
  void aPathThatNamesNoStringFieldIsRefused() throws Exception {
    MethodDescriptor method = methodWithWorkspaceField("page_size");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> AccessRule.of(method));
    assertTrue(refused.getMessage().contains("page_size"), refused.getMessage());
    assertTrue(AccessRule.of(methodWithWorkspaceField("workspace_id")).isPresent());
  }

  @Test
  void docsListTheScopeOfEveryRpc() throws Exception {
    Map<String, String> declared = new TreeMap<>();
    for (ServiceDescriptor service : Contracts.SERVICES) {
      for (MethodDescriptor method : service.getMethods()) {
        AccessRule rule = AccessRule.of(method).orElseThrow();
        declared.put(service.getFullName() + "/" + method.getName(), row(rule));
      }
    }
    Map<String, String> documented = new TreeMap<>();
    for (String line : Files.readAllLines(SECURITY)) {
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        documented.put(row.group(1), row.group(2) + " " + row.group(3) + " " + row.group(4));
      }
    }
    assertEquals(declared, documented, "docs/security.md's scope table must match the contracts");
  }

  private static String row(AccessRule rule) {
    return rule.scope() + " " + cell(rule.workspaceField()) + " " + cell(rule.actorField());
  }

  private static String cell(String path) {
    return path.isEmpty() ? "-" : "`" + path + "`";
  }

  /** A one-rpc service whose request has a string workspace_id and an int32 page_size. */
  private static MethodDescriptor methodWithWorkspaceField(String path) throws Exception {
    MethodOptions options = MethodOptions.newBuilder()
        .setExtension(AccessOuterClass.access, Access.newBuilder().setScope("test:read").setWorkspaceField(path).build())
        .build();
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("test/access_test.proto").setPackage("test").setSyntax("proto3")
        .addDependency(AccessOuterClass.getDescriptor().getName())
        .addMessageType(DescriptorProto.newBuilder().setName("Request")
            .addField(FieldDescriptorProto.newBuilder().setName("workspace_id").setNumber(1)
                .setType(FieldDescriptorProto.Type.TYPE_STRING))
            .addField(FieldDescriptorProto.newBuilder().setName("page_size").setNumber(2)
                .setType(FieldDescriptorProto.Type.TYPE_INT32)))
        .addService(ServiceDescriptorProto.newBuilder().setName("Test")
            .addMethod(MethodDescriptorProto.newBuilder().setName("Get").setInputType(".test.Request")
                .setOutputType(".test.Request").setOptions(options)))
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[] {AccessOuterClass.getDescriptor()})
        .findServiceByName("Test").findMethodByName("Get");
  }
}
