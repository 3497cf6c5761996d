package com.oxidly.domain.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The demo store's product catalogue: about 200 products in ten categories. It is the same for
 * every seed (built from a fixed internal seed), so SKUs and names are stable across demos and a
 * second demo load never fights the first over a SKU's name or price.
 */
final class Catalog {

  /** A catalogue entry; prices in cents. */
  record Product(
      String sku, String name, Category category, long priceCents, String brand, boolean active) {}

  /**
   * A category, how popular it is as a customer's favourite, and the names it is built from. Each
   * noun carries its typical price in dollars; a variant word scales it.
   */
  enum Category {
    COFFEE(
        "Coffee",
        "COF",
        18,
        new String[] {"Bean & Barrel", "Roastworks", "Kaffa Co."},
        new String[] {
          "Ethiopian Yirgacheffe", "Colombian Supremo", "Guatemalan Antigua", "Kenyan AA",
          "Sumatra Mandheling", "Brazilian Santos", "Costa Rican Tarrazú", "House Espresso",
          "Decaf Swiss Water", "Italian Dark Roast"
        },
        new String[] {
          "Beans:16", "Ground Coffee:14", "Espresso Blend:18", "Cold Brew Pack:22", "Capsules:11"
        },
        false),
    TEA(
        "Tea",
        "TEA",
        10,
        new String[] {"Leaf & Kettle", "Camellia House"},
        new String[] {
          "Darjeeling First Flush", "Jasmine Green", "Earl Grey", "Sencha", "Ceremonial Matcha",
          "Rooibos", "Chamomile", "Masala Chai", "Milky Oolong", "English Breakfast"
        },
        new String[] {"Loose Leaf:12", "Tea Bags:7", "Gift Tin:24", "Sampler:19"},
        false),
    KITCHEN(
        "Kitchen",
        "KIT",
        12,
        new String[] {"Brewmaster", "Copperline", "Hausgerät"},
        new String[] {"Pro:1.4", "Classic:1", "Mini:0.7", "Plus:1.2", "Barista Edition:1.6"},
        new String[] {
          "Espresso Machine:329", "Pour-Over Kettle:59", "Burr Grinder:129", "French Press:35",
          "Chef's Knife:79", "Cast Iron Skillet:49", "Milk Frother:39", "Stand Mixer:299",
          "Coffee Scale:29"
        },
        true),
    ELECTRONICS(
        "Electronics",
        "ELE",
        10,
        new String[] {"Voltic", "Nordsound", "Kumo"},
        new String[] {"Pro:1.4", "Max:1.7", "Lite:0.7", "2:1.1", "Air:1.2", "Mini:0.6"},
        new String[] {
          "Wireless Earbuds:89",
          "Noise-Cancelling Headphones:249",
          "Smart Speaker:99",
          "Fitness Tracker:79",
          "Portable Charger:39",
          "Bluetooth Speaker:69",
          "E-Reader:129",
          "Smartwatch:229",
          "USB-C Hub:45",
          "Action Camera:199"
        },
        true),
    BOOKS(
        "Books",
        "BOO",
        10,
        new String[] {"Fernwood Press", "Lantern Books"},
        new String[] {
          "The Art of", "A Field Guide to", "Mastering", "The Little Book of", "Everyday"
        },
        new String[] {
          "Home Brewing:24", "Slow Cooking:29", "Mindful Living:18", "Sourdough Baking:27",
          "Alpine Hiking:22", "Indoor Plants:21", "Tea Ceremony:19", "Minimalism:16"
        },
        false),
    OUTDOOR(
        "Outdoor",
        "OUT",
        8,
        new String[] {"Trailhead", "Fjellstad", "Summit Supply"},
        new String[] {"Trail", "Summit", "Alpine", "Ultralight", "Storm"},
        new String[] {
          "Backpack:89", "Two-Person Tent:229", "Hiking Boots:149", "Sleeping Bag:119",
          "Camping Stove:59", "Headlamp:29", "Water Bottle:24", "Trekking Poles:69",
          "Rain Jacket:139"
        },
        false),
    BEAUTY(
        "Beauty",
        "BEA",
        10,
        new String[] {"Lumière", "Botanica", "Hanami"},
        new String[] {"Hydrating", "Vitamin C", "Rose", "Charcoal", "Aloe", "Lavender"},
        new String[] {
          "Face Serum:34",
          "Night Cream:38",
          "Body Lotion:19",
          "Lip Balm:7",
          "Face Mask:15",
          "Shampoo:14",
          "Hand Cream:12",
          "Eye Cream:29"
        },
        false),
    TOYS(
        "Toys",
        "TOY",
        7,
        new String[] {"Tinker & Co.", "Kleine Welt"},
        new String[] {"Wooden", "Magnetic", "Deluxe", "Pocket", "Rainbow"},
        new String[] {
          "Building Blocks:39", "Jigsaw Puzzle:22", "Train Set:79", "Plush Bear:25",
          "Science Kit:45", "Board Game:35", "Kite:19", "Doll House:119"
        },
        false),
    FASHION(
        "Fashion",
        "FAS",
        9,
        new String[] {"Northloom", "Atelier Sud", "Kindred"},
        new String[] {"Merino", "Organic Cotton", "Linen", "Cashmere", "Denim", "Recycled"},
        new String[] {
          "Sweater:89",
          "T-Shirt:29",
          "Scarf:49",
          "Beanie:25",
          "Jacket:159",
          "Socks (3 Pack):19",
          "Shirt:59",
          "Hoodie:69"
        },
        false),
    HOME(
        "Home",
        "HOM",
        8,
        new String[] {"Hygge Home", "Casa Clara"},
        new String[] {"Ceramic", "Scented", "Handwoven", "Nordic", "Bamboo", "Velvet"},
        new String[] {
          "Vase:39",
          "Candle:22",
          "Throw Blanket:79",
          "Cushion Cover:29",
          "Table Lamp:89",
          "Plant Pot:25",
          "Wall Clock:49",
          "Rug:149"
        },
        false);

    final String label;
    final String code;
    final double popularity;
    final String[] brands;
    final String[] modifiers;
    final String[] nouns;
    final boolean modifierAfter;

    Category(
        String label,
        String code,
        double popularity,
        String[] brands,
        String[] modifiers,
        String[] nouns,
        boolean modifierAfter) {
      this.label = label;
      this.code = code;
      this.popularity = popularity;
      this.brands = brands;
      this.modifiers = modifiers;
      this.nouns = nouns;
      this.modifierAfter = modifierAfter;
    }
  }

  private static final long CATALOGUE_SEED = 0x0C0FFEEL;
  private static final int PER_CATEGORY = 20;

  static final List<Product> PRODUCTS;

  /** Indexes into PRODUCTS per category ordinal: all products, and the ones still on sale. */
  static final int[][] BY_CATEGORY;

  static final int[][] ACTIVE_BY_CATEGORY;
  static final double[] CATEGORY_WEIGHTS;

  static {
    SplittableRandom random = new SplittableRandom(CATALOGUE_SEED);
    List<Product> products = new ArrayList<>();
    Category[] categories = Category.values();
    BY_CATEGORY = new int[categories.length][];
    ACTIVE_BY_CATEGORY = new int[categories.length][];
    double[] popularity = new double[categories.length];
    for (Category category : categories) {
      popularity[category.ordinal()] = category.popularity;
      Set<String> names = new LinkedHashSet<>();
      List<Integer> all = new ArrayList<>();
      List<Integer> active = new ArrayList<>();
      int serial = 1;
      int attempts = 0;
      while (names.size() < PER_CATEGORY && attempts++ < 1000) {
        String[] modifier = DemoRandom.pick(random, category.modifiers).split(":");
        String[] noun = DemoRandom.pick(random, category.nouns).split(":");
        String name =
            category.modifierAfter ? noun[0] + " " + modifier[0] : modifier[0] + " " + noun[0];
        if (!names.add(name)) {
          continue;
        }
        double dollars = Double.parseDouble(noun[1]);
        if (modifier.length > 1) {
          dollars *= Double.parseDouble(modifier[1]);
        }
        dollars *= 0.85 + random.nextDouble() * 0.3;
        // Shop prices end in .99 or .49.
        long cents = Math.max(1, Math.round(dollars)) * 100 - (random.nextInt(4) == 0 ? 51 : 1);
        boolean isActive = random.nextInt(25) != 0;
        String sku = String.format("OX-%s-%03d", category.code, serial++);
        int index = products.size();
        products.add(
            new Product(
                sku, name, category, cents, DemoRandom.pick(random, category.brands), isActive));
        all.add(index);
        if (isActive) {
          active.add(index);
        }
      }
      BY_CATEGORY[category.ordinal()] = all.stream().mapToInt(Integer::intValue).toArray();
      ACTIVE_BY_CATEGORY[category.ordinal()] =
          active.stream().mapToInt(Integer::intValue).toArray();
    }
    PRODUCTS = List.copyOf(products);
    CATEGORY_WEIGHTS = DemoRandom.cumulative(popularity);
  }

  private Catalog() {}

  static Category pickCategory(SplittableRandom random) {
    return Category.values()[DemoRandom.weighted(random, CATEGORY_WEIGHTS)];
  }
}
