package com.oxidly.ui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>} requests against {@link ApiTokens}. */
class ApiTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;

  ApiTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      tokens
          .authenticate(header.substring(7))
          .ifPresent(
              principal -> {
                var authentication =
                    UsernamePasswordAuthenticationToken.authenticated(
                        "token:" + principal.name(),
                        null,
                        List.of(new SimpleGrantedAuthority(principal.role().authority())));
                SecurityContextHolder.getContext().setAuthentication(authentication);
              });
    }
    chain.doFilter(request, response);
  }
}
