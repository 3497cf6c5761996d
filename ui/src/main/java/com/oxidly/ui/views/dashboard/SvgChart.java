package com.oxidly.ui.views.dashboard;

import com.vaadin.flow.component.Html;
import java.util.List;
import java.util.Locale;

/**
 * Small charts rendered on the server as SVG: no JavaScript chart library, no frontend build, and
 * they print and scale with the page. Bars for counts and amounts per period, a line with dots for
 * a score over time. Every label is escaped.
 */
final class SvgChart {

  /** A labelled value; {@code label} is shown under bars and in the tooltip. */
  record Point(String label, double value) {}

  private static final int WIDTH = 480;
  private static final int HEIGHT = 160;
  private static final int LEFT = 44;
  private static final int BOTTOM = 22;
  private static final int TOP = 10;

  private SvgChart() {}

  /**
   * Vertical bars from zero.
   *
   * @param unit prefix of values in tooltips and on the axis, e.g. "$" (may be empty)
   */
  static Html bars(String title, List<Point> points, String unit, String color) {
    double max = Math.max(1e-9, points.stream().mapToDouble(Point::value).max().orElse(0));
    StringBuilder svg = open(title);
    axis(svg, unit + compact(max), unit + "0");
    double slot = (WIDTH - LEFT - 4.0) / Math.max(1, points.size());
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      double height = (HEIGHT - TOP - BOTTOM) * point.value() / max;
      double x = LEFT + i * slot + slot * 0.15;
      svg.append(
          "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s: %s%s</title></rect>"
              .formatted(
                  x,
                  HEIGHT - BOTTOM - height,
                  slot * 0.7,
                  height,
                  color,
                  escape(point.label()),
                  unit,
                  number(point.value())));
      if (points.size() <= 12 || i % 3 == 0) {
        svg.append(
            "<text x='%.1f' y='%d' font-size='9' text-anchor='middle' fill='#666'>%s</text>"
                .formatted(x + slot * 0.35, HEIGHT - 8, escape(point.label())));
      }
    }
    return close(svg);
  }

  /** A line through points over a fixed value range, e.g. ratings 1..5 or sentiment -1..1. */
  static Html line(String title, List<Point> points, double low, double high, String color) {
    StringBuilder svg = open(title);
    axis(svg, number(high), number(low));
    if (low < 0 && high > 0) {
      double zero = y(0, low, high);
      svg.append(
          "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ccc' stroke-dasharray='3 3'/>"
              .formatted(LEFT, zero, WIDTH - 4, zero));
    }
    if (points.isEmpty()) {
      svg.append(
          "<text x='%d' y='%d' font-size='12' text-anchor='middle' fill='#888'>No data yet</text>"
              .formatted((WIDTH + LEFT) / 2, HEIGHT / 2));
      return close(svg);
    }
    double step = points.size() == 1 ? 0 : (WIDTH - LEFT - 14.0) / (points.size() - 1);
    StringBuilder path = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point point = points.get(i);
      double x = LEFT + 6 + i * step;
      double y = y(point.value(), low, high);
      path.append(i == 0 ? "M" : " L").append("%.1f %.1f".formatted(x, y));
      dots.append(
          "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'><title>%s: %s</title></circle>"
              .formatted(x, y, color, escape(point.label()), number(point.value())));
    }
    svg.append("<path d='%s' fill='none' stroke='%s' stroke-width='1.5'/>".formatted(path, color));
    svg.append(dots);
    return close(svg);
  }

  private static double y(double value, double low, double high) {
    double clamped = Math.max(low, Math.min(high, value));
    return TOP + (HEIGHT - TOP - BOTTOM) * (high - clamped) / (high - low);
  }

  private static StringBuilder open(String title) {
    return new StringBuilder(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' role='img' aria-label='%s'"
                .formatted(WIDTH, HEIGHT, escape(title))
            + " style='width:100%;max-width:480px;height:auto'>");
  }

  private static void axis(StringBuilder svg, String top, String bottom) {
    svg.append(
        "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#999'/>"
            .formatted(LEFT, HEIGHT - BOTTOM, WIDTH - 4, HEIGHT - BOTTOM));
    svg.append(
        "<text x='%d' y='%d' font-size='9' text-anchor='end' fill='#666'>%s</text>"
            .formatted(LEFT - 4, TOP + 8, escape(top)));
    svg.append(
        "<text x='%d' y='%d' font-size='9' text-anchor='end' fill='#666'>%s</text>"
            .formatted(LEFT - 4, HEIGHT - BOTTOM, escape(bottom)));
  }

  private static Html close(StringBuilder svg) {
    return new Html(svg.append("</svg>").toString());
  }

  private static String compact(double value) {
    return value >= 10_000
        ? String.format(Locale.ROOT, "%.0fk", value / 1000)
        : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("'", "&#39;")
            .replace("\"", "&quot;");
  }
}
