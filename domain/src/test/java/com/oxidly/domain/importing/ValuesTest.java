package com.oxidly.domain.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The cell parsers of the import format, without a database. */
class ValuesTest {

  @Test
  void countriesAreCodesEnglishNamesOrCommonAliases() {
    assertThat(Countries.alpha2("de")).isEqualTo("DE");
    assertThat(Countries.alpha2("DEU")).isEqualTo("DE");
    assertThat(Countries.alpha2("Germany")).isEqualTo("DE");
    for (String us : List.of("US", "USA", "U.S.A.", "United States", "united states of america")) {
      assertThat(Countries.alpha2(us)).as(us).isEqualTo("US");
    }
    for (String gb : List.of("UK", "United Kingdom", "Great Britain", "England", "GBR")) {
      assertThat(Countries.alpha2(gb)).as(gb).isEqualTo("GB");
    }
    assertThat(Countries.alpha2("Czech Republic")).isEqualTo("CZ");
    assertThat(Countries.alpha2("Czechia")).isEqualTo("CZ");
    assertThat(Countries.alpha2("the Netherlands")).isEqualTo("NL");
    assertThat(Countries.alpha2("Côte d'Ivoire")).isEqualTo("CI");
    assertThat(Countries.alpha2("Ivory Coast")).isEqualTo("CI");
    assertThat(Countries.alpha2("Saint Lucia")).isEqualTo("LC");
    assertThat(Countries.alpha2("St. Lucia")).isEqualTo("LC");
    assertThat(Countries.alpha2("Trinidad and Tobago")).isEqualTo("TT");
    assertThat(Countries.alpha2("Bosnia & Herzegovina")).isEqualTo("BA");
    assertThat(Countries.alpha2("South Korea")).isEqualTo("KR");
    assertThat(Countries.alpha2("Turkey")).isEqualTo("TR");
    assertThat(Countries.alpha2("  são tomé and príncipe ")).isEqualTo("ST");
    // Every country Java knows is found by its code and its English name.
    for (String code : Locale.getISOCountries()) {
      assertThat(Countries.alpha2(code.toLowerCase(Locale.ROOT))).isEqualTo(code);
      assertThat(Countries.alpha2(Locale.of("", code).getDisplayCountry(Locale.ENGLISH)))
          .as(code)
          .isEqualTo(code);
    }
    for (String bad : List.of("Deutschland", "Atlantis", "XX", "")) {
      assertThatThrownBy(() -> Countries.alpha2(bad))
          .as(bad)
          .isInstanceOf(InvalidValue.class)
          .hasMessageContaining("unknown country");
    }
  }

  @Test
  void everyCountryHasAMainZone() {
    assertThat(Countries.mainZone("US")).isEqualTo("America/New_York");
    assertThat(Countries.mainZone("CA")).isEqualTo("America/Toronto");
    assertThat(Countries.mainZone("AU")).isEqualTo("Australia/Sydney");
    assertThat(Countries.mainZone("BR")).isEqualTo("America/Sao_Paulo");
    assertThat(Countries.mainZone("RU")).isEqualTo("Europe/Moscow");
    assertThat(Countries.mainZone("MX")).isEqualTo("America/Mexico_City");
    assertThat(Countries.mainZone("DE")).isEqualTo("Europe/Berlin");
    assertThat(Countries.mainZone("ES")).isEqualTo("Europe/Madrid");
    assertThat(Countries.mainZone("GB")).isEqualTo("Europe/London");
    assertThat(Countries.mainZone("JP")).isEqualTo("Asia/Tokyo");
    assertThat(Countries.mainZone("CN")).isEqualTo("Asia/Shanghai");
    assertThat(Countries.mainZone("AQ")).isEqualTo("UTC");
    assertThat(Countries.mainZone(null)).isEqualTo("UTC");
    long withZone = 0;
    for (String code : Locale.getISOCountries()) {
      String zone = Countries.mainZone(code);
      assertThat(ZoneId.of(zone).getId()).isEqualTo(zone);
      withZone += zone.equals("UTC") ? 0 : 1;
    }
    assertThat(withZone).isGreaterThan(240);
  }

  @Test
  void emailsAreCheckedAndLowerCased() {
    assertThat(Values.email(" Ada.Lovelace+crm@Example.CO.uk "))
        .isEqualTo("ada.lovelace+crm@example.co.uk");
    assertThat(Values.email("o'brien@example.ie")).isEqualTo("o'brien@example.ie");
    assertThat(Values.email("jürgen@müller.de")).isEqualTo("jürgen@müller.de");
    for (String bad :
        List.of(
            "plain",
            "a@b",
            "a@@example.com",
            "a@example.com.",
            "a..b@example.com",
            ".a@example.com",
            "a@-example.com",
            "a b@example.com",
            "Ada <ada@example.com>",
            "a@example.c",
            "x".repeat(65) + "@example.com")) {
      assertThatThrownBy(() -> Values.email(bad))
          .as(bad)
          .isInstanceOf(InvalidValue.class)
          .hasMessageContaining("is not a valid email address");
    }
  }

  @Test
  void phonesBecomeE164() {
    assertThat(Values.phone("+1 (212) 555-0134", null)).isEqualTo("+12125550134");
    assertThat(Values.phone("(212) 555-0134", "US")).isEqualTo("+12125550134");
    assertThat(Values.phone("030 1234567", "DE")).isEqualTo("+49301234567");
    assertThat(Values.phone("0049 30 1234567", "DE")).isEqualTo("+49301234567");
    assertThat(Values.phone("+44 20 7946 0958", "DE")).isEqualTo("+442079460958");
    assertThatThrownBy(() -> Values.phone("030 1234567", null))
        .hasMessageContaining("has no country code");
    assertThatThrownBy(() -> Values.phone("12", "FR"))
        .hasMessage("'12' is not a valid phone number for FR");
    assertThatThrownBy(() -> Values.phone("call me", "FR")).isInstanceOf(InvalidValue.class);
  }

  @Test
  void instantsDatesLanguagesZonesAndCurrencies() {
    assertThat(Values.instant("2026-03-01T14:30:00Z", false))
        .isEqualTo(Instant.parse("2026-03-01T14:30:00Z"));
    assertThat(Values.instant("2026-03-01T14:30:00", false))
        .isEqualTo(Instant.parse("2026-03-01T14:30:00Z"));
    assertThat(Values.instant("2026-03-01 14:30:00.123", false))
        .isEqualTo(Instant.parse("2026-03-01T14:30:00.123Z"));
    assertThat(Values.instant("2026-03-01T14:30:00+01:00", false))
        .isEqualTo(Instant.parse("2026-03-01T13:30:00Z"));
    assertThat(Values.instant("2026-07-01T12:00:00+02:00[Europe/Berlin]", false))
        .isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
    assertThat(Values.instant("2026-03-01", true)).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThatThrownBy(() -> Values.instant("2026-03-01", false))
        .hasMessageContaining("not an ISO-8601 date-time");
    assertThatThrownBy(() -> Values.instant("01/03/2026", true))
        .hasMessageContaining("not an ISO-8601 date or date-time");
    assertThatThrownBy(() -> Values.instant("2026-02-30", true)).isInstanceOf(InvalidValue.class);

    assertThat(Values.language("de-de")).isEqualTo("de-DE");
    assertThat(Values.language("en_US")).isEqualTo("en-US");
    assertThat(Values.language("zh-Hant-TW")).isEqualTo("zh-Hant-TW");
    assertThat(Values.language("fil")).isEqualTo("fil");
    assertThatThrownBy(() -> Values.language("qq")).hasMessageContaining("unknown language");
    assertThatThrownBy(() -> Values.language("english")).isInstanceOf(InvalidValue.class);

    assertThat(Values.zone("america/new_york")).isEqualTo("America/New_York");
    assertThat(Values.zone("UTC")).isEqualTo("UTC");
    assertThatThrownBy(() -> Values.zone("+02:00")).hasMessageContaining("IANA");
    assertThatThrownBy(() -> Values.zone("CEST")).isInstanceOf(InvalidValue.class);

    assertThat(Values.currency("eur")).isEqualTo("EUR");
    assertThatThrownBy(() -> Values.currency("EURO")).hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> Values.currency("ABC")).isInstanceOf(InvalidValue.class);
  }

  @Test
  void numbersBooleansWordsAndTags() {
    BigDecimal limit = new BigDecimal("10000000000");
    assertThat(Values.amount("19.90", 2, limit)).isEqualByComparingTo("19.9");
    assertThat(Values.amount("+5", 2, limit).toPlainString()).isEqualTo("5");
    assertThat(Values.amount("1000.00", 2, limit).toPlainString()).isEqualTo("1000");
    assertThatThrownBy(() -> Values.amount("1,000.00", 2, limit)).hasMessageContaining("dot");
    assertThatThrownBy(() -> Values.amount("1e3", 2, limit)).isInstanceOf(InvalidValue.class);
    assertThatThrownBy(() -> Values.amount("-0.01", 2, limit)).hasMessageContaining("negative");
    assertThatThrownBy(() -> Values.amount("0.005", 2, limit)).hasMessageContaining("2 decimal");
    assertThatThrownBy(() -> Values.amount("10000000000", 2, limit)).hasMessageContaining("large");

    assertThat(Values.integer("+42", 1, 100)).isEqualTo(42);
    assertThatThrownBy(() -> Values.integer("4.0", 1, 100)).hasMessageContaining("whole number");
    assertThatThrownBy(() -> Values.integer("99999999999", 1, Integer.MAX_VALUE))
        .isInstanceOf(InvalidValue.class);

    assertThat(Values.bool("TRUE")).isTrue();
    assertThat(Values.bool("False")).isFalse();
    for (String bad : List.of("yes", "no", "1", "0", "t")) {
      assertThatThrownBy(() -> Values.bool(bad)).hasMessageContaining("expected true or false");
    }
    assertThat(Values.word("Paid_Search", List.of("organic", "paid_search")))
        .isEqualTo("paid_search");
    assertThat(Values.tags(" vip ;; early;vip ;")).containsExactly("vip", "early");
    assertThat(Inputs.textArray(List.of("a", "b \"c\"", "d\\e", "{f,g}")))
        .isEqualTo("{\"a\",\"b \\\"c\\\"\",\"d\\\\e\",\"{f,g}\"}");
  }

  @Test
  void headerTyposGetASuggestion() {
    assertThat(Header.distance("emial", "email")).isEqualTo(1);
    assertThat(Header.distance("time_zone", "timezone")).isEqualTo(1);
    assertThatThrownBy(
            () -> Header.of(ImportKind.CUSTOMERS, List.of("email", "first_name", "time_zone")))
        .hasMessageContaining("unknown column 'time_zone' (did you mean 'timezone'?)");
    Header header =
        Header.of(ImportKind.CUSTOMERS, List.of(" Email ", "FIRST_NAME", "attr_Shoe Size"));
    assertThat(header.columns()).containsExactly("email", "first_name", "attr_Shoe Size");
    assertThat(header.attributes()).containsOnlyKeys("Shoe Size");
  }
}
