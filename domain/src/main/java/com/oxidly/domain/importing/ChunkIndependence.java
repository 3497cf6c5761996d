package com.oxidly.domain.importing;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * Which staged chunks may be applied side by side.
 *
 * <p>A key that occurs in two chunks must end as the later chunk's row, so a chunk may only run
 * beside chunks before it that share none of its keys. While staging, each chunk gets its <i>free
 * behind</i> count: how many of the chunks right before it share no key with it, at most {@link
 * #WINDOW}. Chunk {@code c} may start once every chunk below {@code c - freeBehind} is applied
 * ({@link #mayStart}); the chunks it then runs beside are all among those it shares no key with.
 *
 * <p>Keys are compared coarsely, trimmed and lower-cased: two cells the appliers would read as one
 * key (emails are case-insensitive) are always equal here, and a false match only costs
 * parallelism. Order items use the order id alone, so that all lines of one order stay in file
 * order. Memory is bounded by the window: the keys of the last {@link #WINDOW} chunks.
 */
final class ChunkIndependence {

  /** How many chunks back a chunk may run beside, at most. */
  static final int WINDOW = 4;

  private static final Map<ImportKind, String> KEY_COLUMN =
      Map.of(
          ImportKind.CUSTOMERS, "email",
          ImportKind.PRODUCTS, "sku",
          ImportKind.ORDERS, "order_id",
          ImportKind.ORDER_ITEMS, "order_id",
          ImportKind.REVIEWS, "review_id",
          ImportKind.INTERACTIONS, "interaction_id");

  /** Position of the key column in the file. */
  private final int keyPosition;

  /** Keys of the last chunks, newest first. */
  private final ArrayDeque<Set<String>> recent = new ArrayDeque<>();

  private Set<String> current = new HashSet<>();

  private ChunkIndependence(int keyPosition) {
    this.keyPosition = keyPosition;
  }

  /** For a file of {@code kind} whose header is valid. */
  static ChunkIndependence of(ImportKind kind, Header header) {
    Integer position = header.index().get(KEY_COLUMN.get(kind));
    if (position == null) {
      throw new IllegalArgumentException(kind.path() + " files need " + KEY_COLUMN.get(kind));
    }
    return new ChunkIndependence(position);
  }

  /** Notes the key of one data record of the current chunk. */
  void add(CSVRecord record) {
    if (keyPosition < record.size()) {
      String key = record.get(keyPosition).strip().toLowerCase(Locale.ROOT);
      if (!key.isEmpty()) {
        current.add(key);
      }
    }
  }

  /** Ends the current chunk and returns its free behind count. */
  int endChunk() {
    int free = 0;
    for (Set<String> earlier : recent) {
      if (!Collections.disjoint(earlier, current)) {
        break;
      }
      free++;
    }
    recent.addFirst(current);
    if (recent.size() > WINDOW) {
      recent.removeLast();
    }
    current = new HashSet<>();
    return free;
  }

  /**
   * Whether chunk {@code chunk}, with its free behind count, may start now.
   *
   * @param appliedBelow every chunk below this number is applied
   */
  static boolean mayStart(int chunk, int freeBehind, int appliedBelow) {
    return appliedBelow >= chunk - freeBehind;
  }
}
