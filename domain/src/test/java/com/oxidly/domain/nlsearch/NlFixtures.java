package com.oxidly.domain.nlsearch;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed store the parser tests read against: the demo store's cities and countries (see
 * domain/demo Places), a catalogue in the demo's style (Catalog), some segments and email domains,
 * and "now" = Sunday 2026-11-15T12:00Z in a UTC store.
 */
final class NlFixtures {

  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-15T12:00:00Z"), ZoneOffset.UTC);
  static final ZoneId ZONE = ZoneOffset.UTC;

  static final StoreVocabulary VOCABULARY =
      new StoreVocabulary(
          cities(),
          products(),
          List.of("Champions", "bargain hunters", "Lapsed", "VIP"),
          List.of(
              "gmail.com",
              "yahoo.com",
              "hotmail.com",
              "outlook.com",
              "icloud.com",
              "aol.com",
              "hotmail.co.uk",
              "web.de",
              "gmx.de",
              "orange.fr",
              "btinternet.com",
              "example.com"),
          "USD");

  private NlFixtures() {}

  private static List<StoreVocabulary.City> cities() {
    String[][] byCountry = {
      {"US", "New York", "Los Angeles", "Chicago", "Houston", "San Francisco", "Seattle", "Boston"},
      {"US", "Denver", "Miami"},
      {"CA", "Toronto", "Vancouver", "Montreal", "London"},
      {"GB", "London", "Manchester", "York", "Birmingham", "Edinburgh"},
      {"IE", "Dublin"},
      {"DE", "Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"},
      {"AT", "Vienna"},
      {"CH", "Zurich", "Geneva"},
      {"FR", "Paris", "Lyon", "Marseille"},
      {"ES", "Madrid", "Barcelona", "Valencia"},
      {"IT", "Rome", "Milan", "Naples"},
      {"NL", "Amsterdam", "Rotterdam"},
      {"SE", "Stockholm", "Gothenburg"},
      {"NO", "Oslo"},
      {"DK", "Copenhagen"},
      {"PL", "Warsaw", "Kraków"},
      {"PT", "Lisbon", "Porto"},
      {"AU", "Sydney", "Melbourne", "Brisbane"},
      {"JP", "Tokyo", "Osaka"},
      {"SG", "Singapore"},
      {"BR", "São Paulo", "Rio de Janeiro"},
      {"MX", "Mexico City", "Guadalajara"}
    };
    List<StoreVocabulary.City> cities = new ArrayList<>();
    for (String[] country : byCountry) {
      for (int i = 1; i < country.length; i++) {
        cities.add(new StoreVocabulary.City(country[i], country[0]));
      }
    }
    return cities;
  }

  private static List<StoreVocabulary.Product> products() {
    String[][] catalogue = {
      {"Ethiopian Yirgacheffe Beans", "Coffee", "Roastworks"},
      {"Colombian Supremo Ground Coffee", "Coffee", "Bean & Barrel"},
      {"Italian Dark Roast Beans", "Coffee", "Kaffa Co."},
      {"Kenyan AA Capsules", "Coffee", "Roastworks"},
      {"Decaf Swiss Water Cold Brew Pack", "Coffee", "Bean & Barrel"},
      {"Earl Grey Loose Leaf", "Tea", "Leaf & Kettle"},
      {"Ceremonial Matcha Gift Tin", "Tea", "Camellia House"},
      {"English Breakfast Tea Bags", "Tea", "Leaf & Kettle"},
      {"Jasmine Green Sampler", "Tea", "Camellia House"},
      {"Espresso Machine Pro", "Kitchen", "Brewmaster"},
      {"Espresso Machine Barista Edition", "Kitchen", "Copperline"},
      {"Burr Grinder Mini", "Kitchen", "Brewmaster"},
      {"French Press Classic", "Kitchen", "Hausgerät"},
      {"Milk Frother Plus", "Kitchen", "Copperline"},
      {"Chef's Knife Classic", "Kitchen", "Hausgerät"},
      {"Stand Mixer Pro", "Kitchen", "Hausgerät"},
      {"Wireless Earbuds Pro", "Electronics", "Voltic"},
      {"Noise-Cancelling Headphones Max", "Electronics", "Nordsound"},
      {"Smart Speaker Mini", "Electronics", "Kumo"},
      {"Smartwatch Air", "Electronics", "Voltic"},
      {"E-Reader Lite", "Electronics", "Kumo"},
      {"USB-C Hub 2", "Electronics", "Voltic"},
      {"The Art of Home Brewing", "Books", "Fernwood Press"},
      {"A Field Guide to Alpine Hiking", "Books", "Lantern Books"},
      {"Mastering Sourdough Baking", "Books", "Fernwood Press"},
      {"Trail Backpack", "Outdoor", "Trailhead"},
      {"Alpine Two-Person Tent", "Outdoor", "Fjellstad"},
      {"Storm Rain Jacket", "Outdoor", "Summit Supply"},
      {"Summit Hiking Boots", "Outdoor", "Trailhead"},
      {"Vitamin C Face Serum", "Beauty", "Lumière"},
      {"Rose Night Cream", "Beauty", "Botanica"},
      {"Lavender Hand Cream", "Beauty", "Hanami"},
      {"Wooden Building Blocks", "Toys", "Tinker & Co."},
      {"Magnetic Train Set", "Toys", "Kleine Welt"},
      {"Rainbow Jigsaw Puzzle", "Toys", "Tinker & Co."},
      {"Merino Sweater", "Fashion", "Northloom"},
      {"Cashmere Scarf", "Fashion", "Atelier Sud"},
      {"Organic Cotton T-Shirt", "Fashion", "Kindred"},
      {"Linen Shirt", "Fashion", "Kindred"},
      {"Recycled Socks (3 Pack)", "Fashion", "Northloom"},
      {"Scented Candle", "Home", "Hygge Home"},
      {"Ceramic Vase", "Home", "Casa Clara"},
      {"Handwoven Throw Blanket", "Home", "Hygge Home"},
      {"Nordic Table Lamp", "Home", "Casa Clara"}
    };
    List<StoreVocabulary.Product> products = new ArrayList<>();
    for (String[] product : catalogue) {
      products.add(new StoreVocabulary.Product(product[0], product[1], product[2]));
    }
    return products;
  }
}
