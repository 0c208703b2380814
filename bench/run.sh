#!/usr/bin/env bash
# One benchmark report: the raw Kafka ceilings and every service's benchmark (each of which measures its own
# ceiling again on its own broker in the same run), one after another on this machine. Writes Markdown to
# bench/results/<UTC time>.md and prints it. Took 11 minutes on 2 cores on 2 Dec; the engine's part alone has taken 7-9 since
# 3 Dec, so expect longer now; notifier-memory (7 million records written and worked through, four notifier starts)
# adds 7-10 and notifier-smtp-outage about 5. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
report="bench/results/$(date -u +%Y-%m-%dT%H%MZ).md"
# The bench module (only in the bench profile) and, through -am, every service's packaged quarkus-app it starts.
./mvnw -B -q -Pbench -pl bench -am package -DskipTests
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

bench() {
  local part=$1 main=$2
  shift 2
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classpath" "$main" "$@" 2>/dev/null | grep -E '^\|' \
    || echo "| $part benchmark failed; rerun it alone to see why | | | |"
}

{
  echo "# Benchmark report, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)," \
    "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "## Raw Kafka ceilings (in-process KRaft broker, one node)"
  echo "| figure | value |"
  echo "| --- | --- |"
  bench kafka io.upsell.bench.kafka.KafkaCeilings - 300000
  for entry in "order-ingest io.upsell.bench.ingest.IngestBench" \
               "trigger-engine io.upsell.bench.engine.EngineBenchmark" \
               "notifier io.upsell.bench.notifier.NotifierBenchmark" \
               "notifier-memory io.upsell.bench.notifier.NotifierMemory" \
               "notifier-smtp-outage io.upsell.bench.notifier.SmtpOutage" \
               "analytics io.upsell.bench.analytics.AnalyticsBenchmark"; do
    set -- $entry
    echo
    echo "## $1"
    echo "| figure | ours | ceiling | ratio |"
    echo "| --- | --- | --- | --- |"
    bench "$1" "$2" | grep -vE '^\| *(figure|---)' || true
  done
} | tee "$report"
echo "Written to $report" >&2
