package dev.polystore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Security;
import org.junit.jupiter.api.Test;

class DnsCacheTtlTest {
  @Test
  void theGatewayKeepsDnsAnswersFiveSecondsUnlessTheOperatorSaidOtherwise() {
    // The JDK ships no value; an operator's would be kept (shorten() sets only an unset property).
    String shipped = Security.getProperty(DnsCacheTtl.SECURITY_PROPERTY);
    DnsCacheTtl.shorten();
    assertEquals(shipped == null ? "5" : shipped, Security.getProperty(DnsCacheTtl.SECURITY_PROPERTY));
  }
}
