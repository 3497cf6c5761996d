package com.oxidly.ui.views.journeys;

import com.oxidly.domain.journey.InvalidJourneyException;
import com.oxidly.domain.journey.JourneyDefinition;
import com.oxidly.domain.journey.JourneyProblem;
import com.oxidly.domain.journey.JourneyTemplates;
import com.oxidly.domain.journey.JourneyTrigger;
import com.oxidly.domain.journey.Journeys;
import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every journey with its status, published version and last edit; a new one starts blank or from a
 * shipped template and opens in the builder.
 */
@Route(value = "journeys", layout = MainLayout.class)
@PageTitle("Journeys | Oxidly")
@RolesAllowed({"ADMIN", "MARKETER", "ANALYST"})
public class JourneysView extends VerticalLayout {

  static final String BLANK = "Blank journey";

  private static final DateTimeFormatter EDITED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.of("UTC"));

  final Grid<Journeys.JourneySummary> grid = new Grid<>();
  final TextField newName = new TextField("Name (blank journeys)");
  final Select<String> startFrom = new Select<>();
  final Button create = new Button("New journey", VaadinIcon.PLUS.create());
  final Span message = new Span();

  private final Journeys journeys;
  private final AuthenticationContext authentication;

  public JourneysView(Journeys journeys, AuthenticationContext authentication) {
    this.journeys = journeys;
    this.authentication = authentication;
    setSizeFull();
    grid.setId("journeys-grid");
    newName.setId("journey-new-name");
    startFrom.setId("journey-start-from");
    create.setId("journey-create");
    message.setId("journeys-message");

    grid.addColumn(Journeys.JourneySummary::name).setHeader("Name").setKey("name").setFlexGrow(2);
    grid.addColumn(Journeys.JourneySummary::status).setHeader("Status").setKey("status");
    grid.addColumn(s -> s.publishedVersion() == null ? "—" : "v" + s.publishedVersion())
        .setHeader("Published")
        .setKey("version");
    grid.addColumn(s -> EDITED.format(s.draftUpdatedAt()) + " UTC by " + s.draftUpdatedBy())
        .setHeader("Last edit")
        .setKey("edited")
        .setFlexGrow(2);
    grid.addItemClickListener(e -> openBuilder(e.getItem().id()));
    grid.setSizeFull();

    List<String> choices = new ArrayList<>();
    choices.add(BLANK);
    JourneyTemplates.keys().forEach(choices::add);
    startFrom.setLabel("Start from");
    startFrom.setItems(choices);
    startFrom.setItemLabelGenerator(
        key -> BLANK.equals(key) ? BLANK : "Template: " + JourneyTemplates.template(key).name());
    startFrom.setValue(BLANK);
    startFrom.addValueChangeListener(e -> newName.setEnabled(BLANK.equals(e.getValue())));
    create.addThemeVariants(ButtonVariant.PRIMARY);
    create.addClickListener(e -> createJourney());

    add(new H2("Journeys"));
    if (authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name())) {
      HorizontalLayout bar = new HorizontalLayout(startFrom, newName, create);
      bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
      add(bar, message);
    }
    add(grid);
    refresh();
  }

  void refresh() {
    grid.setItems(journeys.list());
  }

  /** Creates the journey the marketer chose and opens it in the builder. */
  void createJourney() {
    String user = authentication.getPrincipalName().orElse("unknown");
    try {
      long id;
      if (BLANK.equals(startFrom.getValue())) {
        id =
            journeys.create(
                new JourneyDefinition(
                    newName.getValue(),
                    "",
                    new JourneyTrigger.OnEvent("", List.of()),
                    null,
                    List.of(),
                    null,
                    List.of()),
                user);
      } else {
        id = journeys.createFromTemplate(startFrom.getValue(), user);
      }
      refresh();
      openBuilder(id);
    } catch (InvalidJourneyException e) {
      message.setText(
          e.problems().stream().map(JourneyProblem::message).collect(Collectors.joining("; ")));
    } catch (IllegalArgumentException e) {
      message.setText(e.getMessage());
    }
  }

  private void openBuilder(long id) {
    getUI()
        .ifPresent(
            ui ->
                ui.navigate(
                    JourneyBuilderView.class, new RouteParameters("id", String.valueOf(id))));
  }
}
