package com.oxidly.ui.campaigns;

import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.CampaignDefinition;
import com.oxidly.domain.campaign.CampaignNotFoundException;
import com.oxidly.domain.campaign.CampaignStateException;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.domain.campaign.InvalidCampaignException;
import com.oxidly.domain.customer.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Broadcast campaigns: drafts, scheduling (which starts the campaign's workflow), pause, resume and
 * cancel by signal, and progress — live by query while the run is open, as persisted after every
 * batch otherwise. Nothing here waits for a run to finish.
 */
@RestController
@Tag(name = "Campaigns")
class CampaignController {

  private final Campaigns campaigns;
  private final CampaignOperations operations;

  CampaignController(Campaigns campaigns, CampaignOperations operations) {
    this.campaigns = campaigns;
    this.operations = operations;
  }

  /**
   * A campaign with its progress.
   *
   * @param progress live from the workflow ({@code source = workflow}) or as last persisted ({@code
   *     source = database})
   */
  record CampaignView(
      long id,
      String status,
      String note,
      CampaignDefinition definition,
      Instant createdAt,
      String createdBy,
      Instant updatedAt,
      String updatedBy,
      Instant scheduledAt,
      Instant startedAt,
      Instant finishedAt,
      CampaignOperations.Progress progress) {}

  @GetMapping("/api/campaigns")
  @Operation(summary = "Every campaign, newest first, with persisted statistics")
  List<CampaignView> list() {
    return campaigns.list().stream().map(campaign -> view(campaign, false)).toList();
  }

  @PostMapping("/api/campaigns")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a campaign draft",
      description =
          "Body: name, channel (email/sms/push/in_app), messageClass (marketing/transactional),"
              + " template {subject, html, text}, audience {segment} or {query: a customer"
              + " query}, schedule {startAt} or {date, localTime} (local time in each customer's"
              + " time zone), throttlePerMinute. Drafts may be incomplete; scheduling checks.")
  CampaignView create(@RequestBody CampaignDefinition draft, Principal principal) {
    return view(campaigns.get(campaigns.create(draft, principal.getName())), false);
  }

  @GetMapping("/api/campaigns/{id}")
  @Operation(summary = "A campaign with live progress while its run is open")
  CampaignView get(@PathVariable long id) {
    return view(campaigns.get(id), true);
  }

  @PutMapping("/api/campaigns/{id}")
  @Operation(summary = "Replace a draft (409 once scheduled)")
  CampaignView update(
      @PathVariable long id, @RequestBody CampaignDefinition draft, Principal principal) {
    campaigns.update(id, draft, principal.getName());
    return view(campaigns.get(id), false);
  }

  @PostMapping("/api/campaigns/{id}/schedule")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Check the draft and start its run",
      description =
          "422 with every problem (template, audience, schedule) when it cannot be sent. The run"
              + " waits for the start, freezes the audience then and sends; this call returns at"
              + " once.")
  CampaignView schedule(@PathVariable long id, Principal principal) {
    return view(operations.schedule(id, principal.getName()), true);
  }

  @PostMapping("/api/campaigns/{id}/pause")
  @Operation(summary = "Hold sends (the batch in flight completes)")
  CampaignView pause(@PathVariable long id) {
    return view(operations.pause(id), true);
  }

  @PostMapping("/api/campaigns/{id}/resume")
  @Operation(summary = "Go on where a paused campaign stopped")
  CampaignView resume(@PathVariable long id) {
    return view(operations.resume(id), true);
  }

  @PostMapping("/api/campaigns/{id}/cancel")
  @Operation(summary = "Stop for good; a draft is simply never sent")
  CampaignView cancel(@PathVariable long id) {
    return view(operations.cancel(id), true);
  }

  private CampaignView view(Campaign campaign, boolean live) {
    return new CampaignView(
        campaign.id(),
        campaign.status(),
        campaign.note(),
        campaign.definition(),
        campaign.createdAt(),
        campaign.createdBy(),
        campaign.updatedAt(),
        campaign.updatedBy(),
        campaign.scheduledAt(),
        campaign.startedAt(),
        campaign.finishedAt(),
        operations.progress(campaign, live));
  }

  @ExceptionHandler(InvalidCampaignException.class)
  ProblemDetail invalid(InvalidCampaignException e) {
    HttpStatus status =
        e.whenScheduling() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    problem.setTitle(e.whenScheduling() ? "Campaign cannot be scheduled" : "Invalid campaign");
    List<FieldError> errors = e.errors();
    problem.setProperty(e.whenScheduling() ? "problems" : "errors", errors);
    return problem;
  }

  @ExceptionHandler(CampaignNotFoundException.class)
  ProblemDetail notFound(CampaignNotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(CampaignStateException.class)
  ProblemDetail conflict(CampaignStateException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(CampaignOperations.RunUnavailableException.class)
  ProblemDetail unavailable(CampaignOperations.RunUnavailableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }
}
