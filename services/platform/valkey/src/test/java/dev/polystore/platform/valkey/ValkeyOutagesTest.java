package dev.polystore.platform.valkey;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ValkeyOutagesTest {
  private final ValkeyOutages outages = new ValkeyOutages();

  @Test
  void connectionTroubleIsAnOutage() {
    assertTrue(outages.isOutage(new RedisConnectionException("Unable to connect to 127.0.0.1:6379")));
    assertTrue(outages.isOutage(new RedisCommandTimeoutException("Command timed out after 1 second(s)")));
    assertTrue(outages.isOutage(new RedisException("Currently not connected. Commands are rejected.")));
    assertTrue(outages.isOutage(new ConnectException("Connection refused")));
  }

  @Test
  void clusterTransitionsAreOutages() {
    assertTrue(outages.isOutage(new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")));
    assertTrue(outages.isOutage(new RedisCommandExecutionException("TRYAGAIN Multiple keys request during rehashing")));
    assertTrue(outages.isOutage(new RedisCommandExecutionException("LOADING Redis is loading the dataset")));
  }

  @Test
  void ourOwnMistakesAreNot() {
    assertFalse(outages.isOutage(new RedisCommandExecutionException("ERR Error running script: attempt to index nil")));
    assertFalse(outages.isOutage(new RedisCommandExecutionException("WRONGTYPE Operation against a key")));
    assertFalse(outages.isOutage(new RedisNoScriptException("NOSCRIPT No matching script")));
    assertFalse(outages.isOutage(new IllegalStateException("bug")));
  }
}
