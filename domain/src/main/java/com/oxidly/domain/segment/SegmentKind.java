package com.oxidly.domain.segment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a segment's members are decided. */
public enum SegmentKind {
  /** Members are the customers its query matches, kept up to date as customers change. */
  DYNAMIC,
  /** Members are added and removed by hand (or by bulk action). */
  STATIC;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the accepted kinds
   */
  @JsonCreator
  public static SegmentKind fromCode(String code) {
    for (SegmentKind kind : values()) {
      if (kind.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("must be dynamic or static, was '" + code + "'");
  }
}
