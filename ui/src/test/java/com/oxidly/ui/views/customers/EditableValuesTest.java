package com.oxidly.ui.views.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import com.oxidly.domain.query.TimeWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a chip's editor offers to change, and how changed text is checked. */
class EditableValuesTest {

  static final TimeWindow LAST_30_DAYS = new TimeWindow.Rolling(30, TimeWindow.Unit.DAY);

  static EditableValues of(CustomerQuery condition) {
    return EditableValues.of(condition).orElseThrow();
  }

  @Test
  void aThresholdKeepsItsOperatorAndWindow() {
    EditableValues spent = of(new CustomerQuery.Spent(Comparison.gt(500), LAST_30_DAYS));
    assertThat(spent.labels()).containsExactly("Value");
    assertThat(spent.values()).containsExactly("500");
    assertThat(spent.with(List.of(" 750.50 ")))
        .isEqualTo(new CustomerQuery.Spent(Comparison.gt(750.5), LAST_30_DAYS));
    assertThatThrownBy(() -> spent.with(List.of("$750")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'$750' is not a number");
    assertThatThrownBy(() -> spent.with(List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a value is missing");
  }

  @Test
  void betweenHasTwoValuesInOrderAndOneOfHasAList() {
    EditableValues age = of(CustomerQuery.field(CustomerField.AGE, Op.BETWEEN, 20, 29));
    assertThat(age.labels()).containsExactly("From", "To");
    assertThat(age.values()).containsExactly("20", "29");
    assertThat(age.with(List.of("30", "39")))
        .isEqualTo(CustomerQuery.field(CustomerField.AGE, Op.BETWEEN, 30, 39));
    assertThatThrownBy(() -> age.with(List.of("39", "30")))
        .hasMessage("between needs the lower bound first, got 39 and 30");

    EditableValues countries = of(CustomerQuery.field(CustomerField.COUNTRY, Op.IN, "US", "CA"));
    assertThat(countries.values()).containsExactly("us, ca");
    assertThat(countries.with(List.of("de, fr,,")))
        .isEqualTo(CustomerQuery.field(CustomerField.COUNTRY, Op.IN, "de", "fr"));
    assertThatThrownBy(() -> countries.with(List.of(",")))
        .hasMessage("operator in needs at least one value");
  }

  @Test
  void datesProductsAndSegmentsAreEditableButNotGroupsOrPresence() {
    EditableValues signup =
        of(CustomerQuery.field(CustomerField.SIGNUP_DATE, Op.GTE, "2026-03-01"));
    assertThat(signup.values()).containsExactly("2026-03-01");
    assertThatThrownBy(() -> signup.with(List.of("March")))
        .hasMessageContaining("'March' is not an ISO-8601 date");

    assertThat(of(new CustomerQuery.Bought("Espresso", null)).with(List.of("Tea")))
        .isEqualTo(new CustomerQuery.Bought("tea", null));
    assertThat(of(new CustomerQuery.InSegment("high value")).values())
        .containsExactly("high value");

    assertThat(EditableValues.of(CustomerQuery.field(CustomerField.PERSONA, Op.IS_SET))).isEmpty();
    assertThat(EditableValues.of(new CustomerQuery.Not(new CustomerQuery.InSegment("at risk"))))
        .isEmpty();
    assertThat(EditableValues.of(new CustomerQuery.During(CustomerField.SIGNUP_DATE, LAST_30_DAYS)))
        .isEmpty();
  }
}
