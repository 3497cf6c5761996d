package com.oxidly.activities.reindex;

import com.oxidly.domain.customer.CustomerRepository;
import com.oxidly.domain.search.CustomerIndex;
import com.oxidly.workflows.reindex.CustomerIndexActivities;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Writes customer documents; all writes are keyed by customer uuid, so retries are harmless. */
@Component("customerIndexActivities")
class CustomerIndexActivitiesImpl implements CustomerIndexActivities {

  private final CustomerIndex index;
  private final CustomerRepository customers;

  CustomerIndexActivitiesImpl(CustomerIndex index, CustomerRepository customers) {
    this.index = index;
    this.customers = customers;
  }

  @Override
  public String createIndex() {
    return index.createIndex();
  }

  @Override
  public long countCustomers() {
    return customers.count();
  }

  @Override
  public IndexedBatch indexPage(String targetIndex, String afterUuid, int pageSize) {
    CustomerIndex.IndexedPage page =
        index.indexPage(
            targetIndex, afterUuid == null ? null : UUID.fromString(afterUuid), pageSize);
    return new IndexedBatch(
        page.indexed(), page.lastUuid() == null ? null : page.lastUuid().toString(), page.last());
  }

  @Override
  public void switchAlias(String targetIndex) {
    index.switchAliasTo(targetIndex);
  }
}
