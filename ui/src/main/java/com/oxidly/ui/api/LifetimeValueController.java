package com.oxidly.ui.api;

import com.oxidly.domain.clv.ClvFitException;
import com.oxidly.domain.clv.ClvModel;
import com.oxidly.domain.clv.CustomerLifetimeValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifetime-value models (BG/NBD for purchases and P(alive), Gamma-Gamma for spend): the fitted
 * parameters, and a refit on demand.
 */
@RestController
@RequestMapping("/api/analytics/clv")
@Tag(name = "Analytics")
class LifetimeValueController {

  private final CustomerLifetimeValue lifetimeValue;

  LifetimeValueController(CustomerLifetimeValue lifetimeValue) {
    this.lifetimeValue = lifetimeValue;
  }

  /**
   * @param calibrationEnd the last day whose orders count (store time zone); default today
   */
  record FitRequest(LocalDate calibrationEnd) {}

  @GetMapping("/model")
  @Operation(
      summary = "The newest fitted lifetime-value model",
      description =
          "Parameters r, alpha, a, b (BG/NBD) and p, q, gamma (Gamma-Gamma), their"
              + " log-likelihoods, the calibration end and the time unit (weeks).")
  ClvModel model() {
    return lifetimeValue
        .latestModel()
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no lifetime-value model has been fitted yet: POST /api/analytics/clv/fit"));
  }

  @PostMapping("/fit")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Refit the lifetime-value models",
      description =
          "Fits on counted orders up to calibrationEnd (default today) and stores the model."
              + " Customers' predicted values follow at the next analytics refresh"
              + " (POST /api/analytics/refresh). 422 when the store has too little history.")
  ClvModel fit(@RequestBody(required = false) FitRequest request) {
    return lifetimeValue.fit(
        Optional.ofNullable(request == null ? null : request.calibrationEnd()));
  }

  @ExceptionHandler(ClvFitException.class)
  ProblemDetail tooLittleHistory(ClvFitException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    problem.setTitle("Too little purchase history to fit");
    return problem;
  }
}
