package com.oxidly.ui.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import com.oxidly.ui.views.login.LoginView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Four doors: links in messages (open, no sign-in), the REST API (stateless, bearer tokens,
 * problem+json errors), the actuator (health open, the rest for admins), and the Vaadin UI (form
 * login, sessions).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
// Worker nodes serve no HTTP: no sign-in, no filter chains.
@ConditionalOnWebApplication
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * What message recipients reach from their inbox (open pixel, click redirects, unsubscribe) and
   * the built-in local SMS/push providers: no sign-in, every token checked by its handler.
   */
  @Bean
  @Order(0)
  SecurityFilterChain recipientSecurity(HttpSecurity http) throws Exception {
    return http.securityMatcher("/t/**", "/local-providers/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http, ApiTokens tokens, SecurityContextHolderStrategy contexts)
      throws Exception {
    return http.securityMatcher("/api/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new ApiTokenFilter(tokens, contexts), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/api/docs", "/api/docs/**", "/api/swagger-ui/**")
                    .permitAll()
                    .requestMatchers("/api/tokens/**", "/api/tokens", "/api/admin/**")
                    .hasRole(Role.ADMIN.name())
                    // A whole customer base in one file: not for viewers.
                    .requestMatchers("/api/customers/export", "/api/export/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name(), Role.ANALYST.name())
                    // Scoring texts changes nothing but may spend model budget: not for viewers.
                    .requestMatchers(HttpMethod.POST, "/api/analytics/sentiment")
                    .hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name(), Role.ANALYST.name())
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .authenticated()
                    // Searches are reads even though the query travels in a POST body.
                    .requestMatchers(
                        HttpMethod.POST, "/api/customers/query", "/api/customers/facets")
                    .authenticated()
                    .anyRequest()
                    .hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain actuatorSecurity(
      HttpSecurity http, ApiTokens tokens, SecurityContextHolderStrategy contexts)
      throws Exception {
    return http.securityMatcher("/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new ApiTokenFilter(tokens, contexts), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                    .permitAll()
                    .anyRequest()
                    .hasRole(Role.ADMIN.name()))
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()))
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
    return http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
  }
}
