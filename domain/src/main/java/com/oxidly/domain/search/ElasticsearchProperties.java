package com.oxidly.domain.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Elasticsearch cluster is and how Oxidly names its indices.
 *
 * @param url the cluster's HTTP address; in local mode the managed node listens here
 * @param indexPrefix prefix of every index and alias name, so that two instances can share a
 *     cluster
 */
@ConfigurationProperties("oxidly.elasticsearch")
public record ElasticsearchProperties(
    @DefaultValue("http://127.0.0.1:9200") String url,
    @DefaultValue("oxidly-") String indexPrefix) {

  /** The alias that always points at the live customer index. */
  public String customerAlias() {
    return indexPrefix + "customers";
  }
}
