#!/bin/sh
# Smoke test of `zoolab compare-registries`: a short run prints both rows with sane numbers.
set -eu
out=$("$1" compare-registries --seed 3 --duration 100s --faults leader-crash)
echo "$out"
echo "$out" | grep -q '^ZooKeeper (CP) ' || { echo "no ZooKeeper row"; exit 1; }
echo "$out" | grep -q '^Eureka (AP) ' || { echo "no Eureka row"; exit 1; }
echo "$out" | grep -q 'leader-crash @60.00s' || { echo "no leader-crash line"; exit 1; }
# Eureka keeps answering while one peer is down: every lookup succeeds.
echo "$out" | grep '^Eureka (AP) ' | grep -q '100.0% ([0-9]*/[0-9]*) *100.0%' || { echo "Eureka lookups not all ok"; exit 1; }
"$1" compare-registries --faults nonsense >/dev/null 2>&1 && { echo "a bad plan must fail"; exit 1; }
exit 0
