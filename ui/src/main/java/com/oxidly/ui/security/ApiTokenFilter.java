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
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests against {@link ApiTokens}. It writes
 * through this application context's own {@link SecurityContextHolderStrategy}, not the static
 * holder: Vaadin installs a strategy per context and the static one belongs to whichever context
 * started last (two in one test JVM), so a token accepted here would be unseen by authorization.
 */
class ApiTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final SecurityContextHolderStrategy contexts;

  ApiTokenFilter(ApiTokens tokens, SecurityContextHolderStrategy contexts) {
    this.tokens = tokens;
    this.contexts = contexts;
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
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authentication);
                contexts.setContext(context);
              });
    }
    chain.doFilter(request, response);
  }
}
