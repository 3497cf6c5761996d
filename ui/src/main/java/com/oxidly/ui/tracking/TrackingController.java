package com.oxidly.ui.tracking;

import com.oxidly.domain.delivery.DeliveryTracking;
import java.net.URI;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What recipients reach without signing in: the open pixel, click redirects and unsubscribing.
 * Every token is signed (see {@code Links}); a bad one gets a plain 404, never a redirect.
 *
 * <p>Unsubscribing: POST is RFC 8058's one-click (mail clients post {@code
 * List-Unsubscribe=One-Click}) and the confirmation page's button; GET only shows that page, since
 * mail scanners fetch links and must not unsubscribe anyone.
 */
@RestController
class TrackingController {

  /** A transparent 1x1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private final DeliveryTracking tracking;

  TrackingController(DeliveryTracking tracking) {
    this.tracking = tracking;
  }

  @GetMapping("/t/o/{token}")
  ResponseEntity<byte[]> open(@PathVariable String token) {
    tracking.opened(token);
    // The pixel answers the same either way: it tells nobody whether a token is valid.
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_GIF)
        .cacheControl(CacheControl.noStore())
        .body(PIXEL);
  }

  @GetMapping("/t/c/{token}")
  ResponseEntity<String> click(@PathVariable String token) {
    Optional<String> target = tracking.clicked(token);
    if (target.isEmpty()) {
      return page(HttpStatus.NOT_FOUND, "Link not found", "This link is not valid.");
    }
    return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target.get())).build();
  }

  @GetMapping("/t/u/{token}")
  ResponseEntity<String> confirmUnsubscribe(@PathVariable String token) {
    return tracking
        .recipient(token)
        .map(
            r ->
                r.optedIn()
                    ? page(
                        HttpStatus.OK,
                        "Unsubscribe",
                        "Stop marketing emails to "
                            + HtmlUtils.htmlEscape(r.email())
                            + "?</p><form method=\"post\"><button"
                            + " type=\"submit\">Unsubscribe</button></form><p>")
                    : page(
                        HttpStatus.OK,
                        "Unsubscribed",
                        HtmlUtils.htmlEscape(r.email()) + " gets no marketing emails."))
        .orElseGet(() -> page(HttpStatus.NOT_FOUND, "Link not found", "This link is not valid."));
  }

  @PostMapping("/t/u/{token}")
  ResponseEntity<String> unsubscribe(@PathVariable String token) {
    return tracking
        .unsubscribe(token)
        .map(
            r ->
                page(
                    HttpStatus.OK,
                    "Unsubscribed",
                    HtmlUtils.htmlEscape(r.email()) + " gets no more marketing emails."))
        .orElseGet(() -> page(HttpStatus.NOT_FOUND, "Link not found", "This link is not valid."));
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
                + title
                + "</title></head><body style=\"font-family:sans-serif\"><h1>"
                + title
                + "</h1><p>"
                + body
                + "</p></body></html>");
  }
}
