package com.oxidly.ui.api;

import com.oxidly.ui.security.ApiTokens;
import com.oxidly.ui.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens: admins create (the secret is shown once), list and revoke them. */
@RestController
@RequestMapping("/api/tokens")
@Tag(name = "API tokens")
class TokenController {

  private final ApiTokens tokens;

  TokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * @param role admin, marketer, analyst or viewer
   */
  record CreateTokenRequest(String name, String role) {}

  @PostMapping
  @Operation(summary = "Create a token; the response is the only place its secret appears")
  ResponseEntity<ApiTokens.CreatedToken> create(
      @RequestBody CreateTokenRequest request, Principal principal) {
    if (request == null || request.role() == null) {
      throw new IllegalArgumentException("role is required (admin, marketer, analyst, viewer)");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(tokens.create(request.name(), Role.fromCode(request.role()), principal.getName()));
  }

  @GetMapping
  @Operation(summary = "List tokens (without secrets)")
  List<ApiTokens.TokenInfo> list() {
    return tokens.list();
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Revoke a token at once")
  ResponseEntity<Void> revoke(@PathVariable UUID id) {
    if (!tokens.revoke(id)) {
      throw new NotFoundException("No token " + id);
    }
    return ResponseEntity.noContent().build();
  }
}
