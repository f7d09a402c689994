package dev.polystore.platform.cassandra;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import org.junit.jupiter.api.Test;

class CassandraOutagesTest {
  private static final ConsistencyLevel QUORUM = DefaultConsistencyLevel.LOCAL_QUORUM;
  private final CassandraOutages outages = new CassandraOutages();

  @Test
  void unreachableOrSlowStoresAreOutages() {
    assertTrue(outages.isOutage(new NoNodeAvailableException()));
    assertTrue(outages.isOutage(new DriverTimeoutException("Query timed out after PT2S")));
    assertTrue(outages.isOutage(new WriteTimeoutException(null, QUORUM, 0, 1, WriteType.SIMPLE)));
  }

  @Test
  void mistakesInTheRequestAreNot() {
    assertFalse(outages.isOutage(new InvalidQueryException(null, "Undefined column name x")));
    assertFalse(outages.isOutage(new IllegalStateException("bug")));
  }
}
