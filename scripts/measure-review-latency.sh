#!/usr/bin/env bash
# Measures the review screen on a case, as a user sees it in tmux: time until
# the first pair is listed and until the scan is done, and how fast keys are
# answered *during* the scan (`?` opens the help, Esc closes it; each press
# is timed from send-keys until the pane shows the change, so tmux's own
# latency and the polling are included).
#
# Usage: scripts/measure-review-latency.sh CASE [path/to/exhibit]
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CASE=$(cd "${1:?case folder}" && pwd)
BIN=${2:-$(cd "$ROOT" && swift build --show-bin-path)/exhibit}
SOCK="exhibit-measure-$$"
T() { tmux -L "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
screen() { T capture-pane -p -t main; }

t_start=$(now_ms)
T -f /dev/null new-session -d -s main -x 120 -y 40 \
    "env -u NO_COLOR TERM=tmux-256color LC_ALL=C.UTF-8 EXHIBIT_THEMES='$ROOT/Themes' '$BIN' '$CASE'; sleep 600"
until screen | grep -q "Exhibit"; do sleep 0.01; done
echo "screen drawn after $(( $(now_ms) - t_start )) ms"
first_row=""
lat=()
while ! screen | grep -qF "[ready]"; do
    if [ -z "$first_row" ] && screen | grep -q "^▸ \|^▶ " && screen | sed -n '/^ Pairs/,$p' | grep -q "^[▸▶] "; then
        first_row=$(( $(now_ms) - t_start ))
    fi
    phase=$(screen | grep -o '\[scanning [0-9]*%\]\|\[loading\]' | head -1)
    t0=$(now_ms); T send-keys -t main '?'
    until screen | grep -qF "Scroll down one line"; do :; done
    t1=$(now_ms); T send-keys -t main Escape
    until ! screen | grep -qF "Scroll down one line"; do :; done
    t2=$(now_ms)
    lat+=($(( t1 - t0 )) $(( t2 - t1 )))
    echo "  ${phase:-?}: ? answered in $(( t1 - t0 )) ms, Esc in $(( t2 - t1 )) ms"
    sleep 0.2
done
t_ready=$(( $(now_ms) - t_start ))
echo "first pair row on screen after ${first_row:-?} ms (tmux view); idle marker after $t_ready ms"
screen | grep -o 'Scan done at [0-9.]* s (first pair at [0-9.]* s) · [0-9,]* pairs' | head -1
if [ ${#lat[@]} -gt 0 ]; then
    sorted=$(printf '%s\n' "${lat[@]}" | sort -n)
    n=${#lat[@]}
    echo "keys during the scan: $n presses, median $(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p") ms, max $(echo "$sorted" | tail -1) ms"
fi
