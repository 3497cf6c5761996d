package com.oxidly.ui.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oxidly.domain.query.CustomerQuery;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.domain.search.CustomerSearch;
import com.oxidly.domain.search.CustomerSearch.CursorPage;
import com.oxidly.domain.search.CustomerSearch.SortField;
import com.oxidly.ui.IndexCatchUp;
import com.oxidly.ui.OxidlyIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Cursor paging (search_after) reaches every customer once, in the order of offset paging. */
@OxidlyIntegrationTest
class CustomerSearchCursorTest {

  static final CustomerQuery ALL = new CustomerQuery.All();

  @Autowired CustomerSearch search;
  @Autowired CustomerIndex index;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void indexBuilt() {
    IndexCatchUp.await(index, jdbc);
  }

  @Test
  void aCursorWalkVisitsEveryCustomerOnceInSortOrder() {
    long customers = jdbc.queryForObject("select count(*) from customers", Long.class);
    // Sorts with missing values (no orders yet, no city), numbers, dates and the default.
    for (List<SortField> sort :
        List.of(
            List.<SortField>of(),
            List.of(SortField.parse("totalSpent,desc")),
            List.of(SortField.parse("averageOrderValue")),
            List.of(SortField.parse("lastOrderAt,desc"), SortField.parse("city")),
            List.of(SortField.parse("orderCount"), SortField.parse("signupDate,desc")))) {
      List<UUID> walked = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        CursorPage page = search.page(ALL, sort, cursor, 7);
        assertThat(page.total()).isEqualTo(customers);
        walked.addAll(page.ids());
        cursor = page.nextCursor();
        pages++;
      } while (cursor != null);

      assertThat(pages).as("%s: pages of 7", sort).isEqualTo((int) ((customers + 6) / 7));
      assertThat(new HashSet<>(walked)).as("%s: each customer once", sort).hasSize(walked.size());
      assertThat(walked)
          .as("%s: the order of offset paging", sort)
          .isEqualTo(search.search(ALL, 0, (int) customers, sort).ids());
    }
  }

  @Test
  void offsetPagesAndSkipsHandOnToCursors() {
    List<SortField> sort = List.of(SortField.parse("totalSpent,desc"));
    List<UUID> all = search.search(ALL, 0, 300, sort).ids();

    CursorPage first = search.pageAt(ALL, sort, 40, 20);
    assertThat(first.ids()).isEqualTo(all.subList(40, 60));
    assertThat(search.page(ALL, sort, first.nextCursor(), 20).ids()).isEqualTo(all.subList(60, 80));

    String after100 = search.skip(ALL, sort, null, 100).orElseThrow();
    String after250 = search.skip(ALL, sort, after100, 150).orElseThrow();
    assertThat(search.page(ALL, sort, after250, 20).ids()).isEqualTo(all.subList(250, 270));
    assertThat(search.skip(ALL, sort, after250, 51)).as("only 50 follow").isEmpty();

    CursorPage last = search.page(ALL, sort, search.skip(ALL, sort, null, 290).orElseThrow(), 10);
    assertThat(last.ids()).isEqualTo(all.subList(290, 300));
    assertThat(last.nextCursor()).as("the page that ends the results").isNull();
    assertThat(search.pageAt(ALL, sort, 280, 20).nextCursor()).isNull();
  }

  @Test
  void aMalformedOrForeignCursorIsRefusedWithAClearMessage() {
    List<SortField> byName = List.of();
    assertThatThrownBy(() -> search.page(ALL, byName, "not base64!", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed cursor")
        .hasMessageContaining("base64");
    String notJson =
        Base64.getUrlEncoder().encodeToString("{oops".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> search.page(ALL, byName, notJson, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed cursor");

    String bySpent =
        search.page(ALL, List.of(SortField.parse("totalSpent,desc")), null, 5).nextCursor();
    assertThatThrownBy(() -> search.page(ALL, byName, bySpent, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("made for the sort totalSpent,desc");

    String tampered =
        Base64.getUrlEncoder()
            .encodeToString(
                "[\"totalSpent,desc;customerUuid,asc\",\"lots\",\"x\"]"
                    .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () -> search.page(ALL, List.of(SortField.parse("totalSpent,desc")), tampered, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cursor does not fit");
  }
}
