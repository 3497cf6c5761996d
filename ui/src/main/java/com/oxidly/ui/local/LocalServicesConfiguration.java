package com.oxidly.ui.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Arrays;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The services Oxidly runs for itself in local mode (see {@link LocalServicesEnvironment}), and the
 * ordering that makes each client wait for its local server.
 */
@Configuration(proxyBeanMethods = false)
class LocalServicesConfiguration {

  static final String ELASTICSEARCH = "localElasticsearch";
  static final String TEMPORAL = "localTemporalServer";
  static final String SMTP = "localSmtpServer";

  @Bean(name = ELASTICSEARCH, destroyMethod = "stop")
  @ConditionalOnProperty(name = "oxidly.elasticsearch.local.enabled", havingValue = "true")
  LocalElasticsearch localElasticsearch(Environment environment) {
    LocalElasticsearch node =
        LocalElasticsearch.launch(LocalElasticsearch.Settings.from(environment));
    node.awaitReady();
    return node;
  }

  @Bean(name = TEMPORAL, destroyMethod = "close")
  @ConditionalOnProperty(name = "oxidly.temporal.local.enabled", havingValue = "true")
  LocalTemporalServer localTemporalServer(Environment environment) {
    return new LocalTemporalServer(
        environment.getRequiredProperty("oxidly.temporal.local.port", Integer.class));
  }

  @Bean(name = SMTP, destroyMethod = "stop")
  @ConditionalOnProperty(name = "oxidly.mail.local.enabled", havingValue = "true")
  GreenMail localSmtpServer(Environment environment) {
    int port = environment.getRequiredProperty("oxidly.mail.local.port", Integer.class);
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return smtp;
  }

  /** Clients must not be created before the local server they talk to is up. */
  @Bean
  static BeanFactoryPostProcessor localServicesFirst() {
    return beanFactory -> {
      dependOn(beanFactory, "elasticsearchRestClient", ELASTICSEARCH);
      dependOn(beanFactory, "temporalWorkflowServiceStubs", TEMPORAL);
      dependOn(beanFactory, "mailSender", SMTP);
    };
  }

  private static void dependOn(
      ConfigurableListableBeanFactory beanFactory, String client, String server) {
    if (!beanFactory.containsBeanDefinition(client)
        || !beanFactory.containsBeanDefinition(server)) {
      return;
    }
    BeanDefinition definition = beanFactory.getBeanDefinition(client);
    String[] dependsOn =
        definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
    if (Arrays.asList(dependsOn).contains(server)) {
      return;
    }
    String[] updated = Arrays.copyOf(dependsOn, dependsOn.length + 1);
    updated[dependsOn.length] = server;
    definition.setDependsOn(updated);
  }
}
