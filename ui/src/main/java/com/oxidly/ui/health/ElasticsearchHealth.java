package com.oxidly.ui.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Uses _cluster/health: GET / answers 405 on the integ-test distribution. */
@Component("elasticsearch")
class ElasticsearchHealth implements HealthIndicator {

  private final ElasticsearchClient client;

  ElasticsearchHealth(ElasticsearchClient client) {
    this.client = client;
  }

  @Override
  public Health health() {
    try {
      var health = client.cluster().health();
      Health.Builder builder = health.status() == HealthStatus.Red ? Health.down() : Health.up();
      return builder
          .withDetail("cluster", health.clusterName())
          .withDetail("status", health.status().jsonValue())
          .withDetail("nodes", health.numberOfNodes())
          .build();
    } catch (Exception e) {
      return Health.down().withDetail("error", e.getMessage()).build();
    }
  }
}
