package com.oxidly.ui.views.personas;

import com.oxidly.domain.persona.Persona;
import com.oxidly.domain.persona.PersonaModel;
import com.oxidly.domain.persona.PersonaTrait;
import com.oxidly.domain.persona.Personas;
import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.ui.views.MainLayout;
import com.oxidly.ui.views.customers.CustomerListView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current personas as cards: name, description, size, and the most distinctive traits as bars
 * against the store average; each card lists its customers in the customer list. Read from the
 * database only: personas are computed by the analytics refresh.
 */
@Route(value = "personas", layout = MainLayout.class)
@PageTitle("Personas | Oxidly")
@PermitAll
public class PersonasView extends VerticalLayout {

  /** Traits shown per card, most distinctive first. */
  static final int TRAITS_SHOWN = 5;

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  final Span summary = new Span();
  final FlexLayout cards = new FlexLayout();

  /** One card's "show these customers" button per persona, in card order. */
  final List<Button> showCustomers = new ArrayList<>();

  private final JsonMapper json;

  public PersonasView(Personas personas, JsonMapper json) {
    this.json = json;
    addClassName("personas-view");
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    add(new H2("Personas"), summary, cards);
    personas.current().ifPresentOrElse(this::show, this::showNone);
  }

  private void showNone() {
    summary.setText(
        "No personas yet: the analytics refresh computes them (nightly, or on demand with"
            + " POST /api/analytics/refresh).");
  }

  private void show(PersonaModel model) {
    summary.setText(
        String.format(
            Locale.ROOT,
            "%d personas, chosen by silhouette (%.2f), named %s, computed %s.",
            model.k(),
            model.silhouette(),
            "local".equals(model.namedBy()) ? "from their traits" : "by " + model.namedBy(),
            WHEN.format(model.fittedAt())));
    for (Persona persona : model.personas()) {
      cards.add(card(persona));
    }
  }

  private Div card(Persona persona) {
    Div card = new Div();
    card.addClassName("persona-card");
    card.getStyle()
        .set("border", "1px solid var(--lumo-contrast-20pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-m)")
        .set("width", "22rem");
    Span size =
        new Span(
            NumberFormat.getIntegerInstance(Locale.US).format(persona.size())
                + " customers, "
                + Math.round(persona.share() * 100)
                + "%");
    size.getStyle().set("color", "var(--lumo-secondary-text-color)");
    card.add(new H3(persona.name()), size, new Paragraph(persona.description()));
    persona.traits().stream().limit(TRAITS_SHOWN).map(PersonasView::traitBar).forEach(card::add);
    Button show = new Button("Show these customers", VaadinIcon.USERS.create());
    show.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    show.addClickListener(
        e ->
            show.getUI()
                .ifPresent(ui -> ui.navigate(CustomerListView.class, customersOf(persona))));
    showCustomers.add(show);
    card.add(show);
    return card;
  }

  /** The customer list's link for a persona's customers: the query tree "persona is X". */
  QueryParameters customersOf(Persona persona) {
    CustomerQuery query =
        new CustomerQuery.Field(CustomerField.PERSONA, Comparison.of(Op.EQ, persona.name()));
    return new QueryParameters(Map.of("query", List.of(json.writeValueAsString(query))));
  }

  /** The persona's value and the store's as two bars on one scale, with the numbers. */
  static Div traitBar(PersonaTrait trait) {
    double scale =
        "share".equals(trait.unit())
            ? 1
            : Math.max(Math.abs(trait.value()), Math.abs(trait.storeAverage()));
    Div row = new Div();
    row.addClassName("persona-trait");
    Span label =
        new Span(
            trait.label()
                + ": "
                + trait.formatted(trait.value())
                + " (store "
                + trait.formatted(trait.storeAverage())
                + ")");
    label.getStyle().set("font-size", "var(--lumo-font-size-s)");
    row.add(
        label,
        bar(trait.value(), scale, "var(--lumo-primary-color)"),
        bar(trait.storeAverage(), scale, "var(--lumo-contrast-30pct)"));
    return row;
  }

  private static Div bar(double value, double scale, String color) {
    Div bar = new Div();
    double width = scale == 0 || Double.isNaN(value) ? 0 : Math.min(1, Math.abs(value) / scale);
    bar.getStyle()
        .set("height", "0.4rem")
        .set("margin", "1px 0")
        .set("background", color)
        .set("border-radius", "2px")
        .set("width", String.format(Locale.ROOT, "%.0f%%", width * 100));
    return bar;
  }
}
