#!/usr/bin/env bash
# Plots a spread/hot CSV of the load generator: latency percentiles and delivered % against
# the rate, as <prefix>-latency.png and <prefix>-delivered.png.  Needs gnuplot (apt-get install gnuplot-nox).
#   bench/plot.sh bench/results/spread-20261201-120000.csv docs/benchmarks/spread
set -euo pipefail
csv=${1:?usage: bench/plot.sh results.csv output-prefix}
prefix=${2:?usage: bench/plot.sh results.csv output-prefix}
if ! command -v gnuplot >/dev/null; then
  echo "gnuplot not found (apt-get install -y gnuplot-nox): no plots" >&2
  exit 0
fi
title=$(basename "$csv" .csv)
gnuplot <<GNUPLOT
set datafile separator ","
set key autotitle columnhead left top
set terminal pngcairo size 900,540 font ",11"
set grid
set xlabel "offered rate (messages per second, on the schedule)"

set output "$prefix-latency.png"
set title "$title: delivery latency (intended send to receipt)"
set ylabel "ms"
set logscale y
set arrow from graph 0, first 100 to graph 1, first 100 nohead dashtype 2 lc rgb "red"
plot "$csv" using 2:7 with linespoints title "p50", \
     "" using 2:8 with linespoints title "p90", \
     "" using 2:9 with linespoints title "p99", \
     "" using 2:10 with linespoints title "p99.9", \
     "" using 2:11 with linespoints title "max"

set output "$prefix-delivered.png"
set title "$title: deliveries made, of those owed"
set ylabel "delivered %"
unset logscale y
unset arrow
set yrange [*<99:100.5]
set arrow from graph 0, first 99.9 to graph 1, first 99.9 nohead dashtype 2 lc rgb "red"
plot "$csv" using 2:6 with linespoints title "delivered %"
GNUPLOT
echo "plots: $prefix-latency.png $prefix-delivered.png" >&2
