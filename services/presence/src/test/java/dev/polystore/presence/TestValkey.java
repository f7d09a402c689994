package dev.polystore.presence;

import dev.polystore.devstack.Devstack;
import dev.polystore.devstack.LocalValkey;
import dev.polystore.devstack.LocalValkeyCluster;
import java.util.Map;

/** The devstack Valkey a test runs against, standalone or the 3-node cluster, behind one face. */
interface TestValkey {
  Map<String, String> env();

  /** Keys held by the whole server or cluster (DBSIZE). */
  long dbSize();

  void flushAll();

  void stop();

  void start();

  static TestValkey standalone() {
    LocalValkey valkey = Devstack.valkey();
    return new TestValkey() {
      @Override
      public Map<String, String> env() {
        return valkey.env();
      }

      @Override
      public long dbSize() {
        return valkey.dbSize();
      }

      @Override
      public void flushAll() {
        valkey.flushAll();
      }

      @Override
      public void stop() {
        valkey.stop();
      }

      @Override
      public void start() {
        valkey.start();
      }
    };
  }

  static TestValkey cluster() {
    LocalValkeyCluster cluster = Devstack.valkeyCluster();
    return new TestValkey() {
      @Override
      public Map<String, String> env() {
        return cluster.env();
      }

      @Override
      public long dbSize() {
        return cluster.dbSize();
      }

      @Override
      public void flushAll() {
        cluster.flushAll();
      }

      @Override
      public void stop() {
        cluster.stop();
      }

      @Override
      public void start() {
        cluster.start();
      }
    };
  }
}
