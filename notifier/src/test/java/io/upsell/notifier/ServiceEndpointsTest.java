package io.upsell.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.ServiceEndpointsContract;
import io.upsell.testkit.TestShops;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class ServiceEndpointsTest extends ServiceEndpointsContract {

  @Override
  protected String documentedPath() {
    return "/v1/inapp/messages";
  }
}
