package com.oxidly.ui.views.segments;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.segment.Segments;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@OxidlyIntegrationTest
class SegmentsViewTest extends SpringBrowserlessTest {

  @Autowired Segments segments;

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aMarketerWritesASegmentAsASentenceSeesItsReadingSavesAndDeletesIt() {
    SegmentsView view = navigate(SegmentsView.class);
    assertThat(names(view)).contains("High Value", "At Risk");

    test(view.name).setValue("Over 500 from the view");
    test(view.sentence).setValue("customers who spent over $500");
    test(view.read).click();

    assertThat(view.reading.getText()).isEqualTo("Read as: spent > 500");
    assertThat(view.definition.getValue()).contains("\"type\" : \"spent\"");

    test(view.save).click();

    assertThat(view.message.getText()).startsWith("Saved 'Over 500 from the view'");
    assertThat(names(view)).contains("Over 500 from the view");
    assertThat(segments.get("over 500 from the view").definition())
        .isEqualTo(Segments.parse(view.definition.getValue()));
    assertThat(view.delete.isEnabled()).isTrue();

    test(view.delete).click();

    assertThat(segments.find("over 500 from the view")).isEmpty();
    assertThat(names(view)).doesNotContain("Over 500 from the view");
  }

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void invalidDefinitionsAreNamedAndBuiltInsCannotBeDeleted() {
    SegmentsView view = navigate(SegmentsView.class);

    test(view.name).setValue("Broken");
    test(view.definition).setValue("{\"type\":\"spent\"}");
    test(view.save).click();

    assertThat(view.message.getText()).startsWith("definition is not a valid query");
    assertThat(segments.find("broken")).isEmpty();

    int highValue = names(view).indexOf("High Value");
    test(view.grid).select(highValue);
    assertThat(view.name.getValue()).isEqualTo("High Value");
    assertThat(view.definition.getValue()).contains("top_percent");
    assertThat(view.delete.isEnabled()).isFalse();
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void aViewerSeesSegmentsButNoEditor() {
    SegmentsView view = navigate(SegmentsView.class);

    assertThat(names(view)).contains("High Value", "At Risk");
    assertThat(view.form.isAttached()).isFalse();
    assertThat(view.save.isAttached()).isFalse();
  }

  private List<String> names(SegmentsView view) {
    var grid = test(view.grid);
    return IntStream.range(0, grid.size()).mapToObj(i -> grid.getCellText(i, 0)).toList();
  }
}
