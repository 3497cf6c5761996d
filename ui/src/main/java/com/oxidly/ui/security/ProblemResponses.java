package com.oxidly.ui.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** RFC 9457 problem documents for API requests that are not authenticated or not allowed. */
final class ProblemResponses {

  private ProblemResponses() {}

  static AuthenticationEntryPoint unauthorized() {
    return (request, response, exception) ->
        write(
            response,
            401,
            "Unauthorized",
            "Send a valid API token as 'Authorization: Bearer <token>'.",
            request.getRequestURI());
  }

  static AccessDeniedHandler forbidden() {
    return (request, response, exception) ->
        write(
            response,
            403,
            "Forbidden",
            "Your role does not allow this operation.",
            request.getRequestURI());
  }

  private static void write(
      HttpServletResponse response, int status, String title, String detail, String instance)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setHeader("WWW-Authenticate", status == 401 ? "Bearer" : null);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\",\"instance\":\""
                + instance.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
  }
}
