#!/usr/bin/env bash
# Writes the README's benchmark table (between <!-- bench-table --> and <!-- /bench-table -->) from a bench/run.sh
# report: the one named, else the newest complete one. The rows and their targets are in bench/targets.tsv; a figure
# the report lacks, or a part that failed, shows as "not in this report".
set -euo pipefail
cd "$(dirname "$0")/.."
report=${1:-$(grep -l '^Complete:' bench/results/*.md 2>/dev/null | sort | tail -1)}
if [ -z "$report" ]; then
  echo "no complete report in bench/results/; run bench/run.sh first" >&2
  exit 1
fi

table=$(awk -F'\t' -v report="$report" '
  function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
  # The README shows a cell without its parenthesised explanation; the report keeps it.
  function short(s) { sub(/ \(.*$/, "", s); return s }
  function nth(cell, n,   i, t) {
    gsub(/,/, "", cell)
    for (i = 0; match(cell, /-?[0-9]+(\.[0-9]+)?/); ) {
      t = substr(cell, RSTART, RLENGTH); cell = substr(cell, RSTART + RLENGTH)
      if (++i == n) return t + 0
    }
    return ""
  }
  function met(rule, ours, ratio,   col, n, op, value, x) {
    match(rule, /^[a-z]+/); col = substr(rule, 1, RLENGTH); rule = substr(rule, RLENGTH + 2)
    match(rule, /^[0-9]+/); n = substr(rule, 1, RLENGTH) + 0; rule = substr(rule, RLENGTH + 1)
    match(rule, /^[<>]=?/); op = substr(rule, 1, RLENGTH); value = substr(rule, RLENGTH + 1) + 0
    x = nth(col == "ours" ? ours : ratio, n)
    if (x == "") return "?"
    if (op == "<") return x < value ? "yes" : "**no**"
    if (op == "<=") return x <= value ? "yes" : "**no**"
    if (op == ">") return x > value ? "yes" : "**no**"
    return x >= value ? "yes" : "**no**"
  }
  FNR == NR {
    if ($0 ~ /^#/ || NF < 5) next
    rows++; part[rows] = $1; prefix[rows] = $2; label[rows] = $3; target[rows] = $4; rule[rows] = $5
    next
  }
  /^## / { current = substr($0, 4); next }
  /^\*\*FAILED\*\*/ { failed[current] = 1; next }
  /^\| / {
    split($0, cell, "|")
    figure = trim(cell[2])
    for (r = 1; r <= rows; r++) {
      if (current == part[r] && index(figure, prefix[r]) == 1 && !(r in found)) {
        found[r] = "| " label[r] " | " short(trim(cell[3])) " | " short(trim(cell[4])) " | " short(trim(cell[5])) " | " target[r] " | " \
          met(rule[r], cell[3], cell[5]) " |"
      }
    }
  }
  END {
    print "| figure | ours | ceiling | ratio | target | met? |"
    print "| --- | --- | --- | --- | --- | --- |"
    for (r = 1; r <= rows; r++) {
      if (r in found && !(part[r] in failed)) print found[r]
      else print "| " label[r] " | not in this report | | | " target[r] " | ? |"
    }
  }
' bench/targets.tsv "$report")

awk -v table="$table" -v source="$report" '
  /<!-- bench-table -->/ { print; print "From [" source "](" source "):"; print ""; print table; skip = 1; next }
  /<!-- \/bench-table -->/ { skip = 0 }
  !skip
' README.md >README.md.new && mv README.md.new README.md
echo "README table written from $report" >&2
