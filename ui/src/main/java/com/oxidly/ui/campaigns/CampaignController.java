package com.oxidly.ui.campaigns;

import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.CampaignDefinition;
import com.oxidly.domain.campaign.CampaignNotFoundException;
import com.oxidly.domain.campaign.CampaignStateException;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.domain.campaign.InvalidCampaignException;
import com.oxidly.domain.customer.FieldError;
import com.oxidly.workflows.campaign.CampaignProgress;
import com.oxidly.workflows.campaign.CampaignWorkflow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
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
  private final CampaignLauncher launcher;

  CampaignController(Campaigns campaigns, CampaignLauncher launcher) {
    this.campaigns = campaigns;
    this.launcher = launcher;
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
      Progress progress) {}

  /**
   * @param phase what the run does now (workflow only): waiting_for_start, sending, paused, ...
   * @param queued the frozen audience's size; null before the run started
   * @param suppressed suppressions by reason
   * @param deferred customers waiting for quiet hours to end (retried with the same key)
   */
  record Progress(
      String source,
      String phase,
      String holdReason,
      Long queued,
      long sent,
      Map<String, Long> suppressed,
      long suppressedTotal,
      long failed,
      long deferred,
      Instant nextSendAt) {}

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
    campaigns.schedule(id, principal.getName());
    try {
      launcher.start(id);
    } catch (RuntimeException temporalUnavailable) {
      // Without a run the campaign would say scheduled and never send: back to draft.
      campaigns.unschedule(id);
      throw new RunUnavailableException(id, temporalUnavailable);
    }
    return view(campaigns.get(id), true);
  }

  @PostMapping("/api/campaigns/{id}/pause")
  @Operation(summary = "Hold sends (the batch in flight completes)")
  CampaignView pause(@PathVariable long id) {
    requireLive(id, "pause it");
    signal(id, CampaignWorkflow::pause);
    campaigns.markPaused(id);
    return view(campaigns.get(id), true);
  }

  @PostMapping("/api/campaigns/{id}/resume")
  @Operation(summary = "Go on where a paused campaign stopped")
  CampaignView resume(@PathVariable long id) {
    requireLive(id, "resume it");
    signal(id, CampaignWorkflow::resume);
    campaigns.markResumed(id);
    return view(campaigns.get(id), true);
  }

  @PostMapping("/api/campaigns/{id}/cancel")
  @Operation(summary = "Stop for good; a draft is simply never sent")
  CampaignView cancel(@PathVariable long id) {
    if (campaigns.get(id).isLive()) {
      signal(id, CampaignWorkflow::cancel);
    }
    campaigns.markCancelled(id);
    return view(campaigns.get(id), true);
  }

  private void requireLive(long id, String action) {
    Campaign campaign = campaigns.get(id);
    if (!campaign.isLive()) {
      throw new CampaignStateException(id, campaign.status(), action);
    }
  }

  private void signal(long id, Consumer<CampaignWorkflow> signal) {
    try {
      launcher.signal(id, signal);
    } catch (RuntimeException temporalUnavailable) {
      throw new RunUnavailableException(id, temporalUnavailable);
    }
  }

  private CampaignView view(Campaign campaign, boolean live) {
    Progress progress = null;
    if (live && campaign.isLive()) {
      progress = launcher.progress(campaign.id()).map(CampaignController::progress).orElse(null);
    }
    if (progress == null) {
      progress = progress(campaign.stats());
    }
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
        progress);
  }

  private static Progress progress(CampaignProgress live) {
    return new Progress(
        "workflow",
        live.phase(),
        live.holdReason(),
        live.queued(),
        live.sent(),
        live.suppressed(),
        live.suppressedTotal(),
        live.failed(),
        live.deferred(),
        live.nextSendAt());
  }

  private static Progress progress(Campaign.Stats stats) {
    Map<String, Long> suppressed = new TreeMap<>();
    stats.suppressed().forEach((reason, count) -> suppressed.put(reason, count.longValue()));
    return new Progress(
        "database",
        null,
        null,
        stats.queued() == null ? null : stats.queued().longValue(),
        stats.sent(),
        suppressed,
        suppressed.values().stream().mapToLong(Long::longValue).sum(),
        stats.failed(),
        stats.deferred(),
        null);
  }

  /** Temporal could not be reached to start or signal a run. */
  static final class RunUnavailableException extends RuntimeException {
    RunUnavailableException(long id, Throwable cause) {
      super("The run of campaign " + id + " cannot be reached now; try again", cause);
    }
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

  @ExceptionHandler(RunUnavailableException.class)
  ProblemDetail unavailable(RunUnavailableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
  }
}
