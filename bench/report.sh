#!/usr/bin/env bash
# The table and the goals of a load run, from the RESULT lines bench/load.sh collected
# (tab-separated: endpoint, requests, duration µs, req/s, p50 ms, p99 ms, non-2xx/3xx, socket
# errors, requests a cancel thread could not fill, then the CPU seconds the phase took: portal,
# database processes, whole machine).
#
#   bench/report.sh target/bench/ENGINE-SIZE-STAMP.tsv PEAK_RSS_MB CANCELLED CONNECTIONS
#
# For a 1m run it compares the status page's p50 with the newest 10k run of the same engine.
set -euo pipefail
tsv="$1" rss="$2" cancelled="$3" connections="$4"

awk -F'\t' -v rss="$rss" -v cancelled="$cancelled" '
  NR == 1 { ceiling = $4 }
  {
    name[NR] = $1; rps[NR] = $4; p50[NR] = $5; p99[NR] = $6; bad[NR] = $7; sock[NR] = $8
    short[NR] = $9 > 0 ? " (ran out of orders: at least)" : ""
    # CPU milliseconds per request; the database column is empty on SQLite (inside the portal).
    cpu[NR] = NF < 12 ? "– | – | –" : sprintf("%.3f | %s | %.3f", $10 * 1000 / $2,
      $11 > 0 ? sprintf("%.3f", $11 * 1000 / $2) : "–", $12 * 1000 / $2)
    if ($1 == "order status page") { status_ratio = $4 / ceiling; status_p99 = $6 }
    if ($1 == "cancellation POST") { answered = $2 - $7 }
  }
  END {
    print "| endpoint | req/s | p50 ms | p99 ms | × static | non-2xx/3xx | socket errors |" \
      " CPU ms/req portal | database | machine |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= NR; i++) {
      # One connection cannot use the machine: its throughput is not compared with the ceiling.
      ratio = name[i] ~ /one connection/ ? "–" : sprintf("%.2f", rps[i] / ceiling)
      printf "| %s | %.0f%s | %.2f | %.2f | %s | %d | %d | %s |\n", name[i], rps[i], short[i],
        p50[i], p99[i], ratio, bad[i], sock[i], cpu[i]
    }
    print "(CPU: the whole machine includes wrk, on the same cores)"
    printf "\npeak RSS (VmHWM): %s MB\n", rss
    printf "cancellations: %d orders cancelled in the database, %d requests answered 2xx/3xx\n",
      cancelled, answered
    print "  (requests still in flight when wrk stops are done by the server but not counted)"
    printf "\ngoal: status page >= 0.5x the static ceiling: %.2fx (%s)\n", status_ratio,
      (status_ratio >= 0.5 ? "met" : "not met")
    printf "goal: status page p99 <= 25 ms: %.2f ms (%s)\n", status_p99,
      (status_p99 <= 25 ? "met" : "not met")
    printf "goal: peak RSS <= 150 MB: %s MB (%s)\n", rss, (rss <= 150 ? "met" : "not met")
    if (p50[1] > p50[2])
      print "note: the static file was slower than the status page: its ceiling is held down" \
        " (is TCP_NODELAY set? docs/benchmarks.md, \"Problems the harness found\"), so the" \
        " ratios flatter every endpoint"
  }' "$tsv"

# p50 at 1M orders <= 1.2x p50 at 10k, against the newest 10k run of the same engine.
case "$tsv" in
  */*-1m-*)
    engine=$(basename "$tsv" | cut -d- -f1)
    small=$(ls -t "$(dirname "$tsv")/$engine"-10k-*.tsv 2>/dev/null | head -n1 || true)
    p50() { awk -F'\t' -v name="$2" '$1 == name { print $5 }' "$1"; }
    if [ -n "$small" ]; then
      awk -v big="$(p50 "$tsv" "order status page")" \
        -v small="$(p50 "$small" "order status page")" -v from="$small" 'BEGIN {
        printf "goal: status page p50 at 1M <= 1.2x p50 at 10k: %.2f ms vs %.2f ms = %.2fx" \
          " (%s; 10k from %s)\n",
          big, small, big / small, (big / small <= 1.2 ? "met" : "not met"), from }'
      # The same on one connection, where the p50 is a request's own time rather than mostly
      # queueing (runs from before this phase existed have no such line).
      one_big=$(p50 "$tsv" "status page, one connection")
      one_small=$(p50 "$small" "status page, one connection")
      if [ -n "$one_big" ] && [ -n "$one_small" ]; then
        awk -v big="$one_big" -v small="$one_small" 'BEGIN {
          printf "      on one connection: %.2f ms vs %.2f ms = %.2fx (%s)\n",
            big, small, big / small, (big / small <= 1.2 ? "met" : "not met") }'
      fi
    else
      echo "goal: p50 at 1M vs 10k: no 10k run of $engine in $(dirname "$tsv") to compare with"
    fi
    ;;
esac
echo "(the goals are for a quiet 2-core machine at $connections connections)"
