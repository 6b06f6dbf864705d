#!/usr/bin/env bash
# End-to-end test of the terminal layer: drives exhibit-tui-demo in a private
# tmux server and checks what a user would see. Prints "N passed, N failed"
# and exits non-zero on any failure.
#
# Usage: Tests/e2e/tui-demo.sh [path/to/exhibit-tui-demo]
# Needs tmux (3.x); python3 is used, when present, to check column alignment.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-${EXHIBIT_DEMO:-}}
if [ -z "$BIN" ]; then
    (cd "$ROOT" && nice -n 10 swift build --product exhibit-tui-demo >/dev/null) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
    BIN="$(cd "$ROOT" && swift build --show-bin-path)/exhibit-tui-demo"
fi
command -v tmux >/dev/null || { echo "tmux is missing"; echo "0 passed, 1 failed"; exit 1; }

SOCK="exhibit-$$"
TMP=$(mktemp -d)
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
export EXHIBIT_THEMES="$ROOT/Themes"

passed=0
failed=0
. "$(dirname "$0")/lib.sh"

# start NAME COLS ROWS [VAR=value ...] -- [demo args ...]
start() {
    local name=$1 cols=$2 rows=$3; shift 3
    local envs=() args=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    args=("$@")
    # -u NO_COLOR: a caller's NO_COLOR (test runners set it) would turn colors off.
    local cmd="env -u NO_COLOR TERM=tmux-256color LC_ALL=C.UTF-8 SWIFT_BACKTRACE=interactive=no ${envs[*]:-} '$BIN' ${args[*]:-}"
    cmd+="; echo EXIT=\$?; stty -a | grep -o -- '-\\?icanon' | head -1; sleep 600"
    if T has-session 2>/dev/null; then
        T new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd"
    else
        T -f /dev/null new-session -d -s "$name" -x "$cols" -y "$rows" "$cmd"
    fi
}




# expect_exit SESSION CODE LABEL: the app exited with CODE, tty canonical, alt screen left.
expect_exit() {
    local s=$1 code=$2 label=$3
    if wait_for "$s" "EXIT=" 40; then
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

app_pid() { # the demo is the only child of the pane's shell
    pgrep -P "$(T display -p -t "$1" '#{pane_pid}')" | head -1
}

ESC=$'\e'

# ---------------------------------------------------------------- main session
start main 100 30
check "demo starts" main "Exhibit demo"
[ "$(T display -p -t main '#{alternate_on}')" = "1" ] && ok "runs on the alternate screen" || not_ok "runs on the alternate screen"

# Keys are answered while the engine thread posts progress every 100 ms.
first=$(screen main | grep -o 'engine [0-9]*%' | head -1)
worst=0
answered=0
for key in j k j k j; do
    T send-keys -t main "$key"
    t0=$(now_ms)
    # The status line shows the last key; alternate keys so each press is new.
    wait_for main "key $key ·" 2 || break
    dt=$(( $(now_ms) - t0 ))
    answered=$((answered + 1))
    [ "$dt" -gt "$worst" ] && worst=$dt
done
last=$(screen main | grep -o 'engine [0-9]*%' | head -1)
# Every key must be answered (wait_for has a 2 s bound); how fast is reported, not
# asserted: timing goals live in benchmarks (scripts/measure-review-latency.sh).
if [ -n "$last" ] && [ "$answered" = 5 ]; then
    ok "keys answered during engine progress (slowest ${worst} ms incl. tmux polling; $first → $last)"
else
    not_ok "keys answered during engine progress (slowest ${worst} ms; $first → $last)" "$(screen main)"
fi
if wait_for main "engine" 1 && [ "$first" != "$(screen main | grep -o 'engine [0-9]*%' | head -1)" ]; then
    ok "engine progress arrives through the waker"
else
    sleep 0.5
    [ "$first" != "$(screen main | grep -o 'engine [0-9]*%' | head -1)" ] && ok "engine progress arrives through the waker" || not_ok "engine progress arrives through the waker"
fi

# Colors: verbatim red and bold, changed yellow and italic.
T send-keys -t main g
if wait_for main "38;5;203mEvery evening" 5 -e && screen_e main | grep -qE "${ESC}\[([0-9;]*;)?1(;[0-9]+)*m(${ESC}\[[0-9;]*m)*${ESC}\[38;5;203mEvery evening"; then
    ok "verbatim words are red (203) and bold"
else
    not_ok "verbatim words are red (203) and bold" "$(screen_e main | cat -v | head -12)"
fi
if screen_e main | grep -qE "${ESC}\[([0-9;]*;)?3(;[0-9]+)*m(${ESC}\[[0-9;]*m)*${ESC}\[38;5;220mout"; then
    ok "changed words are yellow (220) and italic"
else
    not_ok "changed words are yellow (220) and italic" "$(screen_e main | cat -v | head -12)"
fi
if screen_e main | grep -qE "${ESC}\[([0-9;]*;)?2(;[0-9]+)*m(${ESC}\[[0-9;]*m)*Continue the story"; then
    ok "prompt echo is dimmed"
else
    not_ok "prompt echo is dimmed" "$(screen_e main | cat -v | head -6)"
fi

# Case text: control characters and ESC sequences are shown, never sent raw.
check "ESC sequence from case text shown as visible escapes" main "␛[31mRED␛[0m"
check "BEL from case text shown as a visible escape" main "bell ␇"
if screen_e main | grep -qF "${ESC}[31mRED"; then not_ok "no raw ESC from case text reaches the terminal"; else ok "no raw ESC from case text reaches the terminal"; fi

# Column alignment with CJK, emoji and combining marks: the divider must sit
# at the same display column on every row (as tmux itself laid it out).
T send-keys -t main j j j j j j j j j j j j j j j j j j
wait_for main "灯台守" 5
if command -v python3 >/dev/null; then
    if out=$(screen main | python3 -c '
import ctypes, locale, sys
locale.setlocale(locale.LC_ALL, "C.UTF-8")
libc = ctypes.CDLL(None)
cols = set()
for row in sys.stdin.read().split("\n")[1:-1]:
    x = 0
    for ch in row:
        if ch == "│":
            cols.add(x); break
        w = libc.wcwidth(ctypes.c_wchar(ch))
        x += max(w, 0)
print(sorted(cols))
sys.exit(0 if len(cols) == 1 else 1)
'); then ok "divider aligned on every row with CJK/emoji/combining text ($out)"; else not_ok "divider aligned on every row ($out)" "$(screen main)"; fi
else
    echo "skip - python3 missing: alignment not checked"
fi
screen main | grep -qF "🇯🇵" && ok "emoji, flags and CJK drawn" || not_ok "emoji, flags and CJK drawn" "$(screen main)"

# Passages: n / N focus a passage and bring both panes to it.
T send-keys -t main n
check "n focuses passage 1" main "passage 1/3"
T send-keys -t main n
check "n again focuses passage 2" main "passage 2/3"
if screen_e main | grep -qE "${ESC}\[([0-9;]*;)?4(;[0-9]+)*m(${ESC}\[[0-9;]*m)*The ledger grew thick"; then
    ok "focused passage is underlined in both panes"
else
    not_ok "focused passage is underlined" "$(screen_e main | cat -v | head -12)"
fi
T send-keys -t main N N
check "N goes back (wraps to passage 3)" main "passage 3/3"

# Scrolling keys. The left pane header shows "first visible line/lines".
left_pos() { screen main | sed -n 2p | grep -o '[0-9]*/[0-9]*' | head -1; }
T send-keys -t main g
check "g goes to the top" main "1/"
total=$(left_pos | cut -d/ -f2)
rows_visible=27 # 30 rows minus header, pane titles and status line
T send-keys -t main NPage
check "PgDn scrolls a page" main "$(( 1 + rows_visible - 2 ))/$total"
T send-keys -t main End
check "End goes to the bottom" main "$(( total - rows_visible + 1 ))/$total"

# Help overlay generated from the key table.
T send-keys -t main '?'
check "? opens the help overlay" main "Show or hide this help"
screen main | grep -qF "Scroll down one line" && ok "help lists the key table" || not_ok "help lists the key table"
T send-keys -t main Escape
if wait_gone main "Show or hide this help" 3; then ok "Esc closes the help"; else not_ok "Esc closes the help" "$(screen main)"; fi

# Pane focus, theme cycling, search.
T send-keys -t main Tab
check "Tab focuses the other pane" main "▶ Output"
T send-keys -t main t
check "t cycles the theme" main "theme color-blind"
T send-keys -t main / l e d g e r Enter
check "/ searches the focused pane" main "/ledger: 2 hits"
T send-keys -t main h
check "h focuses the left pane" main "▶ Work"

# Resize below the minimum and back.
T resize-window -t main -x 50 -y 12
check "resize to 50x12 shows the too-small notice" main "Terminal too small"
check "the notice gives the size" main "50×12, needs 60×16"
T resize-window -t main -x 100 -y 30
check "resize back restores the panes" main "Exhibit demo"

# Mouse (X10 encoding, which tmux-256color's kmous uses): wheel down over the
# left pane scrolls it 3 lines; a press on the right pane focuses it.
T send-keys -t main g
wait_for main "1/$total" 3
T send-keys -t main -l "${ESC}[Ma+&"
check "mouse wheel scrolls the pane under the pointer" main "4/$total"
T send-keys -t main -l "${ESC}[M "'t&'"${ESC}[M#t&"
check "mouse click focuses the pane under the pointer" main "▶ Output"

T send-keys -t main q
expect_exit main 0 "q"

# ---------------------------------------------------------------- signals
start sigterm 100 30
wait_for sigterm "Exhibit demo" 10
pid=$(app_pid sigterm)
if [ -n "$pid" ]; then kill -TERM "$pid"; fi
expect_exit sigterm 143 "SIGTERM"

start ctrlc 100 30
wait_for ctrlc "Exhibit demo" 10
T send-keys -t ctrlc C-c
expect_exit ctrlc 130 "Ctrl-C"

# A crash (Swift trap → SIGILL) restores the terminal through CTermGuard and
# still reaches Swift's backtracer.
start crash 100 30 -- --crash-key
wait_for crash "Exhibit demo" 10
T send-keys -t crash '!'
expect_exit crash 132 "crash (fatalError)"
if T capture-pane -p -S - -t crash | grep -qF "crash requested with --crash-key"; then
    ok "crash message readable on the restored screen"
else
    not_ok "crash message readable on the restored screen" "$(T capture-pane -p -S - -t crash | head -20)"
fi

# ---------------------------------------------------------------- conventions
start nocolor 100 30 NO_COLOR=1
wait_for nocolor "Exhibit demo" 10
wait_for nocolor "Every evening" 5
if screen_e nocolor | grep -qE "${ESC}\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5|9[0-7])m"; then
    not_ok "NO_COLOR: no color escapes" "$(screen_e nocolor | cat -v | head -8)"
else
    ok "NO_COLOR: no color escapes"
fi
screen_e nocolor | grep -qF "${ESC}[1m" && ok "NO_COLOR: verbatim still bold" || not_ok "NO_COLOR: verbatim still bold" "$(screen_e nocolor | cat -v | head -8)"
T send-keys -t nocolor q
expect_exit nocolor 0 "NO_COLOR q"

start eight 100 30 TERM=xterm
wait_for eight "Exhibit demo" 10
wait_for eight "Every evening" 5
if screen_e eight | grep -qF "38;5;"; then
    not_ok "TERM=xterm: only the 8 ANSI colors" "$(screen_e eight | cat -v | head -8)"
elif screen_e eight | grep -qE "${ESC}\[31mEvery evening|31m(${ESC}\[[0-9;]*m)*Every evening"; then
    ok "TERM=xterm: verbatim degrades to ANSI red"
else
    not_ok "TERM=xterm: verbatim degrades to ANSI red" "$(screen_e eight | cat -v | head -8)"
fi
T send-keys -t eight q
expect_exit eight 0 "TERM=xterm q"

# A bad theme file: named with its key in the status line, default theme used.
mkdir -p "$TMP/themes"
printf '[roles.verbatim]\nfg = "redd"\nattrs = ["bold"]\n' > "$TMP/themes/bad.toml"
start badtheme 120 30 "EXHIBIT_THEMES=$TMP/themes" -- --theme bad
check "bad theme file: error names file and key" badtheme "bad.toml: key 'roles.verbatim.fg': unknown color"
if screen_e badtheme | grep -qF "38;5;203mEvery evening"; then ok "bad theme file: default theme used"; else not_ok "bad theme file: default theme used" "$(screen_e badtheme | cat -v | head -8)"; fi
T send-keys -t badtheme q
expect_exit badtheme 0 "bad theme q"

# An unknown TERM: a clear message and exit 2, terminal untouched.
start badterm 100 30 TERM=no-such-term
if wait_for badterm "EXIT=2" 10 && screen badterm | grep -qF "unknown terminal type TERM=no-such-term"; then
    ok "unknown TERM: clear error, exit 2"
else
    not_ok "unknown TERM: clear error, exit 2" "$(screen badterm)"
fi

# Standard input piped: the demo reads keys from /dev/tty instead.
T new-session -d -s piped -x 100 -y 30 "echo piped | env TERM=tmux-256color LC_ALL=C.UTF-8 SWIFT_BACKTRACE=interactive=no '$BIN'; echo EXIT=\$?; stty -a | grep -o -- '-\\?icanon' | head -1; sleep 600"
check "stdin piped: runs on /dev/tty" piped "Exhibit demo"
T send-keys -t piped n
check "stdin piped: keys read from /dev/tty" piped "passage 1/3"
T send-keys -t piped q
expect_exit piped 0 "stdin piped q"

# Not a terminal: refuse with a message instead of drawing.
"$BIN" >"$TMP/out" 2>"$TMP/err" </dev/null
code=$?
if [ "$code" = "2" ] && grep -q "not a terminal" "$TMP/err"; then ok "refuses when stdout is not a terminal"; else not_ok "refuses when stdout is not a terminal (exit $code)" "$(cat "$TMP/err")"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
