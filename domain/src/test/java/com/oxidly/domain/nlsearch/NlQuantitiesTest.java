package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.query.Op;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Money and comparisons, with the strictness of the search semantics. */
class NlQuantitiesTest {

  private static Quantities.Bound money(String text) {
    Cursor cursor = new Cursor(Tokenizer.tokenize(text));
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.MONEY);
    assertThat(cursor.atEnd()).as("reads all of '%s'", text).isTrue();
    return bound;
  }

  private static void reads(String text, Op op, String currency, long... values) {
    Quantities.Bound bound = money(text);
    assertThat(bound.op()).as(text).isEqualTo(op);
    assertThat(bound.values())
        .as(text)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyElementsOf(
            java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList());
    assertThat(bound.currency()).as(text).isEqualTo(currency);
  }

  @Test
  void amountsInEverySpelling() {
    reads("$500", Op.EQ, "USD", 500);
    reads("500 dollars", Op.EQ, "USD", 500);
    reads("USD 500", Op.EQ, "USD", 500);
    reads("500$", Op.EQ, "USD", 500);
    reads("1.5k", Op.EQ, null, 1500);
    reads("1,500", Op.EQ, null, 1500);
    reads("€200", Op.EQ, "EUR", 200);
    reads("200 euros", Op.EQ, "EUR", 200);
    reads("five hundred bucks", Op.EQ, "USD", 500);
    reads("2 thousand dollars", Op.EQ, "USD", 2000);
  }

  @Test
  void operatorsAreStrictAsTheSemanticsSay() {
    reads("over $500", Op.GT, "USD", 500);
    reads("more than 500", Op.GT, null, 500);
    reads("above 500", Op.GT, null, 500);
    reads("at least 500", Op.GTE, null, 500);
    reads("500 or more", Op.GTE, null, 500);
    reads("$500+", Op.GTE, "USD", 500);
    reads("under $50", Op.LT, "USD", 50);
    reads("less than 50", Op.LT, null, 50);
    reads("below 50", Op.LT, null, 50);
    reads("no more than 50", Op.LTE, null, 50);
    reads("up to 50", Op.LTE, null, 50);
  }

  @Test
  void betweenIsInclusiveAndOrdered() {
    reads("between $100 and $200", Op.BETWEEN, "USD", 100, 200);
    reads("between 200 and 100", Op.BETWEEN, null, 100, 200);
    reads("$100-$500", Op.BETWEEN, "USD", 100, 500);
    reads("from 1k to 2.5k", Op.BETWEEN, null, 1000, 2500);
  }

  @Test
  void countsWithUnits() {
    Cursor cursor = new Cursor(Tokenizer.tokenize("3 orders or more"));
    Quantities.Bound bound = Quantities.comparison(cursor, Quantities.NUMBER, "orders");
    assertThat(bound.op()).isEqualTo(Op.GTE);
    assertThat(bound.unit()).isTrue();
    assertThat(bound.explicit()).isTrue();
    Cursor bare = new Cursor(Tokenizer.tokenize("three"));
    Quantities.Bound three = Quantities.comparison(bare, Quantities.NUMBER, "orders");
    assertThat(three.values()).containsExactly(BigDecimal.valueOf(3));
    assertThat(three.explicit()).isFalse();
    assertThat(three.unit()).isFalse();
  }

  @Test
  void nothingToReadLeavesTheCursorAlone() {
    Cursor cursor = new Cursor(Tokenizer.tokenize("between friends"));
    assertThat(Quantities.comparison(cursor, Quantities.MONEY)).isNull();
    assertThat(cursor.pos).isZero();
    assertThat(List.of(Quantities.SIGNED.read(new Cursor(Tokenizer.tokenize("-0.5"))).value()))
        .containsExactly(new BigDecimal("-0.5"));
  }
}
