package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Comparison;
import com.oxidly.domain.query.CustomerField;
import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.query.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NlParserTest {

  private static final CustomerSearchParser PARSER = new CustomerSearchParser();

  private static Interpretation parse(String text, StoreVocabulary vocabulary) {
    return PARSER.parse(text, vocabulary, NlFixtures.NOW, NlFixtures.ZONE);
  }

  private static Interpretation parse(String text) {
    return parse(text, NlFixtures.VOCABULARY);
  }

  private static StoreVocabulary store(List<StoreVocabulary.City> cities) {
    return new StoreVocabulary(cities, List.of(), List.of(), List.of(), "USD");
  }

  @Test
  void readsTheIssueExampleAndShowsItBack() {
    Interpretation reading =
        parse("Show me customers from New York who spent over $500 last month");

    assertThat(reading.readable()).isEqualTo("city is new york and spent last month > 500");
    assertThat(reading.ignored()).isEmpty();
    assertThat(reading.freeText()).isEmpty();
  }

  @Test
  void reportsWhatItDoesNotUnderstandInSentenceOrder() {
    Interpretation reading =
        parse("loyal customers in Berlin who complained about late delivery and love espresso");

    assertThat(reading.query())
        .isEqualTo(new CustomerQuery.Field(CustomerField.CITY, Comparison.eq("berlin")));
    assertThat(reading.ignored()).containsExactly("loyal");
    assertThat(reading.freeText())
        .containsExactly("complained about late delivery", "love espresso");
  }

  @Test
  void fillersAloneGiveEveryCustomer() {
    Interpretation reading = parse("Please show me all of our customers");

    assertThat(reading.query()).isEqualTo(new CustomerQuery.All());
    assertThat(reading.readable()).isEqualTo("all customers");
    assertThat(reading.ignored()).isEmpty();
  }

  @Test
  void placesComeFromTheStoresOwnData() {
    StoreVocabulary german = store(List.of(new StoreVocabulary.City("München", "DE")));
    StoreVocabulary both =
        store(
            List.of(
                new StoreVocabulary.City("Munich", "DE"),
                new StoreVocabulary.City("München", "DE"),
                new StoreVocabulary.City("MUNCHEN", "DE")));

    // The exonym table maps to however the store spells the city.
    assertThat(parse("customers in Munich", german).query())
        .isEqualTo(new CustomerQuery.Field(CustomerField.CITY, Comparison.eq("münchen")));
    // Spellings that fold alike are one; different names of one city are all asked for.
    assertThat(parse("customers in Munich", both).query())
        .isEqualTo(
            new CustomerQuery.Field(
                CustomerField.CITY, new Comparison(Op.IN, List.of("munich", "münchen"))));
    // Countries are language, not data: known in every store.
    assertThat(parse("Canadian customers", german).query())
        .isEqualTo(new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq("ca")));
  }

  @Test
  void productsComeFromTheStoresOwnCatalogue() {
    StoreVocabulary empty = store(List.of());

    Interpretation unknown = parse("customers who bought espresso machines", empty);
    Interpretation known = parse("customers who bought espresso machines");

    assertThat(known.query()).isEqualTo(new CustomerQuery.Bought("espresso machine", null));
    assertThat(unknown.query()).isNotEqualTo(known.query());
    assertThat(unknown.ignored()).containsExactly("espresso machines");
  }

  @Test
  void lowerCaseCountryNamesAreReadForCountriesTheStoreSellsIn() {
    assertThat(parse("german customers").query())
        .isEqualTo(new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq("de")));
    // "turkey" is a word too; capitalised or after "from" it is the country.
    assertThat(parse("turkey").ignored()).containsExactly("turkey");
    assertThat(parse("customers from turkey").query())
        .isEqualTo(new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq("tr")));
    assertThat(parse("Turkey").query())
        .isEqualTo(new CustomerQuery.Field(CustomerField.COUNTRY, Comparison.eq("tr")));
  }

  @Test
  void anyJumbleOfWordsGivesAReadingAndNeverFails() {
    List<String> pool = new ArrayList<>(List.of("(", ")", ",", "or", "not", "$", "-", "+", "0"));
    NlDevSetTest.devSet().forEach(c -> pool.addAll(Arrays.asList(c.text().split(" "))));
    java.util.SplittableRandom random = new java.util.SplittableRandom(42);
    for (int i = 0; i < 3000; i++) {
      StringBuilder sentence = new StringBuilder();
      for (int words = 1 + random.nextInt(12); words > 0; words--) {
        sentence.append(pool.get(random.nextInt(pool.size()))).append(' ');
      }
      Interpretation reading = parse(sentence.toString());
      assertThat(reading.readable()).as(sentence.toString()).isNotBlank();
    }
  }
}
