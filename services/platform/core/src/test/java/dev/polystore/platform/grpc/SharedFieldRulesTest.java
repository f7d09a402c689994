package dev.polystore.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.rpc.BadRequest;
import com.google.rpc.RetryInfo;
import com.google.rpc.context.AttributeContext;
import dev.polystore.platform.errors.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Well-known protobuf types stand in for our contracts: nested, repeated, map and time fields. */
class SharedFieldRulesTest {
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
  void nanAndInfinitiesAreRefusedInFloatsAndDoubles() {
    assertEquals(List.of(new FieldViolation("value", "float.finite", "must be finite")),
        validation.violations(FloatValue.of(Float.NaN)));
    assertEquals(List.of(new FieldViolation("value", "float.finite", "must be finite")),
        validation.violations(FloatValue.of(Float.NEGATIVE_INFINITY)));
    Struct struct = Struct.newBuilder()
        .putFields("fine", Value.newBuilder().setNumberValue(-1.5).build())
        .putFields("huge", Value.newBuilder().setNumberValue(Double.POSITIVE_INFINITY).build())
        .build();
    assertEquals(List.of(new FieldViolation("fields[\"huge\"].number_value", "double.finite", "must be finite")),
        validation.violations(struct));
    assertEquals(List.of(), validation.violations(FloatValue.of(Float.MAX_VALUE)));
    assertEquals(List.of(), validation.violations(DoubleValue.of(-0.0)));
  }

  @Test
  void malformedTimestampsAreRefusedByField() {
    assertEquals(List.of("request.time"), timestampViolations(Timestamp.newBuilder().setNanos(2_000_000_000)));
    assertEquals(List.of("request.time"), timestampViolations(Timestamp.newBuilder().setNanos(-1)));
    assertEquals(List.of("request.time"), timestampViolations(Timestamp.newBuilder().setSeconds(1L << 62)));
    assertEquals(List.of(), timestampViolations(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(999_999_999)));
  }

  @Test
  void malformedDurationsAreRefusedByField() {
    assertEquals(List.of("retry_delay"), durationViolations(Duration.newBuilder().setSeconds(5).setNanos(-1)));
    assertEquals(List.of("retry_delay"), durationViolations(Duration.newBuilder().setSeconds(1L << 62)));
    assertEquals(List.of(), durationViolations(Duration.newBuilder().setSeconds(-5).setNanos(-1)));
  }

  private List<String> timestampViolations(Timestamp.Builder time) {
    AttributeContext context = AttributeContext.newBuilder()
        .setRequest(AttributeContext.Request.newBuilder().setTime(time)).build();
    return validation.violations(context).stream()
        .peek(v -> assertEquals("timestamp.valid", v.rule())).map(FieldViolation::field).toList();
  }

  private List<String> durationViolations(Duration.Builder delay) {
    return validation.violations(RetryInfo.newBuilder().setRetryDelay(delay).build()).stream()
        .peek(v -> assertEquals("duration.valid", v.rule())).map(FieldViolation::field).toList();
  }

  @Test
  void textWithoutNulPasses() {
    Struct struct = Struct.newBuilder()
        .putFields("name", Value.newBuilder().setStringValue("Ada Lovelace, ünïcødé ✓").build())
        .build();
    assertTrue(validation.violations(struct).isEmpty());
  }
}
