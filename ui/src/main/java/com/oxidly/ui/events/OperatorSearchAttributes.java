package com.oxidly.ui.events;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The search attributes that make the Temporal UI usable for operators: find every run of a
 * customer, a journey or a campaign. Registered at start (on a cluster this needs operator rights);
 * when registration is refused, runs are started without them rather than not at all.
 */
@Component
public class OperatorSearchAttributes {

  public static final SearchAttributeKey<String> CUSTOMER =
      SearchAttributeKey.forKeyword("OxidlyCustomer");
  public static final SearchAttributeKey<String> JOURNEY =
      SearchAttributeKey.forKeyword("OxidlyJourney");
  public static final SearchAttributeKey<String> CAMPAIGN =
      SearchAttributeKey.forKeyword("OxidlyCampaign");

  private static final Logger log = LoggerFactory.getLogger(OperatorSearchAttributes.class);

  private final boolean registered;

  OperatorSearchAttributes(
      WorkflowServiceStubs service,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.registered = register(service, namespace);
  }

  /** Whether runs may carry the attributes (starting a run with unknown ones would fail). */
  public boolean registered() {
    return registered;
  }

  /** The attributes of one customer's run through a journey, when they can be used. */
  public SearchAttributes journeyRun(long journeyId, int version, String customerUuid) {
    if (!registered) {
      return SearchAttributes.EMPTY;
    }
    return SearchAttributes.newBuilder()
        .set(CUSTOMER, customerUuid)
        .set(JOURNEY, journeyId + ":v" + version)
        .build();
  }

  private static boolean register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(service.getOptions()).build());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(
                      Map.of(
                          CUSTOMER.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                          JOURNEY.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
                          CAMPAIGN.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD))
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return true;
      }
      log.warn(
          "Search attributes for operators not registered ({}); runs start without them."
              + " Register OxidlyCustomer, OxidlyJourney and OxidlyCampaign (Keyword) to get them.",
          e.getStatus());
      return false;
    } finally {
      operator.shutdown();
    }
  }
}
