package com.oxidly.domain.importing;

import java.text.Normalizer;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Countries as the import format names them: an ISO 3166-1 alpha-2 code or an English name (also
 * alpha-3 codes and common aliases such as USA, UK, Great Britain, Czech Republic, Holland), and
 * each country's main time zone.
 */
public final class Countries {

  private static final Set<String> CODES = Set.of(Locale.getISOCountries());
  private static final Pattern ACCENTS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

  /** Normalised name -> alpha-2. */
  private static final Map<String, String> NAMES = names();

  /**
   * The zone most of a country's people live in, for customers whose file gives no time zone. For
   * single-zone countries it is the zone of the IANA zone.tab; for countries with several it is the
   * zone of the capital or the largest city (US New York, CA Toronto, AU Sydney, BR Sao Paulo, RU
   * Moscow, MX Mexico City, ...). Antarctica has none (UTC).
   */
  private static final Map<String, String> MAIN_ZONES = mainZones();

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Countries() {}

  /**
   * The alpha-2 code of a country code or name.
   *
   * @throws InvalidValue when it names no country
   */
  public static String alpha2(String value) {
    String code = CACHE.get(value);
    if (code != null) {
      return code;
    }
    code = NAMES.get(normalise(value));
    if (code != null && CACHE.size() < 10_000) {
      // A file repeats a few spellings many times; normalising each costs microseconds.
      CACHE.put(value, code);
    }
    if (code == null) {
      throw new InvalidValue(
          "unknown country '"
              + value
              + "'; expected an ISO 3166-1 alpha-2 code such as DE or an English name such as"
              + " Germany");
    }
    return code;
  }

  /** The main IANA zone id of an alpha-2 country, or UTC when unknown or null. */
  public static String mainZone(String alpha2) {
    return alpha2 == null ? "UTC" : MAIN_ZONES.getOrDefault(alpha2, "UTC");
  }

  /** Lower case, accents and punctuation removed, "St." read as "saint", no leading "the". */
  public static String normalise(String name) {
    String plain =
        ACCENTS
            .matcher(Normalizer.normalize(name.strip(), Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT)
            .replace("&", " and ")
            // Dots and apostrophes join what they separate: "U.S.A." is "usa", d'Ivoire "divoire".
            .replaceAll("[.'\u2019]", "");
    String spaced = NOT_ALPHANUMERIC.matcher(plain).replaceAll(" ").strip();
    if (spaced.startsWith("the ")) {
      spaced = spaced.substring(4);
    }
    return (" " + spaced + " ").replace(" st ", " saint ").strip();
  }

  private static Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    for (String code : CODES) {
      Locale country = Locale.of("", code);
      names.put(normalise(code), code);
      names.put(normalise(country.getISO3Country()), code);
      names.put(normalise(country.getDisplayCountry(Locale.ENGLISH)), code);
    }
    String[][] aliases = {
      {"US", "usa", "us of a", "united states of america", "america", "united states"},
      {"GB", "uk", "united kingdom", "great britain", "britain", "england", "scotland", "wales"},
      {"GB", "northern ireland", "united kingdom of great britain and northern ireland"},
      {"CZ", "czech republic", "czechia"},
      {"NL", "holland", "netherlands"},
      {"KR", "korea", "south korea", "republic of korea", "korea republic of"},
      {"KP", "north korea", "dprk", "democratic peoples republic of korea"},
      {"RU", "russia", "russian federation"},
      {"TR", "turkey", "turkiye"},
      {"CI", "ivory coast", "cote divoire"},
      {"CD", "democratic republic of the congo", "dr congo", "drc", "congo kinshasa"},
      {"CG", "republic of the congo", "congo", "congo brazzaville"},
      {"MK", "macedonia", "north macedonia"},
      {"SZ", "swaziland", "eswatini"},
      {"CV", "cape verde", "cabo verde"},
      {"VA", "vatican", "vatican city", "holy see"},
      {"PS", "palestine", "state of palestine"},
      {"AE", "uae", "emirates"},
      {"IR", "iran", "islamic republic of iran"},
      {"SY", "syria", "syrian arab republic"},
      {"LA", "laos", "lao peoples democratic republic"},
      {"VN", "vietnam", "viet nam"},
      {"TW", "taiwan"},
      {"BO", "bolivia"},
      {"VE", "venezuela"},
      {"TZ", "tanzania"},
      {"MD", "moldova", "republic of moldova"},
      {"FM", "micronesia"},
      {"BN", "brunei", "brunei darussalam"},
      {"TL", "east timor"},
      {"MM", "burma", "myanmar"},
      {"BA", "bosnia", "bosnia and herzegovina"},
      {"HK", "hong kong"},
      {"MO", "macao", "macau"},
      {"VC", "saint vincent and the grenadines"},
      {"FK", "falkland islands", "falklands"},
    };
    for (String[] alias : aliases) {
      for (int i = 1; i < alias.length; i++) {
        names.put(normalise(alias[i]), alias[0]);
      }
    }
    return Map.copyOf(names);
  }

  private static Map<String, String> mainZones() {
    Map<String, String> zones = new HashMap<>();
    String[] words = ZONE_TABLE.strip().split("\\s+");
    for (int i = 0; i + 1 < words.length; i += 2) {
      // Guards against a JDK whose tz database lacks a zone: such a country falls back to UTC.
      if (ZoneId.getAvailableZoneIds().contains(words[i + 1])) {
        zones.put(words[i], words[i + 1]);
      }
    }
    return Map.copyOf(zones);
  }

  private static final String ZONE_TABLE =
      """
      AD Europe/Andorra  AE Asia/Dubai  AF Asia/Kabul  AG America/Antigua
      AI America/Anguilla  AL Europe/Tirane  AM Asia/Yerevan  AO Africa/Luanda
      AR America/Argentina/Buenos_Aires  AS Pacific/Pago_Pago  AT Europe/Vienna  AU Australia/Sydney
      AW America/Aruba  AX Europe/Mariehamn  AZ Asia/Baku  BA Europe/Sarajevo
      BB America/Barbados  BD Asia/Dhaka  BE Europe/Brussels  BF Africa/Ouagadougou
      BG Europe/Sofia  BH Asia/Bahrain  BI Africa/Bujumbura  BJ Africa/Porto-Novo
      BL America/St_Barthelemy  BM Atlantic/Bermuda  BN Asia/Brunei  BO America/La_Paz
      BQ America/Kralendijk  BR America/Sao_Paulo  BS America/Nassau  BT Asia/Thimphu
      BW Africa/Gaborone  BY Europe/Minsk  BZ America/Belize  CA America/Toronto
      CC Indian/Cocos  CD Africa/Kinshasa  CF Africa/Bangui  CG Africa/Brazzaville
      CH Europe/Zurich  CI Africa/Abidjan  CK Pacific/Rarotonga  CL America/Santiago
      CM Africa/Douala  CN Asia/Shanghai  CO America/Bogota  CR America/Costa_Rica
      CU America/Havana  CV Atlantic/Cape_Verde  CW America/Curacao  CX Indian/Christmas
      CY Asia/Nicosia  CZ Europe/Prague  DE Europe/Berlin  DJ Africa/Djibouti
      DK Europe/Copenhagen  DM America/Dominica  DO America/Santo_Domingo  DZ Africa/Algiers
      EC America/Guayaquil  EE Europe/Tallinn  EG Africa/Cairo  EH Africa/El_Aaiun
      ER Africa/Asmara  ES Europe/Madrid  ET Africa/Addis_Ababa  FI Europe/Helsinki
      FJ Pacific/Fiji  FK Atlantic/Stanley  FM Pacific/Pohnpei  FO Atlantic/Faroe
      FR Europe/Paris  GA Africa/Libreville  GB Europe/London  GD America/Grenada
      GE Asia/Tbilisi  GF America/Cayenne  GG Europe/Guernsey  GH Africa/Accra
      GI Europe/Gibraltar  GL America/Nuuk  GM Africa/Banjul  GN Africa/Conakry
      GP America/Guadeloupe  GQ Africa/Malabo  GR Europe/Athens  GS Atlantic/South_Georgia
      GT America/Guatemala  GU Pacific/Guam  GW Africa/Bissau  GY America/Guyana
      HK Asia/Hong_Kong  HN America/Tegucigalpa  HR Europe/Zagreb  HT America/Port-au-Prince
      HU Europe/Budapest  ID Asia/Jakarta  IE Europe/Dublin  IL Asia/Jerusalem
      IM Europe/Isle_of_Man  IN Asia/Kolkata  IO Indian/Chagos  IQ Asia/Baghdad
      IR Asia/Tehran  IS Atlantic/Reykjavik  IT Europe/Rome  JE Europe/Jersey
      JM America/Jamaica  JO Asia/Amman  JP Asia/Tokyo  KE Africa/Nairobi
      KG Asia/Bishkek  KH Asia/Phnom_Penh  KI Pacific/Tarawa  KM Indian/Comoro
      KN America/St_Kitts  KP Asia/Pyongyang  KR Asia/Seoul  KW Asia/Kuwait
      KY America/Cayman  KZ Asia/Almaty  LA Asia/Vientiane  LB Asia/Beirut
      LC America/St_Lucia  LI Europe/Vaduz  LK Asia/Colombo  LR Africa/Monrovia
      LS Africa/Maseru  LT Europe/Vilnius  LU Europe/Luxembourg  LV Europe/Riga
      LY Africa/Tripoli  MA Africa/Casablanca  MC Europe/Monaco  MD Europe/Chisinau
      ME Europe/Podgorica  MF America/Marigot  MG Indian/Antananarivo  MH Pacific/Majuro
      MK Europe/Skopje  ML Africa/Bamako  MM Asia/Yangon  MN Asia/Ulaanbaatar
      MO Asia/Macau  MP Pacific/Saipan  MQ America/Martinique  MR Africa/Nouakchott
      MS America/Montserrat  MT Europe/Malta  MU Indian/Mauritius  MV Indian/Maldives
      MW Africa/Blantyre  MX America/Mexico_City  MY Asia/Kuala_Lumpur  MZ Africa/Maputo
      NA Africa/Windhoek  NC Pacific/Noumea  NE Africa/Niamey  NF Pacific/Norfolk
      NG Africa/Lagos  NI America/Managua  NL Europe/Amsterdam  NO Europe/Oslo
      NP Asia/Kathmandu  NR Pacific/Nauru  NU Pacific/Niue  NZ Pacific/Auckland
      OM Asia/Muscat  PA America/Panama  PE America/Lima  PF Pacific/Tahiti
      PG Pacific/Port_Moresby  PH Asia/Manila  PK Asia/Karachi  PL Europe/Warsaw
      PM America/Miquelon  PN Pacific/Pitcairn  PR America/Puerto_Rico  PS Asia/Hebron
      PT Europe/Lisbon  PW Pacific/Palau  PY America/Asuncion  QA Asia/Qatar
      RE Indian/Reunion  RO Europe/Bucharest  RS Europe/Belgrade  RU Europe/Moscow
      RW Africa/Kigali  SA Asia/Riyadh  SB Pacific/Guadalcanal  SC Indian/Mahe
      SD Africa/Khartoum  SE Europe/Stockholm  SG Asia/Singapore  SH Atlantic/St_Helena
      SI Europe/Ljubljana  SJ Arctic/Longyearbyen  SK Europe/Bratislava  SL Africa/Freetown
      SM Europe/San_Marino  SN Africa/Dakar  SO Africa/Mogadishu  SR America/Paramaribo
      SS Africa/Juba  ST Africa/Sao_Tome  SV America/El_Salvador  SX America/Lower_Princes
      SY Asia/Damascus  SZ Africa/Mbabane  TC America/Grand_Turk  TD Africa/Ndjamena
      TF Indian/Kerguelen  TG Africa/Lome  TH Asia/Bangkok  TJ Asia/Dushanbe
      TK Pacific/Fakaofo  TL Asia/Dili  TM Asia/Ashgabat  TN Africa/Tunis
      TO Pacific/Tongatapu  TR Europe/Istanbul  TT America/Port_of_Spain  TV Pacific/Funafuti
      TW Asia/Taipei  TZ Africa/Dar_es_Salaam  UA Europe/Kyiv  UG Africa/Kampala
      UM Pacific/Wake  US America/New_York  UY America/Montevideo  UZ Asia/Tashkent
      VA Europe/Vatican  VC America/St_Vincent  VE America/Caracas  VG America/Tortola
      VI America/St_Thomas  VN Asia/Ho_Chi_Minh  VU Pacific/Efate  WF Pacific/Wallis
      WS Pacific/Apia  YE Asia/Aden  YT Indian/Mayotte  ZA Africa/Johannesburg
      ZM Africa/Lusaka  ZW Africa/Harare
      """;
}
