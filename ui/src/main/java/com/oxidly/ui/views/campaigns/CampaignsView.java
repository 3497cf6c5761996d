package com.oxidly.ui.views.campaigns;

import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.CampaignDefinition;
import com.oxidly.domain.campaign.CampaignStateException;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.domain.campaign.InvalidCampaignException;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.domain.messaging.MessageClass;
import com.oxidly.domain.messaging.MessageTemplate;
import com.oxidly.domain.nlsearch.NaturalLanguageSearch;
import com.oxidly.domain.query.PostgresCustomerQueries;
import com.oxidly.domain.segment.Segment;
import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.campaigns.CampaignOperations;
import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.MainLayout;
import com.oxidly.ui.views.customers.AudiencePicker;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Broadcast campaigns: the list with live counts, and an editor for one campaign — channel, message
 * (Liquid), audience (a segment, or customers described in a sentence with a live count), schedule
 * (one instant, or a local hour in each customer's time zone) and throttle. Admins and marketers
 * save drafts, schedule, pause, resume and cancel; analysts and viewers read. While a campaign
 * runs, its counts refresh every few seconds from the run's progress query.
 */
@Route(value = "campaigns", layout = MainLayout.class)
@PageTitle("Campaigns | Oxidly")
@PermitAll
public class CampaignsView extends VerticalLayout {

  static final String AT_ONE_INSTANT = "At one instant (UTC)";
  static final String LOCAL_TIME = "At a local time in each customer's time zone";
  static final String BY_SEGMENT = "A segment";
  static final String BY_DESCRIPTION = "Customers described in a sentence";

  /** How often the counts of an open campaign refresh, in milliseconds. */
  static final int POLL_MILLIS = 3_000;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  final Grid<Campaign> grid = new Grid<>();
  final Button newCampaign = new Button("New campaign", VaadinIcon.PLUS.create());
  final TextField name = new TextField("Name");
  final Select<Channel> channel = new Select<>();
  final Select<MessageClass> messageClass = new Select<>();
  final TextField subject = new TextField("Subject");
  final TextArea html = new TextArea("HTML (Liquid: {{ customer.first_name }} ...)");
  final TextArea text = new TextArea("Text");
  final RadioButtonGroup<String> audienceKind = new RadioButtonGroup<>("Audience");
  final ComboBox<Segment> segment = new ComboBox<>("Segment");
  final AudiencePicker audience;
  final RadioButtonGroup<String> scheduleKind = new RadioButtonGroup<>("When");
  final DateTimePicker startAt = new DateTimePicker("Start (UTC)");
  final DateTimePicker localStart = new DateTimePicker("Local date and time");
  final IntegerField throttle = new IntegerField("Messages per minute");
  final Button save = new Button("Save draft", VaadinIcon.CHECK.create());
  final Button schedule = new Button("Schedule", VaadinIcon.CALENDAR_CLOCK.create());
  final Button pause = new Button("Pause", VaadinIcon.PAUSE.create());
  final Button resume = new Button("Resume", VaadinIcon.PLAY.create());
  final Button cancel = new Button("Cancel", VaadinIcon.STOP.create());
  final Span status = new Span();
  final ProgressBar progressBar = new ProgressBar();
  final Span counts = new Span();
  final Span message = new Span();
  final FormLayout form = new FormLayout();

  private final Campaigns campaigns;
  private final CampaignOperations operations;
  private final AuthenticationContext authentication;
  private Campaign selected;
  private Registration polling;

  public CampaignsView(
      Campaigns campaigns,
      CampaignOperations operations,
      Segments segments,
      NaturalLanguageSearch language,
      PostgresCustomerQueries queries,
      AuthenticationContext authentication) {
    this.campaigns = campaigns;
    this.operations = operations;
    this.authentication = authentication;
    this.audience = new AudiencePicker(null, language, queries);
    setWidthFull();
    giveIds();
    configureGrid();
    channel.setLabel("Channel");
    channel.setItems(Channel.values());
    channel.setItemLabelGenerator(Channel::key);
    messageClass.setLabel("Class");
    messageClass.setItems(MessageClass.values());
    messageClass.setItemLabelGenerator(c -> c.name().toLowerCase(java.util.Locale.ROOT));
    audienceKind.setItems(BY_SEGMENT, BY_DESCRIPTION);
    audienceKind.addValueChangeListener(e -> showAudienceKind());
    segment.setItems(segments.all());
    segment.setItemLabelGenerator(Segment::name);
    scheduleKind.setItems(AT_ONE_INSTANT, LOCAL_TIME);
    scheduleKind.addValueChangeListener(e -> showScheduleKind());
    throttle.setMin(1);
    throttle.setMax(CampaignDefinition.MAX_THROTTLE_PER_MINUTE);
    throttle.setHelperText("across the campaign's channel; batches are spaced to keep it");
    html.setWidthFull();
    text.setWidthFull();
    form.add(name, channel, messageClass, subject, throttle);
    form.add(html, 3);
    form.add(text, 3);
    form.add(audienceKind, 3);
    form.add(segment, 3);
    form.add(audience, 3);
    form.add(scheduleKind, 3);
    form.add(startAt, localStart);
    form.setResponsiveSteps(
        new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("700px", 3));
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    schedule.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
    cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
    newCampaign.addClickListener(e -> edit(null));
    save.addClickListener(e -> saveDraft());
    schedule.addClickListener(e -> scheduleSelected());
    pause.addClickListener(e -> act("Paused", () -> operations.pause(selected.id())));
    resume.addClickListener(e -> act("Resumed", () -> operations.resume(selected.id())));
    cancel.addClickListener(e -> act("Cancelled", () -> operations.cancel(selected.id())));
    message.getStyle().set("white-space", "pre-line");
    progressBar.setWidth("320px");
    HorizontalLayout actions = new HorizontalLayout(save, schedule, pause, resume, cancel);
    add(
        new HorizontalLayout(new H2("Campaigns"), newCampaign),
        grid,
        new HorizontalLayout(status, progressBar, counts),
        form,
        actions,
        message);
    boolean canEdit = canEdit();
    List.of(newCampaign, save, schedule, pause, resume, cancel)
        .forEach(button -> button.setVisible(canEdit));
    refreshList();
    edit(null);
  }

  @Override
  protected void onAttach(AttachEvent attach) {
    attach.getUI().setPollInterval(POLL_MILLIS);
    polling = attach.getUI().addPollListener(e -> refreshCounts());
  }

  @Override
  protected void onDetach(DetachEvent detach) {
    // The UI outlives this view: stop polling and drop the listener with it.
    detach.getUI().setPollInterval(-1);
    if (polling != null) {
      polling.remove();
      polling = null;
    }
  }

  /** Stable ids for end-to-end tests. */
  private void giveIds() {
    grid.setId("campaigns-grid");
    newCampaign.setId("campaign-new");
    name.setId("campaign-name");
    channel.setId("campaign-channel");
    messageClass.setId("campaign-class");
    subject.setId("campaign-subject");
    html.setId("campaign-html");
    text.setId("campaign-text");
    audienceKind.setId("campaign-audience-kind");
    segment.setId("campaign-segment");
    scheduleKind.setId("campaign-schedule-kind");
    startAt.setId("campaign-start");
    localStart.setId("campaign-local-start");
    throttle.setId("campaign-throttle");
    save.setId("campaign-save");
    schedule.setId("campaign-schedule");
    pause.setId("campaign-pause");
    resume.setId("campaign-resume");
    cancel.setId("campaign-cancel");
    status.setId("campaign-status");
    counts.setId("campaign-counts");
    message.setId("campaign-message");
  }

  private void configureGrid() {
    grid.addColumn(c -> c.definition().name()).setHeader("Name").setAutoWidth(true);
    grid.addColumn(c -> c.definition().channel() == null ? "" : c.definition().channel().key())
        .setHeader("Channel");
    grid.addColumn(Campaign::status).setHeader("Status");
    grid.addColumn(c -> c.stats().queued() == null ? "" : String.valueOf(c.stats().queued()))
        .setHeader("Audience");
    grid.addColumn(c -> c.stats().sent()).setHeader("Sent");
    grid.addColumn(c -> c.stats().suppressed().values().stream().mapToInt(i -> i).sum())
        .setHeader("Suppressed");
    grid.addColumn(c -> c.stats().failed()).setHeader("Failed");
    grid.addColumn(c -> c.scheduledAt() == null ? "" : WHEN.format(c.scheduledAt()))
        .setHeader("Scheduled");
    grid.setHeight("260px");
    grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
  }

  /** Shows a campaign in the editor; null starts a new draft. */
  private void edit(Campaign campaign) {
    selected = campaign;
    message.setText("");
    CampaignDefinition definition =
        campaign == null
            ? new CampaignDefinition(
                "", Channel.EMAIL, MessageClass.MARKETING, null, null, null, null)
            : campaign.definition();
    name.setValue(nullToEmpty(definition.name()));
    channel.setValue(definition.channel() == null ? Channel.EMAIL : definition.channel());
    messageClass.setValue(
        definition.messageClass() == null ? MessageClass.MARKETING : definition.messageClass());
    MessageTemplate template = definition.template();
    subject.setValue(template == null ? "" : nullToEmpty(template.subject()));
    html.setValue(template == null ? "" : nullToEmpty(template.html()));
    text.setValue(template == null ? "" : nullToEmpty(template.text()));
    CampaignDefinition.Audience chosen = definition.audience();
    boolean bySegment = chosen == null || chosen.segment() != null;
    audienceKind.setValue(bySegment ? BY_SEGMENT : BY_DESCRIPTION);
    segment.setValue(
        chosen == null || chosen.segment() == null
            ? null
            : segment
                .getListDataView()
                .getItems()
                .filter(s -> s.key().equals(chosen.segment()))
                .findFirst()
                .orElse(null));
    if (chosen != null && chosen.query() != null) {
      audience.sentence.setValue(com.oxidly.domain.query.ReadableQuery.render(chosen.query()));
      audience.read();
    }
    CampaignDefinition.Schedule when = definition.schedule();
    scheduleKind.setValue(when != null && when.isLocal() ? LOCAL_TIME : AT_ONE_INSTANT);
    startAt.setValue(
        when == null || when.startAt() == null
            ? null
            : LocalDateTime.ofInstant(when.startAt(), ZoneOffset.UTC));
    localStart.setValue(
        when == null || !when.isLocal() ? null : LocalDateTime.of(when.date(), when.localTime()));
    throttle.setValue(definition.throttle());
    boolean draft = campaign == null || "draft".equals(campaign.status());
    form.getChildren()
        .forEach(
            field -> {
              if (field instanceof com.vaadin.flow.component.HasValue<?, ?> value) {
                value.setReadOnly(!draft || !canEdit());
              }
            });
    audience.setEnabled(draft && canEdit());
    save.setEnabled(draft);
    schedule.setEnabled(campaign != null && draft);
    refreshCounts();
  }

  private CampaignDefinition definitionInForm() {
    CampaignDefinition.Audience chosen =
        BY_SEGMENT.equals(audienceKind.getValue())
            ? (segment.getValue() == null
                ? null
                : new CampaignDefinition.Audience(segment.getValue().key(), null))
            : (audience.value() == null
                ? null
                : new CampaignDefinition.Audience(null, audience.value()));
    CampaignDefinition.Schedule when;
    if (LOCAL_TIME.equals(scheduleKind.getValue())) {
      when =
          localStart.getValue() == null
              ? null
              : new CampaignDefinition.Schedule(
                  null, localStart.getValue().toLocalDate(), localStart.getValue().toLocalTime());
    } else {
      when =
          startAt.getValue() == null
              ? null
              : new CampaignDefinition.Schedule(
                  startAt.getValue().toInstant(ZoneOffset.UTC), null, null);
    }
    return new CampaignDefinition(
        name.getValue(),
        channel.getValue(),
        messageClass.getValue(),
        new MessageTemplate(
            emptyToNull(subject.getValue()),
            emptyToNull(html.getValue()),
            emptyToNull(text.getValue()),
            null),
        chosen,
        when,
        throttle.getValue());
  }

  private void saveDraft() {
    try {
      String user = authentication.getPrincipalName().orElse("unknown");
      long id;
      if (selected == null) {
        id = campaigns.create(definitionInForm(), user);
      } else {
        id = selected.id();
        campaigns.update(id, definitionInForm(), user);
      }
      refreshList();
      Campaign saved = campaigns.get(id);
      grid.select(saved);
      message.setText("Saved draft '" + saved.definition().name() + "'.");
    } catch (InvalidCampaignException invalid) {
      message.setText(problems("Not saved", invalid));
    } catch (CampaignStateException notADraft) {
      message.setText(notADraft.getMessage());
    }
  }

  private void scheduleSelected() {
    if (selected == null) {
      return;
    }
    try {
      String user = authentication.getPrincipalName().orElse("unknown");
      campaigns.update(selected.id(), definitionInForm(), user);
      Campaign scheduled = operations.schedule(selected.id(), user);
      refreshList();
      grid.select(scheduled);
      message.setText("Scheduled: the run waits for its start, then sends.");
    } catch (InvalidCampaignException invalid) {
      message.setText(problems("Cannot schedule", invalid));
    } catch (CampaignStateException | CampaignOperations.RunUnavailableException refused) {
      message.setText(refused.getMessage());
    }
  }

  private void act(String done, java.util.function.Supplier<Campaign> action) {
    if (selected == null) {
      return;
    }
    try {
      Campaign campaign = action.get();
      refreshList();
      grid.select(campaign);
      message.setText(done + " '" + campaign.definition().name() + "'.");
    } catch (CampaignStateException | CampaignOperations.RunUnavailableException refused) {
      message.setText(refused.getMessage());
    }
  }

  /** The selected campaign's status and counts: live from its run while it is open. */
  void refreshCounts() {
    if (selected == null) {
      status.setText("New draft");
      progressBar.setVisible(false);
      counts.setText("");
      setActions(null);
      return;
    }
    Campaign current = campaigns.find(selected.id()).orElse(selected);
    CampaignOperations.Progress progress = operations.progress(current, true);
    status.setText(
        "Status: "
            + current.status()
            + (progress.phase() == null ? "" : " (" + progress.phase().replace('_', ' ') + ")"));
    long queued = progress.queued() == null ? 0 : progress.queued();
    progressBar.setVisible(queued > 0);
    progressBar.setValue(queued == 0 ? 0 : Math.min(1.0, progress.done() / (double) queued));
    counts.setText(
        queued == 0 && progress.done() == 0
            ? ""
            : "%d of %d done: %d sent, %d suppressed%s, %d failed, %d deferred"
                .formatted(
                    progress.done(),
                    queued,
                    progress.sent(),
                    progress.suppressedTotal(),
                    progress.suppressed().isEmpty()
                        ? ""
                        : " ("
                            + progress.suppressed().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", "))
                            + ")",
                    progress.failed(),
                    progress.deferred()));
    setActions(current);
  }

  private void setActions(Campaign current) {
    boolean live = current != null && current.isLive();
    pause.setEnabled(live && !"paused".equals(current.status()));
    resume.setEnabled(live && "paused".equals(current.status()));
    cancel.setEnabled(current != null && (live || "draft".equals(current.status())));
  }

  private void refreshList() {
    List<Campaign> all = campaigns.list();
    grid.setItems(all);
  }

  private void showAudienceKind() {
    boolean bySegment = BY_SEGMENT.equals(audienceKind.getValue());
    segment.setVisible(bySegment);
    audience.setVisible(!bySegment);
  }

  private void showScheduleKind() {
    boolean local = LOCAL_TIME.equals(scheduleKind.getValue());
    startAt.setVisible(!local);
    localStart.setVisible(local);
  }

  private boolean canEdit() {
    return authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name());
  }

  private static String problems(String what, InvalidCampaignException invalid) {
    return what
        + ":\n"
        + invalid.errors().stream()
            .map(error -> "• " + error.field() + ": " + error.message())
            .collect(Collectors.joining("\n"));
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
