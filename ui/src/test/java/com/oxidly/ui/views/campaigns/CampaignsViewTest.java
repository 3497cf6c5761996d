package com.oxidly.ui.views.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.oxidly.domain.campaign.Campaign;
import com.oxidly.domain.campaign.Campaigns;
import com.oxidly.domain.messaging.Channel;
import com.oxidly.ui.OxidlyIntegrationTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * A marketer drafts a broadcast in the view, is told what is wrong with it, schedules it, pauses,
 * resumes and cancels it; a viewer only reads.
 */
@OxidlyIntegrationTest
class CampaignsViewTest extends SpringBrowserlessTest {

  @Autowired Campaigns campaigns;

  @Test
  @WithMockUser(username = "marketer", roles = "MARKETER")
  void aMarketerDraftsSchedulesPausesResumesAndCancelsABroadcast() {
    CampaignsView view = navigate(CampaignsView.class);

    test(view.name).setValue("View broadcast");
    test(view.subject).setValue("Hello {{ customer.first_name | shout }}");
    test(view.html).setValue("<p>Winter sale</p>");
    test(view.audienceKind).selectItem(CampaignsView.BY_DESCRIPTION);
    test(view.audience.sentence).setValue("customers who opted in to email");
    test(view.audience.read).click();
    assertThat(view.audience.count.getText()).matches("\\d+ customers? match(es)? now");
    test(view.save).click();

    assertThat(view.message.getText()).startsWith("Saved draft 'View broadcast'");
    Campaign draft =
        campaigns.list().stream()
            .filter(c -> c.definition().name().equals("View broadcast"))
            .findFirst()
            .orElseThrow();
    assertThat(draft.status()).isEqualTo("draft");
    assertThat(draft.definition().channel()).isEqualTo(Channel.EMAIL);
    assertThat(draft.definition().audience().query()).isNotNull();

    test(view.schedule).click();
    assertThat(view.message.getText()).startsWith("Cannot schedule").contains("shout", "schedule");
    assertThat(campaigns.get(draft.id()).status()).isEqualTo("draft");

    test(view.subject).setValue("Hello {{ customer.first_name }}");
    view.startAt.setValue(
        LocalDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.MINUTES));
    test(view.schedule).click();
    assertThat(view.message.getText()).startsWith("Scheduled");
    assertThat(campaigns.get(draft.id()).status()).isEqualTo("scheduled");
    assertThat(view.status.getText()).startsWith("Status: scheduled");
    assertThat(view.save.isEnabled()).isFalse();

    test(view.pause).click();
    assertThat(campaigns.get(draft.id()).status()).isEqualTo("paused");
    assertThat(view.resume.isEnabled()).isTrue();
    test(view.resume).click();
    assertThat(campaigns.get(draft.id()).status()).isEqualTo("scheduled");
    test(view.cancel).click();
    assertThat(campaigns.get(draft.id()).status()).isEqualTo("cancelled");
    assertThat(view.message.getText()).startsWith("Cancelled 'View broadcast'");
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void aViewerSeesCampaignsButNoActions() {
    CampaignsView view = navigate(CampaignsView.class);

    assertThat(view.newCampaign.isVisible()).isFalse();
    assertThat(view.save.isVisible()).isFalse();
    assertThat(view.name.isReadOnly()).isTrue();
  }
}
