package com.oxidly.domain.persona;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Local names: from the most distinctive traits, deterministic, and unique within a model. */
class PersonaNamingTest {

  private static PersonaTrait trait(String key, String unit, double value, double deviation) {
    return new PersonaTrait(key, key, unit, value, 1, deviation);
  }

  private static PersonaNaming.Profile coffeeLovers() {
    return new PersonaNaming.Profile(
        0.3,
        List.of(
            trait("orders", "orders", 9, 1.4),
            trait("recency_days", "days", 8, -1.1),
            trait("total_spent", "amount", 1200, 1.6),
            trait("category:Coffee", "share", 0.8, 2.5),
            trait("age", "years", 41, 0.1)));
  }

  @Test
  void theMostDistinctiveTraitsMakeTheName() {
    List<PersonaNaming.Named> named =
        PersonaNaming.name(
            List.of(
                coffeeLovers(),
                new PersonaNaming.Profile(
                    0.2,
                    List.of(
                        trait("orders", "orders", 1, -0.9),
                        trait("recency_days", "days", 400, 1.7),
                        trait("total_spent", "amount", 30, -0.6)))));

    assertThat(named.get(0).name()).isEqualTo("Big-spending frequent coffee lovers");
    assertThat(named.get(1).name()).isEqualTo("Lapsed one-time buyers");
    assertThat(named.get(0).description())
        .startsWith("About 30% of customers, with 9.0 orders")
        .contains("category:Coffee 80% (store 100%)");
    assertThat(named.get(0).description().split("(?<=[.!?])\\s+")).hasSize(2);
  }

  @Test
  void aNameTakenAlreadyGetsTheNextTraitThenANumber() {
    List<PersonaNaming.Named> named =
        PersonaNaming.name(List.of(coffeeLovers(), coffeeLovers(), coffeeLovers(), coffeeLovers()));

    assertThat(named)
        .extracting(PersonaNaming.Named::name)
        .containsExactly(
            "Big-spending frequent coffee lovers",
            "Big-spending frequent recent coffee lovers",
            "Big-spending frequent recent older coffee lovers",
            "Big-spending frequent recent older coffee lovers 2");
    assertThat(PersonaNaming.name(List.of(coffeeLovers(), coffeeLovers())))
        .isEqualTo(named.subList(0, 2));
  }

  @Test
  void customersWithoutOrdersAreBrowsers() {
    PersonaNaming.Named named =
        PersonaNaming.name(
                List.of(
                    new PersonaNaming.Profile(
                        0.25,
                        List.of(
                            trait("orders", "orders", 0, -1.5),
                            trait("total_spent", "amount", 0, -1.4),
                            trait("push_opt_in", "share", 0.9, 1.2),
                            trait("engagement", "score", 12, -0.8)))))
            .getFirst();

    assertThat(named.name()).isEqualTo("Push-enabled disengaged browsers");
    assertThat(named.description()).contains("mostly without a purchase yet");
  }
}
