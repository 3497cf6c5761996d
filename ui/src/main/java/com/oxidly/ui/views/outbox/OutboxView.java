package com.oxidly.ui.views.outbox;

import com.oxidly.domain.delivery.Outbox;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.ui.views.MainLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Dev Outbox: every message that went out on every channel, newest first, as the recipient got it —
 * email and in-app from the delivery log, SMS and push as the built-in local providers received
 * them. Filter by channel and customer (email, uuid or number); pick one to see its content.
 */
@Route(value = "dev-outbox", layout = MainLayout.class)
@PageTitle("Dev Outbox | Oxidly")
@RolesAllowed({"ADMIN", "MARKETER"})
public class OutboxView extends VerticalLayout {

  static final int SHOWN = 200;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Outbox outbox;
  final Select<Channel> channel = new Select<>();
  final TextField customer = new TextField();
  final Grid<Outbox.Entry> grid = new Grid<>();
  final Div detail = new Div();

  public OutboxView(Outbox outbox) {
    this.outbox = outbox;
    setSizeFull();
    channel.setLabel("Channel");
    channel.setItems(Channel.values());
    channel.setEmptySelectionAllowed(true);
    channel.setEmptySelectionCaption("All channels");
    channel.setItemLabelGenerator(c -> c == null ? "All channels" : c.key());
    channel.addValueChangeListener(e -> refresh());
    customer.setLabel("Customer");
    customer.setPlaceholder("email, uuid or number");
    customer.setClearButtonVisible(true);
    customer.setValueChangeMode(ValueChangeMode.LAZY);
    customer.addValueChangeListener(e -> refresh());
    Button reload = new Button("Refresh", e -> refresh());
    HorizontalLayout filters = new HorizontalLayout(channel, customer, reload);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

    grid.addColumn(e -> TIME.format(e.at())).setHeader("Sent").setKey("at").setAutoWidth(true);
    grid.addColumn(e -> e.channel().key())
        .setHeader("Channel")
        .setKey("channel")
        .setAutoWidth(true);
    grid.addColumn(e -> e.customerEmail() == null ? "" : e.customerEmail())
        .setHeader("Customer")
        .setKey("customer")
        .setAutoWidth(true);
    grid.addColumn(Outbox.Entry::recipient).setHeader("To").setKey("recipient").setAutoWidth(true);
    grid.addColumn(e -> e.subject() == null ? firstLine(e.text()) : e.subject())
        .setHeader("Subject / text")
        .setKey("subject")
        .setFlexGrow(1);
    grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));

    detail.setSizeFull();
    SplitLayout split = new SplitLayout(grid, detail);
    split.setSizeFull();
    split.setSplitterPosition(55);
    add(new H2("Dev Outbox"), filters, split);
    expand(split);
    refresh();
  }

  void refresh() {
    List<Outbox.Entry> entries = outbox.recent(channel.getValue(), customer.getValue(), SHOWN);
    grid.setItems(entries);
    show(null);
  }

  void show(Outbox.Entry entry) {
    detail.removeAll();
    if (entry == null) {
      detail.add(new Span("Pick a message to see it as it was sent."));
      return;
    }
    detail.add(new H3(entry.subject() == null ? entry.channel().key() : entry.subject()));
    detail.add(
        new Span(
            "To " + entry.recipient() + " · " + TIME.format(entry.at()) + " · " + entry.sendKey()));
    if (entry.html() != null) {
      IFrame frame = new IFrame();
      // Rendered in a sandbox without scripts: the html is the customer's message, not our page.
      frame.setSrcdoc(entry.html());
      frame.setSandbox(IFrame.SandboxType.RESTRICT_ALL);
      frame.setWidthFull();
      frame.setHeight("420px");
      detail.add(frame);
    }
    if (entry.text() != null) {
      detail.add(new Pre(entry.text()));
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
