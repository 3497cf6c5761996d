package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NlVocabularyTest {

  @Test
  void normalisesWhatItIsGiven() {
    StoreVocabulary vocabulary =
        new StoreVocabulary(
            List.of(new StoreVocabulary.City("Berlin", "DE")),
            List.of(
                new StoreVocabulary.Product("Espresso Machine Pro", "Kitchen", "Brewmaster"),
                new StoreVocabulary.Product("Burr Grinder", "kitchen", "Brewmaster"),
                new StoreVocabulary.Product("Earl Grey", "Tea", null)),
            List.of(" Champions ", "VIP", "vip"),
            List.of("Gmail.com", "gmail.com", "localhost"),
            null);

    assertThat(vocabulary.segments()).containsExactly("champions", "vip", "high value", "at risk");
    assertThat(vocabulary.emailDomains()).containsExactly("gmail.com");
    assertThat(vocabulary.categories()).containsExactly("Kitchen", "Tea");
    assertThat(vocabulary.brands()).containsExactly("Brewmaster");
    assertThat(vocabulary.currency()).isEqualTo("USD");
  }

  @Test
  void indexesProductsByTheirWordsCategoriesAndBrands() {
    Lexicon lexicon = NlFixtures.VOCABULARY.lexicon();
    List<Token> machines = Tokenizer.tokenize("espresso machines");
    List<Token> brand = Tokenizer.tokenize("Voltic");
    List<Token> books = Tokenizer.tokenize("book");

    PhraseIndex.Hit<Lexicon.Goods> machine = lexicon.goods.longest(machines, 0);
    assertThat(machine.end()).isEqualTo(2);
    assertThat(machine.first().terms()).containsExactly("espresso machine");
    assertThat(lexicon.goods.longest(brand, 0).first().terms())
        .containsExactly("wireless earbuds pro", "smartwatch air", "usb c hub 2");
    assertThat(lexicon.goods.longest(books, 0).values())
        .extracting(Lexicon.Goods::kind)
        .contains(Lexicon.GoodsKind.CATEGORY);
  }

  @Test
  void countryNamesComeFromTheJdkAndTheTable() {
    assertThat(LanguageTables.COUNTRY_NAMES.get(List.of("germany"))).isEqualTo("DE");
    assertThat(LanguageTables.COUNTRY_NAMES.get(List.of("bosnia", "and", "herzegovina")))
        .isEqualTo("BA");
    assertThat(LanguageTables.COUNTRY_NAMES.get(List.of("burma"))).isEqualTo("MM");
    assertThat(LanguageTables.COUNTRY_NAMES.get(List.of("canadians"))).isEqualTo("CA");
    assertThat(LanguageTables.COUNTRY_NAMES.get(List.of("usa"))).isEqualTo("US");
    assertThat(LanguageTables.CITY_NAMES).anyMatch(names -> names.contains(List.of("munchen")));
  }
}
