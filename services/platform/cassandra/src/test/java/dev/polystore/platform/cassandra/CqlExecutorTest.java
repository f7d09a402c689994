package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CqlExecutorTest {

  @Test
  void onlyIdempotentStatementsAreRetriedAndOnlyWhenTheStoreSaidNotNow() {
    WriteTimeoutException timeout = new WriteTimeoutException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 0, 1, WriteType.SIMPLE);
    SimpleStatement idempotent = SimpleStatement.newInstance("INSERT INTO t (k) VALUES (1)").setIdempotent(true);
    SimpleStatement once = SimpleStatement.newInstance("UPDATE c SET n = n + 1 WHERE k = 1");
    assertTrue(CqlExecutor.isRetryable(idempotent, timeout));
    assertTrue(CqlExecutor.isRetryable(idempotent, new CompletionException(timeout)));
    assertFalse(CqlExecutor.isRetryable(once, timeout));
    assertFalse(CqlExecutor.isRetryable(idempotent, new NoNodeAvailableException()));
  }

  @Test
  void whatWasRefusedBeforeRunningIsRetriedEvenWhenNotIdempotent() {
    SimpleStatement count = SimpleStatement.newInstance("UPDATE c SET n = n + 1 WHERE k = 1");
    assertTrue(CqlExecutor.isRetryable(count,
        new UnavailableException(null, DefaultConsistencyLevel.LOCAL_QUORUM, 2, 1)));
    assertTrue(CqlExecutor.isRetryable(count, new CompletionException(new OverloadedException(null))));
  }
}
