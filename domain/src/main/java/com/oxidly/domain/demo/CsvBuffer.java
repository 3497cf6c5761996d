package com.oxidly.domain.demo;

import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer that renders rows in PostgreSQL's CSV COPY format. It is reused
 * chunk after chunk, so after the first chunk a load allocates no more buffer memory, and it
 * encodes straight to bytes because going through String and a CharsetEncoder for millions of rows
 * would cost more than the rest of the generator.
 *
 * <p>CSV rules that matter here: an unquoted empty field is NULL, so {@link #text} writes an empty
 * string as {@code ""}; a field with a quote, comma, CR or LF is quoted with inner quotes doubled.
 */
final class CsvBuffer {

  private byte[] bytes;
  private int length;
  private boolean rowStarted;

  CsvBuffer(int initialCapacity) {
    bytes = new byte[Math.max(initialCapacity, 64)];
  }

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
    rowStarted = false;
  }

  /** Ends the current row. */
  void endRow() {
    ensure(1);
    bytes[length++] = '\n';
    rowStarted = false;
  }

  /** A NULL field. */
  CsvBuffer nul() {
    separator();
    return this;
  }

  CsvBuffer text(String value) {
    separator();
    if (value == null) {
      return this;
    }
    if (value.isEmpty() || needsQuotes(value)) {
      ensure(1);
      bytes[length++] = '"';
      appendUtf8(value, true);
      ensure(1);
      bytes[length++] = '"';
    } else {
      appendUtf8(value, false);
    }
    return this;
  }

  /** A field that is known to be plain ASCII without CSV specials (ids, enum words). */
  CsvBuffer ascii(String value) {
    separator();
    int n = value.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) value.charAt(i);
    }
    return this;
  }

  /** An id such as {@code D42-1234-3}: prefix, then two numbers joined by a hyphen. */
  CsvBuffer id(String prefix, long first, long second) {
    separator();
    int n = prefix.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) prefix.charAt(i);
    }
    appendLong(first);
    ensure(1);
    bytes[length++] = '-';
    appendLong(second);
    return this;
  }

  CsvBuffer number(long value) {
    separator();
    appendLong(value);
    return this;
  }

  /** A decimal amount with two fraction digits, from cents. */
  CsvBuffer cents(long cents) {
    separator();
    if (cents < 0) {
      ensure(1);
      bytes[length++] = '-';
      cents = -cents;
    }
    appendLong(cents / 100);
    ensure(3);
    int fraction = (int) (cents % 100);
    bytes[length++] = '.';
    bytes[length++] = (byte) ('0' + fraction / 10);
    bytes[length++] = (byte) ('0' + fraction % 10);
    return this;
  }

  CsvBuffer bool(boolean value) {
    separator();
    ensure(1);
    bytes[length++] = (byte) (value ? 't' : 'f');
    return this;
  }

  /** A UTC timestamp with an explicit offset, so the session time zone cannot shift it. */
  CsvBuffer timestamp(long epochSecond) {
    separator();
    ensure(22);
    length = Timestamps.format(epochSecond, bytes, length);
    return this;
  }

  CsvBuffer uuid(long mostSignificant, long leastSignificant) {
    separator();
    ensure(36);
    hex(mostSignificant >>> 32, 8);
    bytes[length++] = '-';
    hex(mostSignificant >>> 16, 4);
    bytes[length++] = '-';
    hex(mostSignificant, 4);
    bytes[length++] = '-';
    hex(leastSignificant >>> 48, 4);
    bytes[length++] = '-';
    hex(leastSignificant, 12);
    return this;
  }

  private void hex(long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      int nibble = (int) (value >>> (i * 4)) & 0xF;
      bytes[length++] = (byte) (nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
  }

  private void separator() {
    if (rowStarted) {
      ensure(1);
      bytes[length++] = ',';
    }
    rowStarted = true;
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == ',' || c == '\n' || c == '\r' || c == '\\') {
        // A backslash alone is harmless in CSV, but a field "\." would end the COPY stream.
        return true;
      }
    }
    return false;
  }

  private void appendLong(long value) {
    if (value < 0) {
      ensure(1);
      bytes[length++] = '-';
      if (value == Long.MIN_VALUE) {
        appendAsciiDigits("9223372036854775808");
        return;
      }
      value = -value;
    }
    int digits = 1;
    for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
      digits++;
    }
    ensure(digits);
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += digits;
  }

  private void appendAsciiDigits(String digits) {
    ensure(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      bytes[length++] = (byte) digits.charAt(i);
    }
  }

  private void appendUtf8(String value, boolean doubleQuotes) {
    int n = value.length();
    ensure(n * 3 + 2);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (c == '"' && doubleQuotes) {
          ensure(1 + (n - i) * 3);
          bytes[length++] = '"';
        }
        bytes[length++] = (byte) c;
      } else if (c < 0x800) {
        bytes[length++] = (byte) (0xC0 | (c >> 6));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        ensure(4 + (n - i) * 3);
        bytes[length++] = (byte) (0xF0 | (cp >> 18));
        bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        bytes[length++] = '?';
      } else {
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private void ensure(int extra) {
    if (length + extra > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
    }
  }
}
