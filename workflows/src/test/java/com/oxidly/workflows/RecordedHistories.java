package com.oxidly.workflows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Workflow histories recorded by replay tests, kept as test resources under {@code /histories}: a
 * changed workflow must replay the runs its previous versions started.
 */
public final class RecordedHistories {

  private RecordedHistories() {}

  /** Whether this run records histories ({@code -Doxidly.record-histories=true}). */
  public static boolean recording() {
    return Boolean.getBoolean("oxidly.record-histories");
  }

  /** A recorded history as JSON. */
  public static String read(String resource) throws IOException {
    try (InputStream in = RecordedHistories.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing recorded history " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Stores a history as the test resource {@code resource} of the module being tested. */
  public static void write(String resource, String json) throws IOException {
    Path target = Path.of("src/test/resources" + resource);
    Files.createDirectories(target.getParent());
    Files.writeString(target, json);
  }
}
