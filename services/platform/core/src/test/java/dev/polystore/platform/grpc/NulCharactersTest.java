package dev.polystore.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.BadRequest;
import dev.polystore.platform.errors.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Well-known protobuf types stand in for our contracts: nested, repeated and map fields. */
class NulCharactersTest {
  private final ValidationInterceptor validation = new ValidationInterceptor();

  @Test
  void aNulInARepeatedNestedStringIsNamedByItsPath() {
    BadRequest request = BadRequest.newBuilder()
        .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("fine"))
        .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("x").setDescription("bad\0text"))
        .build();
    assertEquals(List.of(new FieldViolation("field_violations[1].description", "string.no_nul",
        "must not contain the character U+0000")), validation.violations(request));
  }

  @Test
  void mapKeysAndValuesAreChecked() {
    Struct struct = Struct.newBuilder()
        .putFields("name", Value.newBuilder().setStringValue("a\0").build())
        .putFields("k\0", Value.newBuilder().setStringValue("fine").build())
        .build();
    List<String> fields = validation.violations(struct).stream().map(FieldViolation::field).sorted().toList();
    assertEquals(List.of("fields[\"k\\u0000\"]", "fields[\"name\"].string_value"), fields);
  }

  @Test
  void textWithoutNulPasses() {
    Struct struct = Struct.newBuilder()
        .putFields("name", Value.newBuilder().setStringValue("Ada Lovelace, ünïcødé ✓").build())
        .build();
    assertTrue(validation.violations(struct).isEmpty());
  }
}
