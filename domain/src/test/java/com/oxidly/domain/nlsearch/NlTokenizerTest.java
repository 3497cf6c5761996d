package com.oxidly.domain.nlsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NlTokenizerTest {

  private static List<String> words(String text) {
    return Tokenizer.tokenize(text).stream().map(Token::word).toList();
  }

  @Test
  void foldsCaseAndAccentsAndJoinsCompounds() {
    assertThat(words("MÜNCHEN São-Paulo high-value Chef's e-reader"))
        .containsExactly("munchen", "sao", "paulo", "high", "value", "chef", "s", "e", "reader");
  }

  @Test
  void expandsContractions() {
    assertThat(words("hasn't didn't can't cannot won't"))
        .containsExactly("has", "not", "did", "not", "can", "not", "can", "not", "will", "not");
  }

  @Test
  void readsNumbersInEveryShape() {
    List<Token> tokens = Tokenizer.tokenize("$1,500 1.5k 2K 500$ 4.5 80s '90s 1980s 3rd 30-39");
    assertThat(tokens)
        .extracting(Token::word)
        .containsExactly(
            "$", "1500", "1500", "2000", "500", "$", "4.5", "80", "90", "1980", "3", "30", "-",
            "39");
    assertThat(tokens.get(1).number()).isEqualByComparingTo(new BigDecimal("1500"));
    assertThat(tokens.get(1).has(Token.SCALED)).isTrue();
    assertThat(tokens.get(2).number()).isEqualByComparingTo(new BigDecimal("1500"));
    assertThat(tokens.get(7).has(Token.DECADE)).isTrue();
    assertThat(tokens.get(8).has(Token.DECADE)).isTrue();
    assertThat(tokens.get(10).has(Token.ORDINAL)).isTrue();
  }

  @Test
  void keepsDomainsEmailsDatesAndInitialsWhole() {
    List<Token> tokens =
        Tokenizer.tokenize("gmail.com @acme.co.uk ann@example.com 2026-03-01 U.S. UK Berlin.");
    assertThat(tokens)
        .extracting(Token::kind)
        .containsExactly(
            Token.Kind.DOMAIN,
            Token.Kind.DOMAIN,
            Token.Kind.EMAIL,
            Token.Kind.DATE,
            Token.Kind.WORD,
            Token.Kind.WORD,
            Token.Kind.WORD,
            Token.Kind.SYMBOL);
    assertThat(tokens)
        .extracting(Token::word)
        .containsExactly(
            "gmail.com", "acme.co.uk", "ann@example.com", "2026-03-01", "us", "uk", "berlin", ".");
    assertThat(tokens.get(4).has(Token.UPPER)).isTrue();
    assertThat(tokens.get(5).has(Token.UPPER)).isTrue();
    assertThat(tokens.get(6).has(Token.CAPITALISED)).isTrue();
    assertThat(tokens.get(6).has(Token.UPPER)).isFalse();
  }

  @Test
  void keepsComparisonSymbolsAndOffsets() {
    List<Token> tokens = Tokenizer.tokenize("spent >= 500, not <3");
    assertThat(tokens)
        .extracting(Token::word)
        .containsExactly("spent", ">=", "500", ",", "not", "<", "3");
    assertThat(tokens.get(2).start()).isEqualTo(9);
    assertThat(new Cursor(tokens).text("spent >= 500, not <3", 1, 3)).isEqualTo(">= 500");
  }

  @Test
  void singularsMeetInTheMiddle() {
    assertThat(Words.singular("machines")).isEqualTo(Words.singular("machine"));
    assertThat(Words.singular("accessories")).isEqualTo("accessory");
    assertThat(Words.singular("brushes")).isEqualTo("brush");
    assertThat(Words.singular("glass")).isEqualTo("glass");
    assertThat(Words.singular("swiss")).isEqualTo("swiss");
  }
}
