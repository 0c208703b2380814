#!/bin/sh
# Generated from the Topics catalog by io.upsell.deploy.manifests.Manifests; do not edit.
set -e
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic shop.orders --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic shop.carts --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic shop.views --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic app.usage --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic app.subscriptions --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic app.courses --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic crm.customers --partitions 6 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic crm.support --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic catalog.products --partitions 3 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic shop.spend --partitions 3 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic upsell.triggers --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic upsell.suppressed --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic upsell.rules --partitions 3 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic notify.deliveries --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic engagement.events --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic notify.dlq --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic analytics.reports --partitions 3 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic ingest.seen-ids --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=604800000
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic notify.ledger --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic notify.inapp --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic notify.templates --partitions 3 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic notify.brands --partitions 3 --replication-factor 1 --config cleanup.policy=compact --config retention.ms=-1
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic upsell.dead-letters --partitions 6 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=2592000000
