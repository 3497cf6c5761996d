package com.oxidly.ui.views.login;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Sign-in page; Spring Security handles the form post. */
@Route("login")
@PageTitle("Sign in | Oxidly")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

  private final LoginForm login = new LoginForm();

  public LoginView() {
    addClassName("login-view");
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    login.setAction("login");
    login.setForgotPasswordButtonVisible(false);
    add(
        new H1("Oxidly"),
        new Paragraph("Customers, journeys and campaigns for your store."),
        login);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
  }
}
