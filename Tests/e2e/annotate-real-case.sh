#!/usr/bin/env bash
# End-to-end test of annotating in the review screen on a real case, driven
# in a private tmux server as a reviewer would. The case is copied to a
# temporary folder (the shared one is read-only, and tests never write into
# a case they did not make). Opens the pair with the longest passage,
# annotates the focused output passage with `a` (tag, non-ASCII note), makes
# a second annotation from a visual selection (`v`, `)`, `w`), quits,
# reopens, finds both in the annotations list and in annotations.jsonl
# (anchored, at the scalars the dialog showed), jumps to one, edits and
# deletes through the list, exports the pair from the screen, and checks
# every record is still there. Prints "N passed, N failed"; exits non-zero
# on failure. Skips (exit 0) when the case is absent.
#
# Usage: Tests/e2e/annotate-real-case.sh [CASE] [path/to/exhibit]
#   CASE defaults to ../shared/cases/recap-novels beside the checkout.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOURCE_CASE=${1:-${EXHIBIT_REAL_CASE:-$ROOT/../shared/cases/recap-novels}}
BIN=${2:-${EXHIBIT_BIN:-}}

if [ ! -d "$SOURCE_CASE/works" ]; then
    echo "skip - no case at $SOURCE_CASE (give the path of shared/cases/recap-novels)"
    echo "0 passed, 0 failed"
    exit 0
fi
if [ -z "$BIN" ]; then
    (cd "$ROOT" && nice -n 10 swift build --product exhibit >/dev/null) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
    BIN="$(cd "$ROOT" && swift build --show-bin-path)/exhibit"
fi
command -v tmux >/dev/null || { echo "tmux is missing"; echo "0 passed, 1 failed"; exit 1; }

SOCK="exhibit-annotate-$$"
TMP=$(mktemp -d)
# A runner may start this script with signals blocked (a dispatch worker
# thread's mask is inherited), and then neither the panes' processes (the
# `sleep` that keeps a pane readable after exhibit quits) nor the tmux server
# (whose kill-server is a SIGTERM to itself) would end on a signal: cleanup
# ends them by pid with SIGKILL, which cannot be blocked.
cleanup() {
    end_tmux
    chmod -R u+w "$TMP" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
# The shared case is read-only: the copy must be writable for annotations.jsonl and exports/.
cp -R "$SOURCE_CASE" "$TMP/case" && chmod -R u+w "$TMP/case"
rm -f "$TMP/case/annotations.jsonl"
rm -rf "$TMP/case/exports"
CASE="$TMP/case"
FILE="$CASE/annotations.jsonl"
export EXHIBIT_THEMES="$ROOT/Themes"
SCAN_TIMEOUT=${EXHIBIT_E2E_SCAN_TIMEOUT:-240}

passed=0
failed=0
. "$(dirname "$0")/lib.sh"

# start NAME: exhibit on the copy, 120x40, as user "e2e-counsel".
start() {
    # NO_COLOR (set by some runners) would leave attributes only; this test looks for colors.
    local cmd="env -u NO_COLOR TERM=tmux-256color LC_ALL=C.UTF-8 EXHIBIT_USER=e2e-counsel SWIFT_BACKTRACE=interactive=no '$BIN' '$CASE'"
    cmd+="; echo EXIT=\$?; sleep 600"
    if T has-session 2>/dev/null; then
        T new-session -d -s "$1" -x 120 -y 40 "$cmd"
    else
        T -f /dev/null new-session -d -s "$1" -x 120 -y 40 "$cmd"
    fi
}




lines() { [ -f "$FILE" ] && wc -l <"$FILE" | tr -d ' ' || echo 0; }
# wait_lines N: annotation writes run off the screen's thread, so poll (5 s at most)
# until the file holds N records.
wait_lines() {
    local deadline=$(( $(now_ms) + 5000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        [ "$(lines)" = "$1" ] && return 0
        sleep 0.03
    done
    return 1
}

# Type text literally (tmux send-keys -l), one call per string.
type_text() { T send-keys -t "$1" -l -- "$2"; }

quit_and_check() { # SESSION LABEL
    T send-keys -t "$1" q
    if wait_for "$1" "EXIT=0" 30; then ok "$2: q exits with 0"; else not_ok "$2: q exits with 0" "$(screen "$1")"; fi
}

NOTE1="clé passage — copied ✓"
NOTE2="two sentences, quoted"

# ---------------------------------------------------------------- annotate
start one
check "screen opens" one "Exhibit" 10
if wait_for one "[ready]" "$SCAN_TIMEOUT"; then ok "scan finishes"; else not_ok "scan finishes within $SCAN_TIMEOUT s" "$(screen one)"; fi
T send-keys -t one Tab
check "Tab focuses the pairs table" one "▶ " 3
T send-keys -t one Enter
check "Enter opens the pair with the longest passage" one "› pair" 10
check "its first passage is focused" one "Passage 1/" 3

T send-keys -t one a
check "a opens the annotate dialog" one "─ Annotate ─" 3
dialog=$(screen one | grep -o 'passage 1 · scalars [0-9]*\.\.<[0-9]*' | head -1)
start1=$(printf '%s' "$dialog" | sed -E 's/.*scalars ([0-9]+)\.\.<([0-9]+)/\1/')
end1=$(printf '%s' "$dialog" | sed -E 's/.*scalars ([0-9]+)\.\.<([0-9]+)/\2/')
if [ -n "$start1" ] && [ -n "$end1" ]; then ok "the dialog targets passage 1 of the output: scalars $start1..<$end1"; else not_ok "dialog names the passage's scalars" "$(screen one)"; fi
T send-keys -t one Enter   # key-passage, then the note
type_text one "$NOTE1"
check "the note takes non-ASCII text" one "$NOTE1" 3
T send-keys -t one Enter
check "Enter saves: the status line says so" one "annotated output" 5
if wait_gone one "─ Annotate ─" 3; then ok "the dialog closes"; else not_ok "the dialog closes" "$(screen one)"; fi
wait_lines 1 && ok "annotations.jsonl holds one record" || not_ok "annotations.jsonl holds one record ($(lines) lines)"
if screen_e one | grep -qE $'\e\\[([0-9;]*;)?48;5;24m'; then ok "the passage shows as annotated (bg 24) at once"; else not_ok "annotated role on screen" "$(screen_e one | cat -v | head -8)"; fi

# Visual mode: select from the passage start to the end of its first sentence, plus a word.
T send-keys -t one v
check "v starts visual mode" one "VISUAL" 3
T send-keys -t one ')' w
sleep 0.3
visual=$(screen one | grep -o 'VISUAL [0-9]*\.\.<[0-9]*' | head -1)
vstart=$(printf '%s' "$visual" | sed -E 's/VISUAL ([0-9]+)\.\.<([0-9]+)/\1/')
vend=$(printf '%s' "$visual" | sed -E 's/VISUAL ([0-9]+)\.\.<([0-9]+)/\2/')
if [ "$vstart" = "$start1" ] && [ -n "$vend" ] && [ "$vend" -gt "$vstart" ]; then ok "the selection starts at the passage: $vstart..<$vend"; else not_ok "selection from the passage start ($visual)" "$(screen one)"; fi
T send-keys -t one a
check "a on a selection opens the dialog" one "selection of" 3
T send-keys -t one j Enter
type_text one "$NOTE2"
T send-keys -t one Enter
check "the selection is annotated" one "annotated output" 5
wait_lines 2 && ok "annotations.jsonl holds two records" || not_ok "two records ($(lines) lines)"
quit_and_check one "first session"

# ---------------------------------------------------------------- reopen
start two
if wait_for two "[ready]" "$SCAN_TIMEOUT"; then ok "reopened and scanned"; else not_ok "reopen" "$(screen two)"; fi
T send-keys -t two A
check "A opens the annotations list" two "Annotations (2 of 2)" 5
screen two | grep -qF "$NOTE1" && ok "the list shows the first note" || not_ok "first note in the list" "$(screen two)"
screen two | grep -qF "e2e-counsel" && ok "the list shows who annotated" || not_ok "creator in the list" "$(screen two)"
[ "$(screen two | grep -c 'anchored')" -ge 2 ] && ok "both are anchored" || not_ok "both anchored" "$(screen two)"
json=$("$BIN" annotations "$CASE" --json 2>/dev/null)
printf '%s' "$json" | grep -qF "\"start\": $start1," && printf '%s' "$json" | grep -qF "\"end\": $end1," \
    && ok "annotations.jsonl records the passage's scalars $start1..<$end1" || not_ok "recorded range" "$json"
printf '%s' "$json" | grep -qF "\"end\": $vend," && ok "and the selection's end $vend" || not_ok "selection range" "$json"
printf '%s' "$json" | grep -qF "\"note\": \"$NOTE1\"" && ok "the note survives byte for byte" || not_ok "note in JSON" "$json"
[ "$(printf '%s' "$json" | grep -c '"status": "anchored"')" = 2 ] && ok "exhibit annotations: both anchored" || not_ok "exhibit annotations status" "$json"

# Enter jumps to the pair, which shows the annotated span.
T send-keys -t two Enter
check "Enter in the list opens the pair" two "› pair" 5
if screen_e two | grep -qE $'\e\\[([0-9;]*;)?48;5;24m'; then ok "the reopened pair shows the annotation"; else not_ok "annotation shown after reopening" "$(screen_e two | cat -v | head -8)"; fi

# Export the pair from the screen.
T send-keys -t two x
check "x opens the export dialog" two "─ Export ─" 3
T send-keys -t two Tab j j j Enter
check "the export is written and its path shown" two "exported to" 10
ls "$CASE"/exports/*.html >/dev/null 2>&1 && ok "exports/ holds the HTML file" || not_ok "export file" "$(ls -la "$CASE/exports" 2>&1)"
T send-keys -t two x Tab j j j Enter
check "exporting again asks before overwriting" two "Overwrite? y/n" 10
T send-keys -t two n Escape

# Edit and delete through the list.
T send-keys -t two A
check "the list again" two "Annotations (2 of 2)" 5
T send-keys -t two e
check "e opens the edit dialog" two "─ Edit annotation ─" 3
T send-keys -t two j j j Enter
type_text two " (edited)"
T send-keys -t two Enter
check "the edit shows in the list" two "(edited)" 5
wait_lines 3 && ok "the edit is a third record" || not_ok "edit record ($(lines) lines)"
T send-keys -t two j d
check "d asks y/n" two "Delete? y/n" 3
T send-keys -t two y
check "y deletes: one annotation left" two "Annotations (1 of 1)" 5
wait_lines 4 && ok "the deletion is a fourth record; nothing rewritten" || not_ok "deletion record ($(lines) lines)"
quit_and_check two "second session"

json=$("$BIN" annotations "$CASE" --json --all 2>/dev/null)
[ "$(printf '%s' "$json" | grep -c '"state": ')" = 4 ] && ok "all four records parse" || not_ok "records parse" "$json"
printf '%s' "$json" | grep -qF '"state": "superseded"' && printf '%s' "$json" | grep -qF '"deleted": true' \
    && ok "history: superseded and deleted records kept" || not_ok "history" "$json"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
