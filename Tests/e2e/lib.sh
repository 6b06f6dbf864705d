# Helpers shared by the tmux end-to-end scripts (sourced, not run). Each script sets
# SOCK (its private tmux socket) and the counters `passed` and `failed`, and defines its
# own `start` (which binary, which case). Polling only: no fixed sleeps.

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() {
    failed=$((failed + 1)); echo "FAIL - $1"
    if [ -n "${2:-}" ]; then printf '%s\n' "$2" | sed 's/^/    | /' | head -60; fi
}
T() { tmux -L "$SOCK" "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
screen() { T capture-pane -p -t "$1"; }
screen_e() { T capture-pane -p -e -t "$1"; }

# wait_for SESSION TEXT [TIMEOUT_S] [-e]: poll the pane (with SGR escapes when -e)
# until TEXT appears.
wait_for() {
    local s=$1 text=$2 timeout=${3:-10} mode=${4:-}
    local deadline=$(( $(now_ms) + timeout * 1000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if [ "$mode" = "-e" ]; then
            screen_e "$s" | grep -qF -- "$text" && return 0
        else
            screen "$s" | grep -qF -- "$text" && return 0
        fi
        sleep 0.03
    done
    return 1
}

# wait_gone SESSION TEXT [TIMEOUT_S]: poll the pane until TEXT is gone.
wait_gone() {
    local s=$1 text=$2 timeout=${3:-10}
    local deadline=$(( $(now_ms) + timeout * 1000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        screen "$s" | grep -qF -- "$text" || return 0
        sleep 0.03
    done
    return 1
}

check() { # NAME SESSION TEXT [TIMEOUT]
    if wait_for "$2" "$3" "${4:-10}"; then ok "$1"; else not_ok "$1 (no '$3')" "$(screen "$2")"; fi
}

# end_tmux: ends the script's tmux server and its panes' processes by pid with SIGKILL
# (a test runner may block the signals tmux and the panes would end on).
end_tmux() {
    local server
    server=$(tmux -L "$SOCK" display -p '#{pid}' 2>/dev/null)
    tmux -L "$SOCK" list-panes -a -F '#{pane_dead} #{pane_pid}' 2>/dev/null | while read -r dead pid; do
        [ "$dead" = 0 ] || continue
        pkill -KILL -P "$pid" 2>/dev/null
        kill -KILL "$pid" 2>/dev/null
    done
    tmux -L "$SOCK" kill-server 2>/dev/null
    sleep 0.2
    if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null; fi
}
