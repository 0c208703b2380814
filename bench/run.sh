#!/usr/bin/env bash
# The only writer of bench/results/: one Markdown report per run, named after its UTC start time.
#
#   bench/run.sh                 every part, in the order below
#   bench/run.sh engine notifier only those parts (names as in PARTS)
#
# Each part is a benchmark main of the bench module that measures its own ceiling on its own broker in the same
# run. The report's head names the commit (and whether the tree had uncommitted changes), the machine and the load;
# each part keeps its table rows, every "[bench]" line it printed (warnings such as "only N of M emails arrived"
# among them), the load before and after it, and, when it fails, FAILED with the tail of its error output.
set -uo pipefail
cd "$(dirname "$0")/.."

declare -A PARTS=(
  [kafka]="io.upsell.bench.kafka.KafkaCeilings - 300000"
  [ingest]="io.upsell.bench.ingest.IngestBench"
  [engine]="io.upsell.bench.engine.EngineBenchmark"
  [notifier]="io.upsell.bench.notifier.NotifierBenchmark"
  [notifier-memory]="io.upsell.bench.notifier.NotifierMemory"
  [notifier-smtp-outage]="io.upsell.bench.notifier.SmtpOutage"
  [analytics]="io.upsell.bench.analytics.AnalyticsBenchmark"
  [backtest]="io.upsell.bench.backtest.BacktestBenchmark"
)
ORDER=(kafka ingest engine notifier notifier-memory notifier-smtp-outage analytics backtest)

selected=("$@")
if [ ${#selected[@]} -eq 0 ]; then
  selected=("${ORDER[@]}")
fi
for part in "${selected[@]}"; do
  if [ -z "${PARTS[$part]:-}" ]; then
    echo "unknown part '$part'; parts: ${ORDER[*]}" >&2
    exit 2
  fi
done

mkdir -p bench/results
started=$(date -u +%Y-%m-%dT%H%MZ)
report="bench/results/${started}.md"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The bench module (only in the bench profile) and, through -am, every service's packaged quarkus-app it starts.
if ! ./mvnw -B -q -Pbench -pl bench -am package -DskipTests >"$work/build.log" 2>&1; then
  echo "build failed:" >&2
  tail -40 "$work/build.log" >&2
  exit 1
fi
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

load() { cut -d' ' -f1-3 /proc/loadavg; }

run_part() {
  local part=$1
  read -r -a command <<<"${PARTS[$part]}"
  local out="$work/$part.out" err="$work/$part.err" before status
  before=$(load)
  local t0=$SECONDS
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$classpath" "${command[@]}" \
    >"$out" 2>"$err"
  status=$?
  echo
  echo "## $part"
  echo
  echo "\`${command[*]}\`: $((SECONDS - t0)) s; load average before $before, after $(load)."
  echo
  if [ "$part" = kafka ]; then
    echo "| figure | value |"
    echo "| --- | --- |"
  else
    echo "| figure | ours | ceiling | ratio |"
    echo "| --- | --- | --- | --- |"
  fi
  grep -E '^\|' "$out" | grep -vE '^\| *(figure|---)' || true
  if grep -qE '^\[bench\]|^\[bench-warning\]|[Ww]arning:' "$out" "$err"; then
    echo
    echo "What the run printed besides its table:"
    echo
    grep -hE '^\[bench\]|^\[bench-warning\]|[Ww]arning:' "$out" "$err" | sed 's/^/    /'
  fi
  if [ $status -ne 0 ]; then
    echo
    echo "$part" >>"$work/failed"
    echo "**FAILED** (exit $status). The end of its error output:"
    echo
    tail -25 "$err" | sed 's/^/    /'
  fi
}

{
  echo "# Benchmark report, started ${started}"
  echo
  echo "commit: $(git rev-parse HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)')"
  echo
  echo "Parts: ${selected[*]}. Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | head -1). Load average at the start: $(load)."
  for part in "${selected[@]}"; do
    run_part "$part"
  done
  echo
  echo "Load average at the end: $(load)."
  if [ -s "$work/failed" ]; then
    echo "Incomplete: FAILED parts: $(tr '\n' ' ' <"$work/failed")"
  elif [ "${selected[*]}" != "${ORDER[*]}" ]; then
    echo "Partial: only the parts named above ran, each to the end."
  else
    echo "Complete: every part ran to the end."
  fi
} | tee "$report"
echo "Written to $report" >&2
# Only a complete report of every part may stand in the README.
if grep -q '^Complete:' "$report"; then
  bench/readme-table.sh "$report"
fi
