package com.oxidly.ui.maintenance;

import com.oxidly.domain.demo.DemoStore;
import com.oxidly.domain.demo.DemoStoreSpec;
import com.oxidly.domain.engagement.EngagementScoring;
import com.oxidly.domain.search.CustomerIndex;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills an empty store with the demo store at first start (never twice), and makes sure the
 * customer index exists and is built.
 */
@Component
class DemoStoreAtFirstStart {

  private static final Logger log = LoggerFactory.getLogger(DemoStoreAtFirstStart.class);

  private final DemoStore demoStore;
  private final CustomerIndex index;
  private final CustomerIndexMaintenance maintenance;
  private final EngagementScoring engagement;
  private final Clock clock;
  private final int customers;
  private final long seed;
  private final boolean buildIndex;

  DemoStoreAtFirstStart(
      DemoStore demoStore,
      CustomerIndex index,
      CustomerIndexMaintenance maintenance,
      EngagementScoring engagement,
      Clock clock,
      @Value("${oxidly.demo.customers:0}") int customers,
      @Value("${oxidly.demo.seed:20261115}") long seed,
      @Value("${oxidly.index.build-at-start:true}") boolean buildIndex) {
    this.demoStore = demoStore;
    this.index = index;
    this.maintenance = maintenance;
    this.engagement = engagement;
    this.clock = clock;
    this.customers = customers;
    this.seed = seed;
    this.buildIndex = buildIndex;
  }

  @EventListener(ApplicationReadyEvent.class)
  void onStart() throws IOException {
    boolean loaded = false;
    if (customers > 0) {
      var report =
          demoStore.loadIfEmpty(
              new DemoStoreSpec(seed, customers, clock.instant()),
              (done, total) -> log.info("Demo store: {} of {} customers", done, total));
      report.ifPresent(
          r ->
              log.info(
                  "Demo store loaded: {} customers, {} orders, {} reviews in {} ms",
                  r.customers(),
                  r.orders(),
                  r.reviews(),
                  r.elapsed().toMillis()));
      loaded = report.isPresent();
      if (loaded) {
        // Before the index is built, so the first documents already carry the scores.
        long scored = engagement.scoreAll(done -> {});
        log.info("Engagement scored for {} demo customers", scored);
      }
    }
    // Benchmarks turn the build off to time a rebuild of their own from its first request.
    if (loaded || (buildIndex && index.currentIndices().isEmpty())) {
      var run = maintenance.startRebuild();
      log.info("Customer index rebuild started as workflow {}", run.getWorkflowId());
    }
  }
}
