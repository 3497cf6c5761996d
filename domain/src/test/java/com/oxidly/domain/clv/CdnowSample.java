package com.oxidly.domain.clv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The CDNOW calibration summary in src/test/resources/clv (source and checks in its README). */
final class CdnowSample {

  /** One row of the summary. */
  record Customer(int id, int x, double recencyWeeks, double ageWeeks, double meanRepeatSpend) {
    FrequencyRecency history() {
      return FrequencyRecency.of(x, recencyWeeks, ageWeeks);
    }
  }

  private CdnowSample() {}

  static List<Customer> customers() {
    String resource = "/clv/cdnow_customers_summary_with_transactions.csv";
    try (InputStream in = CdnowSample.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Customer> customers = new ArrayList<>();
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        customers.add(
            new Customer(
                Integer.parseInt(cells[0]),
                Integer.parseInt(cells[1]),
                Double.parseDouble(cells[2]),
                Double.parseDouble(cells[3]),
                Double.parseDouble(cells[4])));
      }
      return customers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<FrequencyRecency> histories() {
    return customers().stream().map(Customer::history).toList();
  }

  static List<RepeatSpend> repeatSpends() {
    return customers().stream()
        .filter(customer -> customer.x() > 0)
        .map(customer -> new RepeatSpend(customer.x(), customer.meanRepeatSpend(), 1))
        .toList();
  }
}
