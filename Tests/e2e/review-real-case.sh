#!/usr/bin/env bash
# End-to-end test of the review screen on a real case: drives `exhibit CASE`
# in a private tmux server the way a reviewer would. Waits for the scan,
# opens the gpt-4.1 pair with the longest passage (pairs table, model filter,
# sorted by longest passage), checks verbatim words are red and bold in the
# captured pane, moves to the next passage, resizes, opens help, quits, and
# checks the terminal is restored. Prints "N passed, N failed"; exits
# non-zero on failure. Skips (exit 0) when the case is absent.
#
# Usage: Tests/e2e/review-real-case.sh [CASE] [path/to/exhibit]
#   CASE defaults to ../shared/cases/recap-novels beside the checkout.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CASE=${1:-${EXHIBIT_REAL_CASE:-$ROOT/../shared/cases/recap-novels}}
BIN=${2:-${EXHIBIT_BIN:-}}
MODEL=gpt-4.1-2025-04-14
MODEL_RE="model: gpt-4\.1-2025-04-14( |$)"

if [ ! -d "$CASE/works" ]; then
    echo "skip - no case at $CASE (give the path of shared/cases/recap-novels)"
    echo "0 passed, 0 failed"
    exit 0
fi
CASE=$(cd "$CASE" && pwd)
if [ -z "$BIN" ]; then
    (cd "$ROOT" && nice -n 10 swift build --product exhibit >/dev/null) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
    BIN="$(cd "$ROOT" && swift build --show-bin-path)/exhibit"
fi
command -v tmux >/dev/null || { echo "tmux is missing"; echo "0 passed, 1 failed"; exit 1; }

SOCK="exhibit-review-$$"
TMP=$(mktemp -d)
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
export EXHIBIT_THEMES="$ROOT/Themes"
# A scan of the real case takes a few seconds; a debug build beside other
# test processes on two cores can take much longer.
SCAN_TIMEOUT=${EXHIBIT_E2E_SCAN_TIMEOUT:-240}

passed=0
failed=0
. "$(dirname "$0")/lib.sh"

# start NAME COLS ROWS [VAR=value ...]: exhibit on the case in a new session.
start() {
    local name=$1 cols=$2 rows=$3; shift 3
    # NO_COLOR from the caller's environment would turn the colors off.
    local cmd="env -u NO_COLOR TERM=tmux-256color LC_ALL=C.UTF-8 SWIFT_BACKTRACE=interactive=no $* '$BIN' '$CASE'"
    cmd+="; echo EXIT=\$?; stty -a | grep -o -- '-\\?icanon' | head -1; sleep 600"
    if T has-session 2>/dev/null; then
        T new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd"
    else
        T -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd"
    fi
}




expect_exit() { # SESSION CODE LABEL
    local s=$1 code=$2 label=$3
    if wait_for "$s" "EXIT=" 30; then
        local got
        got=$(screen "$s" | grep -o 'EXIT=[0-9]*' | head -1)
        if [ "$got" = "EXIT=$code" ]; then ok "$label exits with $code"; else not_ok "$label exits with $code (got $got)" "$(screen "$s")"; fi
    else
        not_ok "$label exits" "$(screen "$s")"
        return
    fi
    if wait_for "$s" "icanon" 5 && ! screen "$s" | grep -qx -- "-icanon"; then
        ok "$label leaves the tty in icanon"
    else
        not_ok "$label leaves the tty in icanon" "$(screen "$s")"
    fi
    local alt
    alt=$(T display -p -t "$s" '#{alternate_on}')
    if [ "$alt" = "0" ]; then ok "$label leaves the alternate screen"; else not_ok "$label leaves the alternate screen (alternate_on=$alt)"; fi
}

ESC=$'\e'
# Bold (SGR 1, possibly among others), then any SGRs, then verbatim red (203), then a letter.
RED_BOLD="${ESC}\[([0-9;]*;)?1(;[0-9]+)*m(${ESC}\[[0-9;]*m)*${ESC}\[38;5;203m[[:alpha:]]"

# ---------------------------------------------------------------- the review
start main 120 40
check "screen opens at once" main "Exhibit" 10
[ "$(T display -p -t main '#{alternate_on}')" = "1" ] && ok "runs on the alternate screen" || not_ok "runs on the alternate screen"
t0=$(now_ms)
if wait_for main "[ready]" "$SCAN_TIMEOUT"; then
    ok "scan finishes: idle marker after $(( $(now_ms) - t0 )) ms ($(screen main | grep -o 'Scan done at [0-9.]* s (first pair at [0-9.]* s)' | head -1))"
else
    not_ok "scan finishes within ${SCAN_TIMEOUT} s" "$(screen main)"
fi
check "works table lists both novels" main "a-christmas-carol"
screen main | grep -qF "alices-adventures-in-wonderland" && ok "works table lists Alice" || not_ok "works table lists Alice" "$(screen main)"
screen main | grep -qF "not legal thresholds" && ok "coverage legend says the marks are not legal thresholds" || not_ok "legend" "$(screen main)"

# Pairs table, one model, sorted by longest passage (the default order).
T send-keys -t main Tab
check "Tab focuses the pairs table" main "▶ " 3
# M cycles all → each model (sorted) → all; press until the pairs title names MODEL.
for _ in 1 2 3 4 5 6 7; do
    screen main | grep -qE "$MODEL_RE" && break
    before=$(screen main | grep -o 'model: [^ ]*' | tail -1)
    T send-keys -t main M
    deadline=$(( $(now_ms) + 3000 ))
    while [ "$(now_ms)" -lt "$deadline" ] && [ "$(screen main | grep -o 'model: [^ ]*' | tail -1)" = "$before" ]; do sleep 0.05; done
done
if screen main | grep -qF "sort: longest passage · model: $MODEL"; then
    ok "pairs filtered to $MODEL and sorted by longest passage"
else
    not_ok "pairs filtered to $MODEL and sorted by longest passage" "$(screen main)"
fi
row=$(screen main | grep -m1 '^▶ ')
longest=$(printf '%s\n' "$row" | awk '{print $(NF-2)}')
[ -n "$longest" ] && ok "first pair row has the longest passage: $longest words" || not_ok "first pair row" "$(screen main)"

T send-keys -t main Enter
check "Enter opens the pair view" main "› pair" 10
check "the pair's output is by $MODEL" main "· $MODEL" 3
check "the first passage is focused" main "Passage 1/" 3
if screen_e main | grep -qE "$RED_BOLD"; then
    ok "verbatim words are red (203) and bold in the captured pane"
else
    not_ok "verbatim words are red (203) and bold" "$(screen_e main | cat -v | head -8)"
fi
passages=$(screen main | grep -o 'Passage 1/[0-9]*' | head -1 | cut -d/ -f2)
found_longest=0
screen main | grep -qF "Passage 1/$passages · $longest words matched" && found_longest=1

# n moves both panes to the next passage.
left_pos() { screen main | sed -n 2p | grep -o '[0-9]*/[0-9]*' | head -1; }
right_pos() { screen main | sed -n 2p | grep -o '[0-9]*/[0-9]*' | tail -1; }
lp=$(left_pos); rp=$(right_pos)
T send-keys -t main n
if [ "${passages:-1}" -gt 1 ]; then
    check "n focuses passage 2" main "Passage 2/$passages" 3
    screen main | grep -qF "Passage 2/$passages · $longest words matched" && found_longest=1
    if [ "$(right_pos)" != "$rp" ] || [ "$(left_pos)" != "$lp" ]; then ok "n brings the panes to the passage"; else not_ok "n brings the panes to the passage ($lp $rp)" "$(screen main)"; fi
    for _ in $(seq 3 "$passages"); do
        T send-keys -t main n
        sleep 0.1
        screen main | grep -qF "$longest words matched" && found_longest=1
    done
else
    check "n stays on the only passage" main "Passage 1/1" 3
fi
[ "$found_longest" = 1 ] && ok "a passage of the pair has the $longest words of the table" || not_ok "a passage has $longest words" "$(screen main)"

# Resize: narrower, too small, back.
T resize-window -t main -x 90 -y 28
check "resize to 90x28 keeps the pair view" main "Passage" 5
screen main | grep -qF "[ready]" && ok "status line survives the resize" || not_ok "status line after resize" "$(screen main)"
T resize-window -t main -x 50 -y 12
check "resize to 50x12 shows the too-small notice" main "Terminal too small" 5
T resize-window -t main -x 120 -y 40
check "resize back restores the pair view" main "› pair" 5

# Help from the key table.
T send-keys -t main '?'
check "? opens the help" main "Scroll down one line" 5
screen main | grep -qF "Match parameters" && ok "help lists the case keys" || not_ok "help lists the case keys" "$(screen main)"
T send-keys -t main Escape
if wait_gone main "Scroll down one line" 3; then ok "Esc closes the help"; else not_ok "Esc closes the help" "$(screen main)"; fi

# Back to the overview, then quit.
T send-keys -t main Escape
check "Esc goes back to the overview" main "Pairs (" 3
T send-keys -t main q
expect_exit main 0 "q"

# ---------------------------------------------------------------- signals
start sigterm 100 30
wait_for sigterm "Exhibit" 10
pid=$(pgrep -P "$(T display -p -t sigterm '#{pane_pid}')" | head -1)
[ -n "$pid" ] && kill -TERM "$pid"
expect_exit sigterm 143 "SIGTERM during the scan"

# ---------------------------------------------------------------- NO_COLOR
start nocolor 120 40 NO_COLOR=1
if wait_for nocolor "[ready]" "$SCAN_TIMEOUT"; then
    T send-keys -t nocolor Tab Enter
    wait_for nocolor "Passage 1/" 10
    if screen_e nocolor | grep -qE "${ESC}\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5|9[0-7])m"; then
        not_ok "NO_COLOR: no color escapes" "$(screen_e nocolor | cat -v | head -6)"
    else
        ok "NO_COLOR: no color escapes"
    fi
    if screen_e nocolor | grep -qE "${ESC}\[([0-9;]*;)?1(;[0-9]+)*m[[:alpha:]]"; then
        ok "NO_COLOR: verbatim words still bold"
    else
        not_ok "NO_COLOR: verbatim words still bold" "$(screen_e nocolor | cat -v | head -6)"
    fi
else
    not_ok "NO_COLOR: scan finishes" "$(screen nocolor)"
fi
T send-keys -t nocolor q
expect_exit nocolor 0 "NO_COLOR q"

# ---------------------------------------------------------------- not a terminal
"$BIN" "$CASE" >"$TMP/out" 2>"$TMP/err" </dev/null
code=$?
if [ "$code" = "2" ] && grep -q "exhibit scan" "$TMP/err" && [ "$(wc -l <"$TMP/err")" = 1 ]; then
    ok "refuses without a terminal, pointing to exhibit scan"
else
    not_ok "refuses without a terminal (exit $code)" "$(cat "$TMP/err")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
