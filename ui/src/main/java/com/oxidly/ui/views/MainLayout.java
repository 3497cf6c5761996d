package com.oxidly.ui.views;

import com.oxidly.ui.security.Role;
import com.oxidly.ui.views.campaigns.CampaignsView;
import com.oxidly.ui.views.customers.CustomerListView;
import com.oxidly.ui.views.importing.ImportView;
import com.oxidly.ui.views.journeys.JourneysView;
import com.oxidly.ui.views.outbox.OutboxView;
import com.oxidly.ui.views.personas.PersonasView;
import com.oxidly.ui.views.segments.SegmentsView;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;

/** The application shell: brand, signed-in user, and the side navigation of all views. */
@PermitAll
public class MainLayout extends AppLayout {

  public MainLayout(AuthenticationContext authentication) {
    H1 brand = new H1("Oxidly");
    brand.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);
    Span user = new Span(authentication.getPrincipalName().orElse(""));
    Button signOut =
        new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
    signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, user, signOut);
    header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    header.expand(brand);
    header.setWidthFull();
    header.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
    addToNavbar(header);

    SideNav navigation = new SideNav();
    navigation.addItem(
        new SideNavItem("Customers", CustomerListView.class, VaadinIcon.USERS.create()));
    navigation.addItem(new SideNavItem("Segments", SegmentsView.class, VaadinIcon.GROUP.create()));
    navigation.addItem(
        new SideNavItem("Personas", PersonasView.class, VaadinIcon.USER_CARD.create()));
    if (authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name(), Role.ANALYST.name())) {
      navigation.addItem(
          new SideNavItem("Journeys", JourneysView.class, VaadinIcon.CONNECT.create()));
      navigation.addItem(
          new SideNavItem("Campaigns", CampaignsView.class, VaadinIcon.MEGAPHONE.create()));
    }
    // Only offered to those the view admits (see its @RolesAllowed).
    if (authentication.hasAnyRole(Role.ADMIN.name(), Role.MARKETER.name())) {
      navigation.addItem(new SideNavItem("Import", ImportView.class, VaadinIcon.UPLOAD.create()));
      navigation.addItem(
          new SideNavItem("Dev Outbox", OutboxView.class, VaadinIcon.ENVELOPES.create()));
    }
    addToDrawer(navigation);
    setPrimarySection(Section.DRAWER);
  }
}
