package com.oxidly.ui.api;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.ReadableQuery;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.SegmentInput;
import com.oxidly.domain.segment.SegmentKind;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.maintenance.SegmentReevaluations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.JsonNode;

/**
 * Named segments: stored customer queries (dynamic) and hand-kept lists (static), with live member
 * counts. A segment's key is how queries name it ({@code {"type":"segment","segment":"high
 * value"}}); in paths it may be written with dashes ({@code /api/segments/high-value}).
 */
@RestController
@RequestMapping("/api/segments")
@Tag(name = "Segments")
class SegmentController {

  private final Segments segments;
  private final SegmentReevaluations reevaluations;

  SegmentController(Segments segments, SegmentReevaluations reevaluations) {
    this.segments = segments;
    this.reevaluations = reevaluations;
  }

  /**
   * @param definition the customer query (JSON with "type"); required for dynamic segments
   */
  record SegmentRequest(
      String key, String name, String description, String kind, JsonNode definition) {
    SegmentInput input() {
      return new SegmentInput(
          key,
          name,
          description,
          kind,
          definition == null || definition.isNull() ? null : definition.toString());
    }
  }

  /**
   * @param readable the definition as a sentence; null for static segments
   * @param members customers in the segment now
   * @param reevaluation the workflow re-evaluating members after this change, if one started
   */
  record SegmentResponse(
      String key,
      String name,
      String description,
      SegmentKind kind,
      CustomerQuery definition,
      String readable,
      boolean builtIn,
      long members,
      Instant createdAt,
      Instant updatedAt,
      String updatedBy,
      String reevaluation) {

    static SegmentResponse of(Segment segment, long members, String reevaluation) {
      return new SegmentResponse(
          segment.key(),
          segment.name(),
          segment.description(),
          segment.kind(),
          segment.definition(),
          segment.definition() == null ? null : ReadableQuery.render(segment.definition()),
          segment.builtIn(),
          members,
          segment.createdAt(),
          segment.updatedAt(),
          segment.updatedBy(),
          reevaluation);
    }
  }

  /** Customers to add to or remove from a static segment. */
  record MembersRequest(List<UUID> customers) {}

  @GetMapping
  @Operation(summary = "Every segment with its live member count")
  List<SegmentResponse> list() {
    Map<String, Long> counts = segments.counts();
    return segments.all().stream()
        .map(s -> SegmentResponse.of(s, counts.getOrDefault(s.key(), 0L), null))
        .toList();
  }

  @GetMapping("/{key}")
  @Operation(summary = "One segment with its live member count")
  SegmentResponse get(@PathVariable String key) {
    Segment segment = segments.get(key);
    return SegmentResponse.of(segment, segments.count(segment.key()), null);
  }

  @PostMapping
  @Operation(summary = "Create a segment; a dynamic one is filled in by a re-evaluation")
  ResponseEntity<SegmentResponse> create(@RequestBody SegmentRequest request, Principal principal) {
    Segment segment = segments.create(request.input(), principal.getName());
    String reevaluation =
        segment.kind() == SegmentKind.DYNAMIC ? reevaluations.start(segment.key()) : null;
    return ResponseEntity.created(
            URI.create(
                "/api/segments/"
                    + UriUtils.encodePathSegment(segment.key().replace(' ', '-'), "UTF-8")))
        .body(SegmentResponse.of(segment, 0, reevaluation));
  }

  @PutMapping("/{key}")
  @Operation(summary = "Change name, description or definition (the key and kind stay)")
  SegmentResponse update(
      @PathVariable String key, @RequestBody SegmentRequest request, Principal principal) {
    Segments.Saved saved = segments.update(key, request.input(), principal.getName());
    String reevaluation =
        saved.definitionChanged() ? reevaluations.start(saved.segment().key()) : null;
    return SegmentResponse.of(saved.segment(), segments.count(saved.segment().key()), reevaluation);
  }

  @DeleteMapping("/{key}")
  @Operation(summary = "Delete a segment (not a built-in, not one others are defined through)")
  ResponseEntity<Void> delete(@PathVariable String key) {
    segments.delete(key);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{key}/members")
  @Operation(summary = "A page of the segment's members, in customer uuid order")
  PageResponse<Segments.Member> members(
      @PathVariable String key,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    List<Segments.Member> members = segments.members(key, page, size);
    return new PageResponse<>(members, page, size, segments.count(key));
  }

  @GetMapping("/{key}/count")
  @Operation(summary = "Customers in the segment now")
  Map<String, Object> count(@PathVariable String key) {
    Segment segment = segments.get(key);
    return Map.of("key", segment.key(), "members", segments.count(segment.key()));
  }

  @PostMapping("/{key}/members")
  @Operation(summary = "Add customers to a static segment (memberships follow within moments)")
  Map<String, Integer> addMembers(
      @PathVariable String key, @RequestBody MembersRequest request, Principal principal) {
    return Map.of("added", segments.addMembers(key, customers(request), principal.getName()));
  }

  @DeleteMapping("/{key}/members")
  @Operation(summary = "Remove customers from a static segment")
  Map<String, Integer> removeMembers(
      @PathVariable String key, @RequestBody MembersRequest request) {
    return Map.of("removed", segments.removeMembers(key, customers(request)));
  }

  private static List<UUID> customers(MembersRequest request) {
    return request == null || request.customers() == null ? List.of() : request.customers();
  }
}
