#!/bin/bash
# Whole processes, round-robin, with CPU time beside wall time (perf stat's task-clock: all
# threads of the process), which the other work on a shared machine disturbs far less.
#
#   bench/cpu-race.sh ROUNDS NAME=COMMAND ...
#
# Prints per NAME the median CPU ms and wall ms with [min-max]. Needs perf (linux-perf).
rounds=$1
shift
declare -A cpu wall
for _ in $(seq "$rounds"); do
  for spec in "$@"; do
    name=${spec%%=*}
    cmd=${spec#*=}
    # shellcheck disable=SC2086 # the command is split into words on purpose
    out=$(perf stat -x, -e task-clock,duration_time $cmd 2>&1 >/dev/null |
      grep -E "task-clock|duration_time" | cut -d, -f1 | tr '\n' ' ')
    cpu[$name]+="$(echo "$out" | awk '{print $1}') "
    wall[$name]+="$(echo "$out" | awk '{print $2/1e6}') "
  done
done
med() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{printf "%.1f [%.1f-%.1f]", a[int((NR+1)/2)], a[1], a[NR]}'; }
for spec in "$@"; do
  name=${spec%%=*}
  echo "$name  cpu $(echo "${cpu[$name]}" | med)  wall $(echo "${wall[$name]}" | med)"
done
