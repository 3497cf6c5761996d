package com.oxidly.ui.api;

import com.oxidly.domain.customer.EmailInUseException;
import com.oxidly.domain.customer.FieldError;
import com.oxidly.domain.customer.InvalidCustomerException;
import com.oxidly.domain.customer.StaleCustomerException;
import com.oxidly.domain.segment.InvalidSegmentException;
import com.oxidly.domain.segment.SegmentConflictException;
import java.util.List;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns errors into RFC 9457 problem documents that name what is wrong. Never a stack trace: an
 * unexpected error is logged with an id that the response quotes.
 */
@RestControllerAdvice(basePackages = "com.oxidly.ui")
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail noSuchElement(NoSuchElementException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(InvalidCustomerException.class)
  ProblemDetail invalidCustomer(InvalidCustomerException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            e.errors().size() == 1
                ? "1 field is invalid: " + e.getMessage()
                : e.errors().size() + " fields are invalid: " + e.getMessage());
    problem.setTitle("Invalid customer");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(InvalidSegmentException.class)
  ProblemDetail invalidSegment(InvalidSegmentException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            e.errors().size() == 1
                ? "1 field is invalid: " + e.getMessage()
                : e.errors().size() + " fields are invalid: " + e.getMessage());
    problem.setTitle("Invalid segment");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(SegmentConflictException.class)
  ProblemDetail segmentConflict(SegmentConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(EmailInUseException.class)
  ProblemDetail emailInUse(EmailInUseException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setProperty("errors", List.of(new FieldError("email", "is already in use")));
    if (e.existingCustomer() != null) {
      problem.setProperty("existing", "/api/customers/" + e.existingCustomer());
    }
    return problem;
  }

  @ExceptionHandler(StaleCustomerException.class)
  ProblemDetail stale(StaleCustomerException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
    problem.setProperty("currentVersion", e.currentVersion());
    return problem;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected =
        e.getRequiredType() == null ? "another value" : e.getRequiredType().getSimpleName();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "'" + e.getName() + "' must be a " + expected + ", but was '" + e.getValue() + "'");
    problem.setProperty("parameter", e.getName());
    return problem;
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missing(MissingServletRequestParameterException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required");
    problem.setProperty("parameter", e.getParameterName());
    return problem;
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) throws Exception {
    if (e instanceof org.springframework.web.ErrorResponse
        || e instanceof org.springframework.security.access.AccessDeniedException
        || e instanceof org.springframework.security.core.AuthenticationException) {
      throw e; // handled by Spring MVC and Spring Security with their own statuses
    }
    String errorId = java.util.UUID.randomUUID().toString();
    log.error("Unexpected error {}", errorId, e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Something went wrong on our side. Quote error id " + errorId + " when reporting it.");
    problem.setProperty("errorId", errorId);
    return problem;
  }
}
