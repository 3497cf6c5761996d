package com.oxidly.domain.demo;

/**
 * Epoch-second arithmetic for the generator. Formatting by hand (days-from-civil, after Howard
 * Hinnant) instead of through java.time keeps tens of millions of timestamps allocation-free.
 */
final class Timestamps {

  static final long MINUTE = 60;
  static final long HOUR = 3_600;
  static final long DAY = 86_400;
  static final long WEEK = 7 * DAY;
  static final long YEAR = 31_557_600; // 365.25 days

  private Timestamps() {}

  /** Writes {@code yyyy-MM-dd HH:mm:ss+00} (22 bytes) at {@code offset}; returns the new offset. */
  static int format(long epochSecond, byte[] out, int offset) {
    long days = Math.floorDiv(epochSecond, DAY);
    int secondOfDay = (int) (epochSecond - days * DAY);
    long[] ymd = civil(days);
    int year = (int) ymd[0];
    int p = offset;
    out[p++] = (byte) ('0' + year / 1000 % 10);
    out[p++] = (byte) ('0' + year / 100 % 10);
    out[p++] = (byte) ('0' + year / 10 % 10);
    out[p++] = (byte) ('0' + year % 10);
    out[p++] = '-';
    p = twoDigits((int) ymd[1], out, p);
    out[p++] = '-';
    p = twoDigits((int) ymd[2], out, p);
    out[p++] = ' ';
    p = twoDigits(secondOfDay / 3600, out, p);
    out[p++] = ':';
    p = twoDigits(secondOfDay / 60 % 60, out, p);
    out[p++] = ':';
    p = twoDigits(secondOfDay % 60, out, p);
    out[p++] = '+';
    out[p++] = '0';
    out[p++] = '0';
    return p;
  }

  /** Month of the year (1-12) of a UTC instant. */
  static int month(long epochSecond) {
    return (int) civil(Math.floorDiv(epochSecond, DAY))[1];
  }

  /** Day of the month (1-31) of a UTC instant. */
  static int dayOfMonth(long epochSecond) {
    return (int) civil(Math.floorDiv(epochSecond, DAY))[2];
  }

  /** Year, month and day of a day count since 1970-01-01. */
  static long[] civil(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return new long[] {year, month, day};
  }

  private static int twoDigits(int value, byte[] out, int p) {
    out[p++] = (byte) ('0' + value / 10);
    out[p++] = (byte) ('0' + value % 10);
    return p;
  }
}
