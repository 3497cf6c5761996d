package com.oxidly.ui;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Oxidly: one jar that runs as web node, worker node or both ({@code oxidly.mode}); in local mode
 * it also runs Elasticsearch, Temporal's test server and an SMTP server for itself.
 */
@SpringBootApplication(scanBasePackages = "com.oxidly")
@EnableScheduling
public class OxidlyApplication {

  public static void main(String[] args) {
    SpringApplication.run(OxidlyApplication.class, args);
  }
}
