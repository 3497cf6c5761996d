package com.oxidly.domain.campaign;

/** The action does not apply in the campaign's status (editing a running one, resuming a draft). */
public class CampaignStateException extends RuntimeException {

  public CampaignStateException(long id, String status, String action) {
    super("Campaign " + id + " is " + status + ": cannot " + action);
  }
}
