package com.oxidly.ui.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Says what is wrong with an unreadable request body. Ordered first because Spring Boot's own
 * problem-details advice would otherwise answer with a bare "Failed to read request".
 */
@RestControllerAdvice(basePackages = "com.oxidly.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyErrors {

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.BAD_REQUEST,
        JsonProblems.describe(e, "the request body is missing or is not the JSON expected here"));
  }
}
