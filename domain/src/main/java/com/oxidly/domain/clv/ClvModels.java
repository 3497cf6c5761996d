package com.oxidly.domain.clv;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The clv_models table: every fit, newest with the highest id. */
final class ClvModels {

  private static final String COLUMNS =
      """
      id, fitted_at, calibration_end, time_unit, customers_used, repeat_customers_used,
      bgnbd_r, bgnbd_alpha, bgnbd_a, bgnbd_b, bgnbd_log_likelihood,
      gamma_gamma_p, gamma_gamma_q, gamma_gamma_gamma, gamma_gamma_log_likelihood
      """;

  private final JdbcTemplate jdbc;

  ClvModels(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a fit and returns it with its id. */
  ClvModel insert(
      Instant fittedAt,
      LocalDate calibrationEnd,
      int customers,
      int repeatCustomers,
      BgNbd.Fit purchases,
      GammaGamma.Fit spend) {
    BgNbd bgNbd = purchases.model();
    GammaGamma gammaGamma = spend.model();
    return jdbc.queryForObject(
        "insert into clv_models (fitted_at, calibration_end, time_unit, customers_used,"
            + " repeat_customers_used, bgnbd_r, bgnbd_alpha, bgnbd_a, bgnbd_b,"
            + " bgnbd_log_likelihood, gamma_gamma_p, gamma_gamma_q, gamma_gamma_gamma,"
            + " gamma_gamma_log_likelihood) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " returning "
            + COLUMNS,
        ClvModels::model,
        Timestamp.from(fittedAt),
        calibrationEnd,
        ClvModel.WEEKS,
        customers,
        repeatCustomers,
        bgNbd.r(),
        bgNbd.alpha(),
        bgNbd.a(),
        bgNbd.b(),
        purchases.logLikelihood(),
        gammaGamma.p(),
        gammaGamma.q(),
        gammaGamma.gamma(),
        spend.logLikelihood());
  }

  Optional<ClvModel> latest() {
    return jdbc
        .query("select " + COLUMNS + " from clv_models order by id desc limit 1", ClvModels::model)
        .stream()
        .findFirst();
  }

  Optional<ClvModel> byId(long id) {
    return jdbc
        .query("select " + COLUMNS + " from clv_models where id = ?", ClvModels::model, id)
        .stream()
        .findFirst();
  }

  private static ClvModel model(ResultSet row, int rowNumber) throws SQLException {
    return new ClvModel(
        row.getLong("id"),
        row.getTimestamp("fitted_at").toInstant(),
        row.getObject("calibration_end", LocalDate.class),
        row.getString("time_unit"),
        row.getInt("customers_used"),
        row.getInt("repeat_customers_used"),
        row.getDouble("bgnbd_r"),
        row.getDouble("bgnbd_alpha"),
        row.getDouble("bgnbd_a"),
        row.getDouble("bgnbd_b"),
        row.getDouble("bgnbd_log_likelihood"),
        row.getDouble("gamma_gamma_p"),
        row.getDouble("gamma_gamma_q"),
        row.getDouble("gamma_gamma_gamma"),
        row.getDouble("gamma_gamma_log_likelihood"));
  }
}
