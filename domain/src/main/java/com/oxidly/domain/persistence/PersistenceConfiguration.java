package com.oxidly.domain.persistence;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

@Configuration(proxyBeanMethods = false)
@EnableJdbcRepositories(basePackages = "com.oxidly.domain")
class PersistenceConfiguration {

  @Bean
  static BeanPostProcessor databaseBootstrap() {
    return new DatabaseBootstrap();
  }
}
