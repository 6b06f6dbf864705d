#!/usr/bin/env bash
# End-to-end tests of issue 9 in a private tmux server, on small cases this
# script writes itself (so it always runs):
#   1. a note on a work sentence, the sentence deleted from the work file, the
#      case reopened: the note is orphaned, not moved onto the look-alike
#      sentence that took its place;
#   3. a 5-line, 3,000-character note pasted with `tmux load-buffer` and
#      `paste-buffer -p` (bracketed paste): saved whole, no command ran;
#   4. under NO_COLOR the annotated span is drawn in reverse video and the
#      pair view has its legend; TERM=dumb exits non-zero pointing to
#      `exhibit scan` and `exhibit export`;
#   5. passage 3 focused, the window resized twice: passage 3 is still on
#      screen;
#   6. an SGR (1006) mouse click at column 240 reaches the screen;
#   7. input cut between two reads (a paste inside a character, its end code or
#      its start code; a CR LF paste; a typed character): the note is whole.
# Prints "N passed, N failed"; exits non-zero on failure.
#
# Usage: Tests/e2e/notes-and-terminals.sh [path/to/exhibit]
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-${EXHIBIT_BIN:-}}
if [ -z "$BIN" ]; then
    (cd "$ROOT" && nice -n 10 swift build --product exhibit >/dev/null) || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
    BIN="$(cd "$ROOT" && swift build --show-bin-path)/exhibit"
fi
command -v tmux >/dev/null || { echo "tmux is missing"; echo "0 passed, 1 failed"; exit 1; }
command -v python3 >/dev/null || { echo "python3 is missing"; echo "0 passed, 1 failed"; exit 1; }

SOCK="exhibit-notes-$$"
TMP=$(mktemp -d)
# As in annotate-real-case.sh: end the panes' processes and the server by pid
# (a runner may have blocked the signals a plain kill-server relies on).
cleanup() {
    end_tmux
    rm -rf "$TMP"
}
trap cleanup EXIT
export EXHIBIT_THEMES="$ROOT/Themes"
SCAN_TIMEOUT=${EXHIBIT_E2E_SCAN_TIMEOUT:-120}

passed=0
failed=0
. "$(dirname "$0")/lib.sh"

# ------------------------------------------------------------------ cases
GATES="$TMP/gates"
LONG="$TMP/long"
python3 - "$GATES" "$LONG" <<'PY'
import json, os, sys
gates, long = sys.argv[1], sys.argv[2]
for d in (gates, long):
    os.makedirs(d + "/works"); os.makedirs(d + "/outputs")
carts = "The carts came in early from the valley farms. "
east = "At the east gate the guards waited all through the long summer nights. "
west = "At the west gate the guards waited all through the long winter nights. "
bell = "Then the bell of the old tower rang out over the sleeping market square."
open(gates + "/works/gates.txt", "w").write(carts + east + west + bell + "\n")
out = "Asked about the city, the model wrote: " + east + "and nothing more about it."
open(gates + "/outputs/o.jsonl", "w").write(json.dumps({"id": "o-east", "model": "m", "output": out}) + "\n")
# Three passages far apart in a long work: its words w0 … w899, ten to a line.
words = ["w%d" % i for i in range(900)]
lines = [" ".join(words[i:i + 10]) for i in range(0, 900, 10)]
open(long + "/works/long.txt", "w").write("\n".join(lines) + "\n")
def filler(p): return " ".join("%s%d" % (p, i) for i in range(10))
out = " ".join([filler("a"), " ".join(words[100:115]), filler("b"), " ".join(words[400:415]),
                filler("c"), " ".join(words[800:815]), filler("d")])
open(long + "/outputs/o.jsonl", "w").write(json.dumps({"id": "o-three", "model": "m", "output": out}) + "\n")
PY

# start NAME CASE [WxH] [ENV…]: exhibit on CASE, as user e2e-counsel.
start() {
    local name=$1 case=$2 size=${3:-100x30}; shift 3 2>/dev/null || shift $#
    local cmd="env -u NO_COLOR TERM=tmux-256color LC_ALL=C.UTF-8 EXHIBIT_USER=e2e-counsel SWIFT_BACKTRACE=interactive=no $* '$BIN' '$case'"
    cmd+="; echo EXIT=\$?; sleep 600"
    local w=${size%x*} h=${size#*x}
    if T has-session 2>/dev/null; then
        T new-session -d -s "$name" -x "$w" -y "$h" "$cmd"
    else
        T -f /dev/null new-session -d -s "$name" -x "$w" -y "$h" "$cmd"
    fi
}
ready() { # SESSION LABEL
    if wait_for "$1" "[ready]" "$SCAN_TIMEOUT"; then ok "$2: scan finishes"; else not_ok "$2: scan finishes" "$(screen "$1")"; fi
}
quit() { # SESSION LABEL
    T send-keys -t "$1" q
    if wait_for "$1" "EXIT=0" 30; then ok "$2: q exits with 0"; else not_ok "$2: q exits with 0" "$(screen "$1")"; fi
}
json_status() { "$BIN" annotations "$1" --json 2>/dev/null; }

# ------------------------------------------- 1. deleted sentence: orphaned
start one "$GATES" 100x30
ready one "gates"
T send-keys -t one Tab Enter
check "the pair opens" one "Passage 1/" 10
T send-keys -t one Tab a   # the work side, then annotate its passage
check "the annotate dialog opens on the work" one "work gates" 5
dialog=$(screen one | grep -o 'scalars [0-9]*\.\.<[0-9]*' | head -1)
T send-keys -t one Enter
T send-keys -t one -l "east gate, summer"
T send-keys -t one Enter
check "the note is saved" one "annotated work" 5
quit one "gates"
east_start=$(python3 -c 'print(len("The carts came in early from the valley farms. "))')
case "$dialog" in
    "scalars $east_start..<"*) ok "the note is on the east sentence ($dialog)" ;;
    *) not_ok "the note is on the east sentence (dialog: $dialog)" ;;
esac
python3 - "$GATES/works/gates.txt" <<'PY'
import sys
p = sys.argv[1]
t = open(p).read()
open(p, "w").write(t.replace("At the east gate the guards waited all through the long summer nights. ", ""))
PY
start two "$GATES" 100x30
ready two "gates, the east sentence deleted"
T send-keys -t two A
check "the list shows the note" two "east gate, summer" 5
if screen two | grep -F "east gate, summer" | grep -q "orphaned"; then ok "the note is orphaned in the list"; else not_ok "orphaned in the list" "$(screen two)"; fi
out=$(json_status "$GATES")
if printf '%s' "$out" | grep -q '"status": "orphaned"' && ! printf '%s' "$out" | grep -q '"status": "reanchored"'; then
    ok "exhibit annotations: orphaned, not re-anchored onto the west sentence"
else
    not_ok "exhibit annotations status" "$out"
fi
quit two "gates reopened"

# ------------------------------------------- 3. bracketed paste of a note
NOTE="$TMP/note.txt"
python3 - "$NOTE" <<'PY'
import sys
# Five lines, 3,000 characters; each line starts with keys that would act in the views.
lines = []
for i, keys in enumerate(["q", "x", "A", "v", "d"]):
    body = "%s line %d of the pasted note: " % (keys, i + 1)
    lines.append(body + "é" * (599 - len(body)))
text = "\n".join(lines) + "\n"
assert len(text) == 3000, len(text)
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
start three "$GATES" 100x30
ready three "paste"
T send-keys -t three Tab Enter
check "the pair opens again" three "Passage 1/" 10
T send-keys -t three a Enter
check "the note field has the keys" three "Enter saves" 5
T load-buffer -b note "$NOTE"
T paste-buffer -p -b note -t three
check "the paste lands in the note" three "Note éééééééé" 10
if screen three | grep -qF "─ Annotate ─"; then ok "no command ran: the dialog is still open"; else not_ok "dialog still open after the paste" "$(screen three)"; fi
if screen three | grep -qF "› pair"; then ok "no command ran: still in the pair view"; else not_ok "still in the pair view" "$(screen three)"; fi
T send-keys -t three Enter
check "Enter saves the pasted note" three "annotated output" 5
if python3 - "$GATES/annotations.jsonl" "$NOTE" <<'PY'
import json, sys
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
want = open(sys.argv[2], encoding="utf-8").read()
notes = [r["body"]["note"] for r in records]
sys.exit(0 if want in notes else 1)
PY
then ok "annotations.jsonl holds the 3,000-character note whole, its 5 line breaks kept"; else not_ok "pasted note saved whole" "$(tail -c 400 "$GATES/annotations.jsonl")"; fi
[ ! -d "$GATES/exports" ] && ok "no export was written (x in the paste did nothing)" || not_ok "an export appeared" "$(ls "$GATES/exports")"
# A paste whose end code comes in two reads, the second after ESCDELAY (as when a
# busy machine's pty buffer fills mid-paste): the paste still ends there, and the
# Enter after it saves the note.
T send-keys -t three Tab
T send-keys -t three a Enter
check "the note field opens on the work side" three "Enter saves" 5
T send-keys -t three -l $'\e[200~split paste\e'
sleep 0.3
T send-keys -t three -l '[201~'
check "the split paste lands in the note" three "Note split paste" 5
T send-keys -t three Enter
check "Enter after a split end code saves the note" three "annotated work" 5
if grep -qF '"note":"split paste"' "$GATES/annotations.jsonl" || grep -qF '"note": "split paste"' "$GATES/annotations.jsonl"; then
    ok "annotations.jsonl holds the split paste without its end code"
else
    not_ok "split paste saved" "$(grep -F 'split paste' "$GATES/annotations.jsonl" | cut -c1-300)"
fi
quit three "paste"

# ------------------------------------------- 4. NO_COLOR and TERM=dumb
start four "$GATES" 100x30 NO_COLOR=1
ready four "NO_COLOR"
T send-keys -t four Tab Enter
check "the pair opens under NO_COLOR" four "Key: verbatim" 10
cap=$(screen_e four)
if printf '%s' "$cap" | grep -q $'\e\\[[0-9;]*[34][0-9]\\?;\\?[0-9]*m' && printf '%s' "$cap" | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7]|48;5;[0-9]+)[;m]'; then
    not_ok "no color escapes under NO_COLOR" "$(printf '%s' "$cap" | cat -v | head -5)"
else
    ok "no color escapes under NO_COLOR"
fi
if printf '%s' "$cap" | grep -qE $'\e\\[([0-9;]*;)?7mgate the guards'; then
    ok "the annotated span is drawn in reverse video"
else
    not_ok "annotation attribute (reverse) under NO_COLOR" "$(printf '%s' "$cap" | cat -v | head -12)"
fi
quit four "NO_COLOR"

T new-session -d -s dumb -x 80 -y 24 "env TERM=dumb LC_ALL=C.UTF-8 SWIFT_BACKTRACE=interactive=no '$BIN' '$GATES'; echo EXIT=\$?; sleep 600"
if wait_for dumb "EXIT=" 20; then
    s=$(screen dumb)
    if printf '%s' "$s" | grep -q "EXIT=0"; then not_ok "TERM=dumb exits non-zero" "$s"; else ok "TERM=dumb exits non-zero ($(printf '%s' "$s" | grep -o 'EXIT=[0-9]*'))"; fi
    if printf '%s' "$s" | grep -qF "cannot" && printf '%s' "$s" | grep -qF "exhibit scan" && printf '%s' "$s" | grep -qF "exhibit export"; then
        ok "TERM=dumb says why and points to exhibit scan and exhibit export"
    else
        not_ok "TERM=dumb message" "$s"
    fi
else
    not_ok "TERM=dumb ends" "$(screen dumb)"
fi

# ------------------------------------------- 5. resize keeps passage 3
start five "$LONG" 60x20
ready five "long"
T send-keys -t five Tab Enter
check "the pair with three passages opens" five "Passage 1/3" 10
T send-keys -t five n n
check "n n focuses passage 3" five "Passage 3/3" 5
check "passage 3 is on screen" five "w805" 5
T resize-window -t five -x 100 -y 30
sleep 0.3
check "after a resize to 100x30 passage 3 is still on screen" five "w805" 5
T resize-window -t five -x 60 -y 20
sleep 0.3
check "after a resize back to 60x20 passage 3 is still on screen" five "w805" 5
check "and still focused" five "Passage 3/3" 3
# 6. SGR (1006) mouse: a click beyond column 223 reaches the screen.
T resize-window -t five -x 250 -y 40
sleep 0.3
T send-keys -t five Tab   # the work pane takes the keys
check "Tab makes the work pane active" five "▶ Work" 3
T send-keys -t five -l $'\e[<0;240;10M'
T send-keys -t five -l $'\e[<0;240;10m'
check "an SGR click at column 240 makes the output pane active" five "▶ Output" 3
quit five "long"

# ------------------------------------------- 7. input cut between two reads
# Straight on a pty (tmux would re-encode a cut character): the bytes in two writes
# 0.3 s apart, more than ESCDELAY. A paste cut after the first byte of "é", inside
# its end code, or inside or right after the `ESC [` of its start code keeps every
# character, and the Enter after it saves the note; a pasted CR LF is one line break;
# a typed 中 cut after its first byte is whole; a typed Alt-[ is one unknown key. A start code cut right after its ESC is an Esc (the dialog closes),
# but the paste is still text: nothing in it runs as a command.
for cut in character end-code start-code after-csi crlf typed alt-bracket after-esc; do
    CUTCASE="$TMP/cut-$cut"
    cp -r "$GATES" "$CUTCASE" && rm -f "$CUTCASE/annotations.jsonl"
    got=$(SCAN_TIMEOUT=$SCAN_TIMEOUT python3 - "$BIN" "$CUTCASE" "$cut" <<'PY' 2>&1
import json, os, pty, select, sys, time, fcntl, termios, struct
binary, case, cut = sys.argv[1:4]
env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", EXHIBIT_USER="e2e-counsel",
           SWIFT_BACKTRACE="interactive=no")
env.pop("NO_COLOR", None)
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    os.execve(binary, [binary, case], env)
seen = b""
def wait(text, timeout=float(os.environ.get("SCAN_TIMEOUT", "60"))):
    global seen
    end = time.time() + timeout
    while time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
        if text.encode() in seen:
            seen = b""
            return
    sys.exit("no %r on screen" % text)
def two_writes(data, at):
    os.write(fd, data[:at]); time.sleep(0.3); os.write(fd, data[at:])
wait("ready")
os.write(fd, b"\t"); time.sleep(0.2); os.write(fd, b"\r"); wait("Passage 1/")
os.write(fd, b"a"); time.sleep(0.2); os.write(fd, b"\r"); wait("Enter saves")
note = "abc é def " + "ü" * 40
if cut == "crlf":
    pasted, note = "one\r\ntwo", "one\ntwo"
    os.write(fd, ("\x1b[200~" + pasted + "\x1b[201~").encode())
elif cut == "typed":
    note = "x中y"
    two_writes(note.encode(), 2)
elif cut == "alt-bracket":
    # Alt-[ (ESC [) typed between q and x: skipped as one unknown key, x kept.
    note = "qx"
    two_writes(b"q\x1b[x", 3)
elif cut == "after-esc":
    two_writes(("\x1b[200~q, then x and d\r" + note + "\x1b[201~").encode(), 1)
    time.sleep(1)
    if os.waitpid(pid, os.WNOHANG)[0] == pid:
        sys.exit("the q in the paste quit exhibit")
else:
    data = ("\x1b[200~" + note + "\x1b[201~").encode()
    at = {"character": data.index("é".encode()) + 1, "end-code": len(data) - 4, "start-code": 4, "after-csi": 2}[cut]
    two_writes(data, at)
if cut != "after-esc":
    time.sleep(0.3); os.write(fd, b"\r"); wait("annotated")
os.write(fd, b"q")
end = time.time() + 30   # for q to end it, then it is killed
while True:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == pid:
        break
    if time.time() > end:
        os.kill(pid, 9)
        sys.exit("q did not end exhibit")
    try:   # drain the screen (EIO once exhibit closed the terminal)
        if select.select([fd], [], [], 0)[0]:
            os.read(fd, 65536)
    except OSError:
        pass
    time.sleep(0.05)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("exit status %d" % os.waitstatus_to_exitcode(status))
path = case + "/annotations.jsonl"
notes = [json.loads(l)["body"]["note"] for l in open(path, encoding="utf-8") if l.strip()] if os.path.exists(path) else []
want = [] if cut == "after-esc" else [note]
print("whole" if notes == want else "notes: %r" % notes)
PY
)
    if [ "$got" = whole ]; then ok "input cut between reads ($cut): the note is whole, nothing ran as a command"; else not_ok "input cut between reads ($cut)" "$got"; fi
    [ -d "$CUTCASE/exports" ] && not_ok "input cut between reads ($cut): an export was written"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
