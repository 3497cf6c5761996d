package com.oxidly.ui.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a person or token may do. Analysts read campaigns but do not change them. */
public enum Role {
  ADMIN,
  MARKETER,
  ANALYST,
  VIEWER;

  /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
  public String authority() {
    return "ROLE_" + name();
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the allowed roles
   */
  public static Role fromCode(String code) {
    for (Role role : values()) {
      if (role.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '"
            + code
            + "'; expected one of "
            + Arrays.stream(values()).map(Role::code).collect(Collectors.joining(", ")));
  }
}
