package com.oxidly.domain.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where demo customers live: cities with their IANA zone, ISO country, postcode and phone shapes.
 * Cities are weighted by population times how strongly the (US-dollar, English-first) store sells
 * in that country, so New York is common, York is rare but present, and Tokyo does not dominate.
 */
final class Places {

  /**
   * @param streets address templates; {@code {n}} is a house number, {@code {d}} a digit 1-9,
   *     {@code {dd}} a number 10-99
   * @param mobiles E.164 patterns for {@link DemoRandom#fill}
   */
  record Country(
      String code,
      String language,
      Names names,
      String[] domains,
      String[] streets,
      String[] mobiles,
      double market) {}

  /**
   * @param phones E.164 patterns with the city's area codes, or null for the country's mobiles
   * @param language BCP 47 tag when it differs from the country's
   * @param names naming region when it differs from the country's
   */
  record City(
      String name,
      Country country,
      String zone,
      double population,
      String[] postcodes,
      String[] phones,
      String language,
      Names names) {

    String languageTag() {
      return language != null ? language : country.language();
    }

    Names nameRegion() {
      return names != null ? names : country.names();
    }

    String[] phonePatterns() {
      return phones != null ? phones : country.mobiles();
    }
  }

  private static String[] a(String... values) {
    return values;
  }

  static final Country US =
      new Country(
          "US",
          "en-US",
          Names.ENGLISH,
          a("aol.com", "comcast.net", "hotmail.com", "att.net"),
          a(
              "{n} Maple Avenue",
              "{n} Oak Street",
              "{n} Park Avenue",
              "{n} Main Street",
              "{n} Washington Street",
              "{n} Elm Street, Apt {dd}",
              "{n} Cedar Lane",
              "{n} Sunset Boulevard",
              "{n} Broadway, Apt {d}B",
              "{n} Pine Street",
              "{n} Madison Avenue, Suite {dd}",
              "{n} Highland Avenue"),
          null,
          1.0);
  static final Country CA =
      new Country(
          "CA",
          "en-CA",
          Names.ENGLISH,
          a("shaw.ca", "rogers.com", "sympatico.ca"),
          a(
              "{n} King Street West",
              "{n} Queen Street East",
              "{n} Yonge Street",
              "{n} Granville Street",
              "{n} Robson Street",
              "{n} Bloor Street West, Unit {dd}",
              "{n} rue Sainte-Catherine"),
          null,
          1.0);
  static final Country GB =
      new Country(
          "GB",
          "en-GB",
          Names.ENGLISH,
          a("btinternet.com", "sky.com", "hotmail.co.uk", "yahoo.co.uk"),
          a(
              "{n} High Street",
              "{n} Station Road",
              "{n} Church Lane",
              "{n} Victoria Road",
              "Flat {d}, {n} Baker Street",
              "{n} King's Road",
              "{n} Mill Lane",
              "{n} The Crescent",
              "{n} Queen's Avenue"),
          a("+447?########"),
          1.0);
  static final Country IE =
      new Country(
          "IE",
          "en-IE",
          Names.ENGLISH,
          a("eircom.net", "hotmail.com"),
          a(
              "{n} O'Connell Street",
              "{n} Grafton Street",
              "{n} Baggot Street Upper",
              "{n} Dame Street",
              "Apartment {dd}, {n} Harcourt Road"),
          a("+3538?#######"),
          1.0);
  static final Country AU =
      new Country(
          "AU",
          "en-AU",
          Names.ENGLISH,
          a("bigpond.com", "optusnet.com.au"),
          a(
              "{n} George Street",
              "{n} Collins Street",
              "{dd}/{n} Flinders Lane",
              "{n} Bourke Street",
              "{n} Queen Street",
              "{n} Beach Road"),
          a("+614########"),
          1.0);
  static final Country DE =
      new Country(
          "DE",
          "de-DE",
          Names.GERMAN,
          a("web.de", "gmx.de", "t-online.de"),
          a(
              "Hauptstraße {n}",
              "Bahnhofstraße {n}",
              "Gartenstraße {n}",
              "Schillerstraße {n}",
              "Goethestraße {n}",
              "Lindenallee {n}",
              "Friedrichstraße {n}",
              "Kastanienweg {n}",
              "Berliner Straße {n}",
              "Maximilianstraße {n}"),
          a("+4917?#######", "+4915?########", "+4916?#######"),
          0.8);
  static final Country AT =
      new Country(
          "AT",
          "de-AT",
          Names.GERMAN,
          a("gmx.at", "aon.at"),
          a(
              "Mariahilfer Straße {n}/{d}",
              "Kärntner Straße {n}",
              "Landstraßer Hauptstraße {n}",
              "Praterstraße {n}/{dd}",
              "Wiedner Gürtel {n}"),
          a("+4366?#######", "+4367?#######"),
          0.8);
  static final Country CH =
      new Country(
          "CH",
          "de-CH",
          Names.GERMAN,
          a("bluewin.ch", "gmx.ch"),
          a("Bahnhofstrasse {n}", "Seestrasse {n}", "Limmatquai {n}", "Rosenweg {n}"),
          a("+417?#######"),
          0.8);
  static final Country FR =
      new Country(
          "FR",
          "fr-FR",
          Names.FRENCH,
          a("orange.fr", "free.fr", "laposte.net", "sfr.fr"),
          a(
              "{n} rue de la République",
              "{n} avenue Victor Hugo",
              "{n} rue du Faubourg Saint-Honoré",
              "{n} boulevard Voltaire",
              "{n} rue Lafayette",
              "{n} rue des Écoles",
              "{n} quai des Célestins"),
          a("+336########", "+337########"),
          0.6);
  static final Country ES =
      new Country(
          "ES",
          "es-ES",
          Names.SPANISH,
          a("hotmail.es", "telefonica.net"),
          a(
              "Calle Mayor, {n}",
              "Calle de Alcalá, {n}, {d}º",
              "Gran Vía, {n}",
              "Carrer de Balmes, {n}",
              "Passeig de Gràcia, {n}",
              "Calle de Serrano, {n}",
              "Avenida de América, {n}"),
          a("+346########"),
          0.5);
  static final Country IT =
      new Country(
          "IT",
          "it-IT",
          Names.ITALIAN,
          a("libero.it", "virgilio.it", "alice.it"),
          a(
              "Via Roma {n}",
              "Via Garibaldi {n}",
              "Corso Buenos Aires {n}",
              "Via del Corso {n}",
              "Via Dante {n}",
              "Viale Monza {n}",
              "Via Toledo {n}"),
          a("+393?########"),
          0.5);
  static final Country NL =
      new Country(
          "NL",
          "nl-NL",
          Names.DUTCH,
          a("ziggo.nl", "kpnmail.nl", "hotmail.nl"),
          a(
              "Prinsengracht {n}",
              "Keizersgracht {n}-{d}",
              "Damrak {n}",
              "Kalverstraat {n}",
              "Coolsingel {n}",
              "Witte de Withstraat {n}"),
          a("+316########"),
          0.8);
  static final Country SE =
      new Country(
          "SE",
          "sv-SE",
          Names.NORDIC,
          a("telia.com", "hotmail.se"),
          a(
              "Drottninggatan {n}",
              "Kungsgatan {n}",
              "Götgatan {n}",
              "Sveavägen {n}",
              "Storgatan {n}"),
          a("+467?#######"),
          0.8);
  static final Country NO =
      new Country(
          "NO",
          "nb-NO",
          Names.NORDIC,
          a("online.no", "hotmail.no"),
          a("Karl Johans gate {n}", "Bogstadveien {n}", "Thorvald Meyers gate {n}", "Storgata {n}"),
          a("+474#######", "+479#######"),
          0.8);
  static final Country DK =
      new Country(
          "DK",
          "da-DK",
          Names.NORDIC,
          a("mail.dk", "hotmail.dk"),
          a(
              "Nørrebrogade {n}, {d}. th.",
              "Vesterbrogade {n}",
              "Istedgade {n}",
              "Østerbrogade {n}, {d}. tv."),
          a("+45%#######"),
          0.8);
  static final Country PL =
      new Country(
          "PL",
          "pl-PL",
          Names.POLISH,
          a("wp.pl", "onet.pl", "o2.pl"),
          a(
              "ul. Marszałkowska {n}/{dd}",
              "ul. Nowy Świat {n}",
              "ul. Floriańska {n}",
              "ul. Grodzka {n}",
              "ul. Puławska {n}/{d}",
              "ul. Mokotowska {n}"),
          a("+485########", "+486########", "+487########", "+488########"),
          0.4);
  static final Country PT =
      new Country(
          "PT",
          "pt-PT",
          Names.PORTUGUESE,
          a("sapo.pt"),
          a(
              "Rua Augusta, {n}",
              "Avenida da Liberdade, {n}, {d}º Esq.",
              "Rua de Santa Catarina, {n}",
              "Rua do Ouro, {n}",
              "Rua Garrett, {n}"),
          a("+3519?#######"),
          0.5);
  static final Country BR =
      new Country(
          "BR",
          "pt-BR",
          Names.PORTUGUESE,
          a("uol.com.br", "bol.com.br", "hotmail.com"),
          a(
              "Avenida Paulista, {n}",
              "Rua Oscar Freire, {n}",
              "Avenida Atlântica, {n}, apto {dd}",
              "Rua Visconde de Pirajá, {n}",
              "Rua da Consolação, {n}"),
          null,
          0.15);
  static final Country MX =
      new Country(
          "MX",
          "es-MX",
          Names.SPANISH,
          a("prodigy.net.mx", "hotmail.com"),
          a(
              "Avenida Paseo de la Reforma {n}",
              "Calle Durango {n}, Col. Roma Norte",
              "Avenida Insurgentes Sur {n}, Col. Del Valle",
              "Calle Amsterdam {n}, Col. Condesa",
              "Avenida Chapultepec {n}, Col. Americana"),
          null,
          0.25);
  static final Country JP =
      new Country(
          "JP",
          "ja-JP",
          Names.JAPANESE,
          a("yahoo.co.jp", "docomo.ne.jp"),
          a(
              "{d}-{dd}-{d} Jingumae, Shibuya-ku",
              "{d}-{d}-{dd} Ginza, Chuo-ku",
              "{d}-{dd}-{d} Nishi-Shinjuku, Shinjuku-ku",
              "{d}-{d}-{d} Umeda, Kita-ku"),
          a("+8190########", "+8180########", "+8170########"),
          0.2);
  static final Country SG =
      new Country(
          "SG",
          "en-SG",
          Names.SINGAPOREAN,
          a("singnet.com.sg"),
          a(
              "Blk {n} Tampines Street {dd}, #0{d}-{n}",
              "{n} Orchard Road, #{dd}-0{d}",
              "Blk {n} Ang Mo Kio Avenue {d}, #{dd}-{n}",
              "{dd} Marine Parade Road"),
          a("+658#######", "+659#######"),
          0.6);

  static final List<City> CITIES =
      List.of(
          us(
              "New York",
              "America/New_York",
              8300,
              a("100##", "101##", "104##", "112##"),
              "212",
              "646",
              "917",
              "718"),
          us(
              "Los Angeles",
              "America/Los_Angeles",
              3900,
              a("900##", "913##"),
              "213",
              "310",
              "323",
              "818"),
          us("Chicago", "America/Chicago", 2700, a("606##"), "312", "773", "872"),
          us("Houston", "America/Chicago", 2300, a("770##"), "713", "832"),
          us("San Francisco", "America/Los_Angeles", 810, a("941##"), "415", "628"),
          us("Seattle", "America/Los_Angeles", 750, a("981##"), "206"),
          us("Boston", "America/New_York", 650, a("021##"), "617", "857"),
          us("Denver", "America/Denver", 710, a("802##"), "303", "720"),
          us("Miami", "America/New_York", 450, a("331##"), "305", "786"),
          nanp(CA, "Toronto", "America/Toronto", 2800, a("M#@ #@#"), null, "416", "647", "437"),
          nanp(CA, "Vancouver", "America/Vancouver", 680, a("V#@ #@#"), null, "604", "778"),
          nanp(CA, "Montreal", "America/Toronto", 1760, a("H#@ #@#"), "fr-CA", "514", "438"),
          city(
              GB,
              "London",
              "Europe/London",
              8900,
              "SW? ?@@",
              "SE?? ?@@",
              "N? ?@@",
              "E?? ?@@",
              "W? ?@@",
              "NW? ?@@",
              "EC?@ ?@@"),
          city(GB, "Manchester", "Europe/London", 550, "M? ?@@", "M?# ?@@"),
          city(GB, "York", "Europe/London", 210, "YO? ?@@", "YO?# ?@@"),
          city(GB, "Birmingham", "Europe/London", 1140, "B? ?@@", "B?# ?@@"),
          city(GB, "Edinburgh", "Europe/London", 530, "EH? ?@@", "EH?# ?@@"),
          city(IE, "Dublin", "Europe/Dublin", 590, "D0? @###", "D1? @###"),
          city(DE, "Berlin", "Europe/Berlin", 3700, "10###", "12###", "13###"),
          city(DE, "Munich", "Europe/Berlin", 1500, "80###", "81###"),
          city(DE, "Hamburg", "Europe/Berlin", 1900, "20###", "22###"),
          city(DE, "Cologne", "Europe/Berlin", 1080, "50###", "51###"),
          city(DE, "Frankfurt", "Europe/Berlin", 760, "60###"),
          city(AT, "Vienna", "Europe/Vienna", 1930, "10?0", "11?0", "12?0"),
          city(CH, "Zurich", "Europe/Zurich", 420, "80##"),
          new City("Geneva", CH, "Europe/Zurich", 200, a("12##"), null, "fr-CH", Names.FRENCH),
          city(FR, "Paris", "Europe/Paris", 2100, "7500?", "7501#"),
          city(FR, "Lyon", "Europe/Paris", 520, "6900?"),
          city(FR, "Marseille", "Europe/Paris", 870, "1300?", "1301#"),
          city(ES, "Madrid", "Europe/Madrid", 3300, "280##"),
          city(ES, "Barcelona", "Europe/Madrid", 1640, "080##"),
          city(ES, "Valencia", "Europe/Madrid", 800, "460##"),
          city(IT, "Rome", "Europe/Rome", 2800, "001##"),
          city(IT, "Milan", "Europe/Rome", 1400, "201##"),
          city(IT, "Naples", "Europe/Rome", 910, "801##"),
          city(NL, "Amsterdam", "Europe/Amsterdam", 920, "10?# @@"),
          city(NL, "Rotterdam", "Europe/Amsterdam", 650, "30?# @@"),
          city(SE, "Stockholm", "Europe/Stockholm", 980, "1?# ##"),
          city(SE, "Gothenburg", "Europe/Stockholm", 600, "4?# ##"),
          city(NO, "Oslo", "Europe/Oslo", 710, "0?##"),
          city(DK, "Copenhagen", "Europe/Copenhagen", 650, "1?##", "2?##"),
          city(PL, "Warsaw", "Europe/Warsaw", 1860, "0?-###"),
          city(PL, "Kraków", "Europe/Warsaw", 800, "3?-###"),
          city(PT, "Lisbon", "Europe/Lisbon", 550, "1?##-###"),
          city(PT, "Porto", "Europe/Lisbon", 230, "4?##-###"),
          city(AU, "Sydney", "Australia/Sydney", 5300, "20##"),
          city(AU, "Melbourne", "Australia/Melbourne", 5000, "30##"),
          city(AU, "Brisbane", "Australia/Brisbane", 2600, "40##"),
          city(JP, "Tokyo", "Asia/Tokyo", 14000, "1?#-####"),
          city(JP, "Osaka", "Asia/Tokyo", 2700, "5?#-####"),
          city(SG, "Singapore", "Asia/Singapore", 5600, "?#####"),
          new City(
              "São Paulo",
              BR,
              "America/Sao_Paulo",
              12300,
              a("0?###-###"),
              a("+55119########"),
              null,
              null),
          new City(
              "Rio de Janeiro",
              BR,
              "America/Sao_Paulo",
              6700,
              a("2?###-###"),
              a("+55219########"),
              null,
              null),
          new City(
              "Mexico City",
              MX,
              "America/Mexico_City",
              9200,
              a("0?###", "1?###"),
              a("+5255########", "+5256########"),
              null,
              null),
          new City(
              "Guadalajara",
              MX,
              "America/Mexico_City",
              1400,
              a("44?##"),
              a("+5233########"),
              null,
              null));

  private static final double[] CITY_WEIGHTS;

  static {
    double[] weights = new double[CITIES.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = CITIES.get(i).population() * CITIES.get(i).country().market();
    }
    CITY_WEIGHTS = DemoRandom.cumulative(weights);
  }

  private Places() {}

  static City pickCity(SplittableRandom random) {
    return CITIES.get(DemoRandom.weighted(random, CITY_WEIGHTS));
  }

  /** A street address from the country's templates. */
  static String address(SplittableRandom random, Country country) {
    String template = DemoRandom.pick(random, country.streets());
    StringBuilder out = new StringBuilder(template.length() + 8);
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{') {
        int end = template.indexOf('}', i);
        String token = template.substring(i + 1, end);
        switch (token) {
          // Low house numbers are far more common than high ones.
          case "n" -> out.append(1 + (int) Math.min(399, DemoRandom.exponential(random, 45)));
          case "d" -> out.append(1 + random.nextInt(9));
          case "dd" -> out.append(10 + random.nextInt(90));
          default -> throw new IllegalStateException("Unknown address token " + token);
        }
        i = end;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static City city(
      Country country, String name, String zone, double population, String... postcodes) {
    return new City(name, country, zone, population, postcodes, null, null, null);
  }

  private static City us(
      String name, String zone, double population, String[] postcodes, String... areaCodes) {
    return nanp(US, name, zone, population, postcodes, null, areaCodes);
  }

  private static City nanp(
      Country country,
      String name,
      String zone,
      double population,
      String[] postcodes,
      String language,
      String... areaCodes) {
    String[] phones = new String[areaCodes.length];
    for (int i = 0; i < areaCodes.length; i++) {
      // North American numbers: exchange and line never start with 0 or 1.
      phones[i] = "+1" + areaCodes[i] + "%##%###";
    }
    Names names = "fr-CA".equals(language) ? Names.FRENCH : null;
    return new City(name, country, zone, population, postcodes, phones, language, names);
  }
}
