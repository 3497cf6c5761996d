package com.oxidly.domain.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the 8.19 Java client by hand: Boot 4's Elasticsearch auto-configuration targets the 9.x
 * client, which cannot talk to an 8.x cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ElasticsearchProperties.class)
class ElasticsearchConfiguration {

  @Bean(destroyMethod = "close")
  RestClient elasticsearchRestClient(ElasticsearchProperties properties) {
    return RestClient.builder(HttpHost.create(properties.url()))
        .setRequestConfigCallback(
            config -> config.setConnectTimeout(5_000).setSocketTimeout(60_000))
        .build();
  }

  @Bean
  ElasticsearchClient elasticsearchClient(RestClient restClient) {
    var mapper = new Jackson3JsonpMapper(JsonMapper.builder().build());
    return new ElasticsearchClient(new RestClientTransport(restClient, mapper));
  }
}
