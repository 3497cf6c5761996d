package com.oxidly.ui.views.personas;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.persona.Persona;
import com.oxidly.domain.persona.PersonaModel;
import com.oxidly.domain.persona.Personas;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.ui.DemoPersonas;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.oxidly.ui.views.customers.CustomerListView;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.json.JsonMapper;

@OxidlyIntegrationTest
class PersonasViewTest extends SpringBrowserlessTest {

  @Autowired Personas personas;
  @Autowired JdbcTemplate jdbc;
  @Autowired JsonMapper json;

  @AfterEach
  void forgetPersonas() {
    DemoPersonas.forget(jdbc);
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void cardsShowEveryPersonaWithItsTraitsAndLeadToItsCustomers() {
    DemoPersonas.compute(personas);
    PersonaModel model = personas.current().orElseThrow();

    PersonasView view = navigate(PersonasView.class);

    assertThat(view.summary.getText()).startsWith(model.k() + " personas");
    assertThat(view.cards.getComponentCount()).isEqualTo(model.k());
    List<String> shown =
        view.cards
            .getChildren()
            .map(card -> card.getChildren().filter(H3.class::isInstance).findFirst().orElseThrow())
            .map(title -> ((H3) title).getText())
            .toList();
    assertThat(shown)
        .containsExactlyElementsOf(model.personas().stream().map(Persona::name).toList());
    assertThat(
            view.cards
                .getChildren()
                .findFirst()
                .orElseThrow()
                .getElement()
                .getChildren()
                .filter(child -> child.getClassList().contains("persona-trait")))
        .hasSize(PersonasView.TRAITS_SHOWN);

    test(view.showCustomers.getFirst()).click();

    assertThat(getCurrentView()).isInstanceOf(CustomerListView.class);
    QueryParameters location = UI.getCurrent().getActiveViewLocation().getQueryParameters();
    CustomerQuery query =
        json.readValue(location.getSingleParameter("query").orElseThrow(), CustomerQuery.class);
    assertThat(query).isInstanceOf(CustomerQuery.Field.class);
    CustomerQuery.Field field = (CustomerQuery.Field) query;
    assertThat(field.field()).isEqualTo(CustomerField.PERSONA);
    assertThat(field.comparison().values())
        .containsExactly(model.personas().getFirst().name().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void beforeTheFirstRefreshTheViewSaysHowPersonasCome() {
    PersonasView view = navigate(PersonasView.class);

    assertThat(view.summary.getText()).startsWith("No personas yet");
    assertThat(view.cards.getComponentCount()).isZero();
  }
}
