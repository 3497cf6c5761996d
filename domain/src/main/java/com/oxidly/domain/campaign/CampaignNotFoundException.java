package com.oxidly.domain.campaign;

/** No campaign with that id. */
public class CampaignNotFoundException extends RuntimeException {

  CampaignNotFoundException(long id) {
    super("No campaign " + id);
  }
}
