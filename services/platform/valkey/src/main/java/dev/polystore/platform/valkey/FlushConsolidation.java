package dev.polystore.platform.valkey;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Writes the commands that callers queued on a connection meanwhile in one socket write. Lettuce
 * flushes every command it is given, and many threads share a connection: without this, each command
 * is a write system call of its own on Lettuce's event loop, and a read of its own for Valkey.
 * Netty's handler defers a flush asked for outside a read until the loop has run the writes queued
 * behind it; nothing waits longer than that.
 */
final class FlushConsolidation implements NettyCustomizer {
  /** Netty's default: a flush at least every 256 writes, even while more keep coming. */
  private static final int EXPLICIT_FLUSH_AFTER = FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES;

  @Override
  public void afterChannelInitialized(Channel channel) {
    // First, next to the socket, so that every handler's flush passes through it.
    channel.pipeline().addFirst(new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER, true));
  }
}
