package dev.polystore.fuzz;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polystore.platform.grpc.ValidationInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The malformed requests of one RPC, from a seed: random requests with one broken field merged in,
 * and the same with a raw wire edge case around them. Every case is one the server must refuse,
 * which is checked here before it is sent: either its bytes do not parse, or the parsed request
 * breaks a rule. So no refused request may change a store, and an OK answer is a bug.
 */
final class FuzzCases {
  private static final ValidationInterceptor RULES = new ValidationInterceptor();

  /** One request: what it is, for the report, and its bytes. */
  record Case(String name, byte[] bytes) {}

  private FuzzCases() {}

  static List<Case> of(MethodDescriptor method, long seed, int count) {
    Descriptor type = method.getInputType();
    BrokenFields broken = new BrokenFields(type);
    if (broken.isEmpty()) {
      throw new IllegalStateException(method.getFullName() + " has no string, Timestamp or Duration to break");
    }
    Random random = new Random(seed ^ method.getFullName().hashCode());
    RandomMessages messages = new RandomMessages(random);
    WireEdges edges = new WireEdges(type, random);
    List<Case> cases = new ArrayList<>(count);
    for (int i = 0; cases.size() < count; i++) {
      if (i > count * 3) {
        throw new IllegalStateException(method.getFullName() + ": too few cases the server must refuse");
      }
      // Half with random values (one in 20 of those huge), half as raw edge cases around a small request.
      boolean mutated = cases.size() % 2 == 0;
      byte[] body = messages.next(type, mutated && cases.size() % 40 == 0).toByteArray();
      BrokenFields.Broken field = broken.next(random);
      byte[] bytes = Wire.concat(body, field.bytes());
      String name = field.name();
      if (!mutated) {
        String kind = WireEdges.KINDS.get((cases.size() / 2) % WireEdges.KINDS.size());
        bytes = edges.apply(kind, bytes);
        name = kind + ", " + name;
      }
      if (mustBeRefused(type, bytes)) {
        cases.add(new Case(name + " (" + bytes.length + " bytes)", bytes));
      }
    }
    return cases;
  }

  /**
   * Random requests of a read with no field broken on purpose: they reach the handler and the store
   * with odd values (page sizes, tokens, ids), where a refusal is not required, so OK may come back.
   * Only reads get them, so that an accepted one cannot change a store either.
   */
  static List<Case> reads(MethodDescriptor method, long seed, int count) {
    Random random = new Random(seed ^ method.getFullName().hashCode() ^ 0x5eed);
    RandomMessages messages = new RandomMessages(random);
    List<Case> cases = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] bytes = messages.next(method.getInputType(), i % 20 == 0).toByteArray();
      cases.add(new Case("random read (" + bytes.length + " bytes)", bytes));
    }
    return cases;
  }

  /**
   * Whether a method only reads, by the naming the contracts follow (Get, List, Search, Query);
   * not streams, which stay open while accepted. VerifyApiKey records a last use, so it is no read.
   */
  static boolean isRead(MethodDescriptor method) {
    return !method.isServerStreaming() && method.getName().matches("(Get|List|Search|Query).*");
  }

  /** The bytes do not parse, or what they parse to breaks a rule of the contract or one every request shares. */
  static boolean mustBeRefused(Descriptor type, byte[] bytes) {
    try {
      return !RULES.violations(DynamicMessage.parseFrom(type, bytes)).isEmpty();
    } catch (InvalidProtocolBufferException malformed) {
      return true;
    } catch (RuntimeException rulesFailed) {
      // The rules cannot be evaluated on it: the server cannot either, and must still refuse it.
      return true;
    }
  }
}
