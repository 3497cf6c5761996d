package com.oxidly.domain.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled review-like sentences of {@code sentiment/labelled-reviews.tsv}: what the accuracy
 * test measures and the benchmark times.
 */
final class LabelledSentences {

  /** One sentence and the label a person gave it. */
  record Labelled(String label, String text) {}

  private LabelledSentences() {}

  /** The labelled set the rules were developed on. */
  static List<Labelled> load() {
    return load("labelled-reviews.tsv");
  }

  /** A file of labelled sentences in {@code /sentiment/}. */
  static List<Labelled> load(String name) {
    List<Labelled> sentences = new ArrayList<>();
    try (InputStream in = LabelledSentences.class.getResourceAsStream("/sentiment/" + name);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", 2);
        sentences.add(new Labelled(columns[0], columns[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(sentences);
  }

  /** The share of sentences whose label the analyzer gets right. */
  static double accuracy(LocalSentimentAnalyzer analyzer, List<Labelled> sentences) {
    long right =
        sentences.stream()
            .filter(s -> analyzer.analyze(s.text()).label().equals(s.label()))
            .count();
    return (double) right / sentences.size();
  }
}
