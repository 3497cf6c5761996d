package com.oxidly.ui.local;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's own Java test server, in this process, reachable by other processes (the temporal CLI,
 * other services' SDK clients) on 127.0.0.1 only. The stock port-bound helper listens on all
 * interfaces, so the gRPC server is built here on the loopback address.
 */
final class LocalTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;

  LocalTemporalServer(int port) {
    // lockTimeSkipping=true: the local server runs in real time, like a real cluster.
    this.services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      this.server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(
          "Could not bind the local Temporal server to 127.0.0.1:"
              + port
              + " (is another Temporal or Oxidly running? set oxidly.temporal.local.port)",
          e);
    }
    log.info("Local Temporal test server listening on 127.0.0.1:{}", port);
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdownNow();
    services.close();
  }
}
