#!/usr/bin/env bash
# Scale benchmarks, in one run so the ratios compare like with like: loading and searching a
# 10-year archive against ripgrep over the same files (and loading one five times larger),
# peak RSS against size on disk, the reader's time until the day is readable at both sizes
# and its first frame, then the reader bench on a 100 k-message day.
#
#   bash bench/run.sh                          # generates target/bench-archive if missing
#   CHATLOG_ARCHIVE=DIR RUNS=7 bash bench/run.sh
#   RUNS=31 bash bench/run.sh ab "OLD/chatlog stats DIR" "NEW/chatlog stats DIR"
#                                              # two commands interleaved: both medians (ms)
#
# Prints a Markdown table on stdout; progress goes to stderr. Nothing is deleted: a
# half-written target/bench-archive (no .gen-archive marker) is reported, not removed.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8 # character-wise ${var:0:n} on the captured screen

RUNS=${RUNS:-5}
WORDS=(代扣 pay)
CHATLOG=target/release/chatlog
ARCHIVE=${CHATLOG_ARCHIVE:-target/bench-archive}
# Five times larger: the same days, 1,500 messages a day.
BIG=${CHATLOG_BIG_ARCHIVE:-target/bench-archive-big}

say() { echo "bench: $*" >&2; }

# The median of the numbers on stdin.
median() {
    sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# a / b with two decimals (verdicts compare the exact quotient, not this).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# ✅ when a / b ≤ limit, else ❌.
verdict() {
    if awk -v a="$1" -v b="$2" -v l="$3" 'BEGIN { exit !(a / b <= l) }'; then echo "✅"; else echo "❌"; fi
}

# Wall milliseconds of one run of a command, output discarded. Exit status 1 is fine
# (chatlog: problems found; rg: no match); anything higher stops the script.
wall_ms() {
    local t0 t1 status=0
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 || status=$?
    t1=$EPOCHREALTIME
    if ((status > 1)); then
        say "failed ($status): $*"
        exit 1
    fi
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}

# Median wall milliseconds of RUNS warm runs (one untimed run first fills the page cache).
median_ms() {
    wall_ms "$@" >/dev/null
    for _ in $(seq "$RUNS"); do wall_ms "$@"; done | median
}

# Median wall milliseconds of RUNS warm runs each of two commands (given as strings of
# words), interleaved (A B A B …) so that a busy moment falls on both: "a_ms<TAB>b_ms".
interleaved_ms() {
    local -a a b ta=() tb=()
    read -ra a <<<"$1"
    read -ra b <<<"$2"
    wall_ms "${a[@]}" >/dev/null
    wall_ms "${b[@]}" >/dev/null
    for _ in $(seq "$RUNS"); do
        ta+=("$(wall_ms "${a[@]}")")
        tb+=("$(wall_ms "${b[@]}")")
    done
    printf '%s\t%s\n' "$(printf '%s\n' "${ta[@]}" | median)" "$(printf '%s\n' "${tb[@]}" | median)"
}

ensure_ripgrep() {
    command -v rg >/dev/null && return
    say "installing ripgrep"
    local sudo=""
    ((EUID == 0)) || sudo=sudo
    $sudo apt-get install -y ripgrep >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y ripgrep >&2; }
}

build() {
    say "building (release)"
    cargo build --release --features synth --bin chatlog --example gen-archive --example fresh-memory >&2
    cargo bench --features synth --no-run --bench scale --bench reader >&2
}

# The default archives are generated once; user-given ones are used as they are.
ensure_archive() {
    if [[ -z ${CHATLOG_ARCHIVE:-} && ! -e $ARCHIVE/.gen-archive ]]; then
        say "generating $ARCHIVE (3650 days × 300 messages)"
        target/release/examples/gen-archive "$ARCHIVE" >&2 # its defaults: synth::ArchiveSpec::ten_years
    fi
    if [[ -z ${CHATLOG_BIG_ARCHIVE:-} && ! -e $BIG/.gen-archive ]]; then
        say "generating $BIG (3650 days × 1500 messages)"
        target/release/examples/gen-archive "$BIG" --per-day 1500 >&2
    fi
}

# Median peak RSS in KiB of `chatlog stats` on archive $1 (GNU time's %M).
stats_rss_kib() {
    local out
    out=$(mktemp)
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f %M -o "$out" "$CHATLOG" stats "$1" >/dev/null 2>&1 || true
        tail -n 1 "$out"
    done | median
    rm -f "$out"
}

# Lines ripgrep counts for a word (smart case, as chatlog's search), summed over files.
rg_count() { rg -c -S -- "$1" "$ARCHIVE" | awk -F: '{ n += $NF } END { print n + 0 }'; }

# A column of the in-process bench table for the row starting with `what`.
scale_field() {
    awk -F'|' -v what="$1" -v col="$2" 'index($2, what) { gsub(/^ +| +$/, "", $col); print $col }' <<<"$SCALE"
}

# Milliseconds from releasing the reader on archive $1 (its environment given as $2, e.g.
# `XDG_STATE_HOME=…`) in a detached 200×60 tmux pane until its screen matches the regular
# expression $3, polled every few ms. The pane waits on a tmux channel so that the clock
# starts at exec, not at tmux's own start. Sets MS, and SCREEN to the screen matched.
time_until() {
    local archive=$1 env=$2 pattern=$3 sock="chatlog-bench-$$" t0 t1
    SCREEN=""
    tmux -L "$sock" -f /dev/null new-session -d -s bench -x 200 -y 60 \
        "tmux wait-for go; exec env $env $CHATLOG '$archive'"
    sleep 0.3
    t0=$EPOCHREALTIME
    tmux -L "$sock" wait-for -S go
    until grep -q -- "$pattern" <<<"$SCREEN"; do
        sleep 0.002
        SCREEN=$(tmux -L "$sock" capture-pane -p -t bench)
    done
    t1=$EPOCHREALTIME
    tmux -L "$sock" send-keys -t bench q
    for _ in $(seq 100); do tmux -L "$sock" has-session 2>/dev/null || break; sleep 0.02; done
    tmux -L "$sock" kill-server 2>/dev/null || true
    MS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
}

# The first non-blank frame: "ms<TAB>the frame's text" (box drawing and runs of spaces
# squeezed out).
first_frame() {
    time_until "$ARCHIVE" "" '[^[:space:]]'
    local text
    text=$(sed 's/[─│┌┐└┘]//g; s/|/\\|/g' <<<"$SCREEN" | tr -s ' \n' '  ' | sed 's/^ //')
    printf '%s\t%s\n' "$MS" "${text:0:80}"
}

# Milliseconds until the day is readable (the status line's `msg I/N`) on archive $1, with
# its state folder $2 (a remembered place there, or none).
ready() {
    time_until "$1" "XDG_STATE_HOME='$2'" ' msg [0-9]'
    echo "$MS"
}

# Median of 10 ready times on archive $1: "without a place<TAB>with one". The first run, in
# an empty state folder, leaves the place the second set of runs comes back to.
ready_ms() {
    local state without with
    state=$(mktemp -d)
    # Each run keeps its place on quitting: the state folder goes before the next.
    without=$(for _ in $(seq 10); do rm -rf "$state/none"; ready "$1" "$state/none"; done | median)
    ready "$1" "$state/kept" >/dev/null
    with=$(for _ in $(seq 10); do ready "$1" "$state/kept"; done | median)
    rm -rf "$state"
    printf '%s\t%s\n' "$without" "$with"
}

main() {
    if [[ ${1:-} == ab ]]; then
        interleaved_ms "$2" "$3"
        return
    fi
    # Other work on the machine skews every figure: the table says how busy it was.
    LOADAVG=$(cut -d' ' -f1 /proc/loadavg)
    ensure_ripgrep
    build
    ensure_archive

    say "archive figures"
    local stats days messages disk_kib bytes
    stats=$("$CHATLOG" stats "$ARCHIVE" --json 2>/dev/null || true)
    days=$(jq .days <<<"$stats")
    messages=$(jq .messages <<<"$stats")
    disk_kib=$(du -sk "$ARCHIVE" | cut -f1)
    bytes=$(du -sb "$ARCHIVE" | cut -f1)

    say "chatlog stats and rg, interleaved × $RUNS"
    local base=${WORDS[0]} pair stats_ms load_rg_ms rss_kib
    pair=$(interleaved_ms "$CHATLOG stats $ARCHIVE" "rg -c -S -- $base $ARCHIVE")
    stats_ms=${pair%%$'\t'*} load_rg_ms=${pair##*$'\t'}
    rss_kib=$(stats_rss_kib "$ARCHIVE")

    say "writing 128 MiB into fresh memory and into touched memory × $RUNS"
    local writes fresh_ms touched_ms fresh_range
    writes=$(for _ in $(seq "$RUNS"); do target/release/examples/fresh-memory 128; done)
    fresh_ms=$(cut -f1 <<<"$writes" | median)
    touched_ms=$(cut -f2 <<<"$writes" | median)
    fresh_range="$(cut -f1 <<<"$writes" | sort -g | sed -n '1p;$p' | paste -sd '-' | sed 's/-/–/')"

    say "rg and chatlog search × $RUNS per word"
    local -A rg_ms rg_n cl_ms
    for w in "${WORDS[@]}"; do
        rg_ms[$w]=$(median_ms rg -c -S -- "$w" "$ARCHIVE")
        rg_n[$w]=$(rg_count "$w")
        cl_ms[$w]=$(median_ms "$CHATLOG" search "$ARCHIVE" "$w")
    done

    say "in-process load and search (cargo bench --bench scale)"
    SCALE=$(CHATLOG_ARCHIVE="$ARCHIVE" CHATLOG_WORDS="${WORDS[*]}" cargo bench --features synth --bench scale 2>/dev/null)

    say "the larger archive: load and rg interleaved, RSS"
    local big_ms big_rg_ms big_rss_kib big_disk_kib
    pair=$(interleaved_ms "$CHATLOG stats $BIG" "rg -c -S -- $base $BIG")
    big_ms=${pair%%$'\t'*} big_rg_ms=${pair##*$'\t'}
    big_rss_kib=$(stats_rss_kib "$BIG")
    big_disk_kib=$(du -sk "$BIG" | cut -f1)

    say "reader: ready (the day readable) × 10, without and with a remembered place, both archives"
    local ready_small ready_big
    ready_small=$(ready_ms "$ARCHIVE")
    ready_big=$(ready_ms "$BIG")

    say "reader: time to first frame × 3"
    local frames frame_ms frame_text
    frames=$(for _ in 1 2 3; do first_frame; done)
    frame_ms=$(cut -f1 <<<"$frames" | median)
    frame_text=$(tail -n 1 <<<"$frames" | cut -f2)

    say "reader bench (100 k-message day)"
    local reader
    reader=$(cargo bench --features synth --bench reader 2>/dev/null)

    local mb=$((disk_kib / 1024))
    echo "## chatlog at scale — $(date -u +%F), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start $LOADAVG"
    echo
    echo "Archive: \`$ARCHIVE\`: $days days, $messages messages, $mb MiB on disk (du -s; $bytes bytes of files). Medians of $RUNS warm runs."
    echo
    echo "| measure | value | target | |"
    echo "|---|---|---|---|"
    local load_ratio
    load_ratio=$(ratio "$stats_ms" "$load_rg_ms")
    echo "| \`chatlog stats\` (load: all days parsed, speakers interned) | ${stats_ms} ms | | |"
    echo "| load / \`rg -c -S $base\` (${load_rg_ms} ms, interleaved with it) | ${load_ratio}× | ≤ 3× | $(verdict "$stats_ms" "$load_rg_ms" 3) |"
    echo "| writing 128 MiB as the load writes its texts (\`examples/fresh-memory.rs\`): into fresh memory (range $fresh_range ms) / into memory already touched | ${fresh_ms} ms / ${touched_ms} ms | | |"
    echo "| \`chatlog stats\` peak RSS | $((rss_kib / 1024)) MiB = $(ratio "$rss_kib" "$disk_kib")× size on disk | ≤ 1.1× | $(verdict "$rss_kib" "$disk_kib" 1.1) |"
    echo "| larger archive (\`$BIG\`, $((big_disk_kib / 1024)) MiB): \`chatlog stats\` | ${big_ms} ms | | |"
    echo "| larger archive: load / \`rg -c -S $base\` (${big_rg_ms} ms, interleaved) | $(ratio "$big_ms" "$big_rg_ms")× | ≤ 3× | $(verdict "$big_ms" "$big_rg_ms" 3) |"
    echo "| larger archive: peak RSS | $((big_rss_kib / 1024)) MiB = $(ratio "$big_rss_kib" "$big_disk_kib")× size on disk | ≤ 1.1× | $(verdict "$big_rss_kib" "$big_disk_kib" 1.1) |"
    for size in small big; do
        local pair label
        if [[ $size == small ]]; then pair=$ready_small label=$ARCHIVE; else pair=$ready_big label=$BIG; fi
        local without=${pair%%$'\t'*} with=${pair##*$'\t'}
        echo "| reader ready on \`$label\` (launch → the day readable, 200×60 tmux, median of 10), no remembered place | ${without} ms | ≤ 50 ms | $(verdict "$without" 1 50) |"
        echo "| reader ready on \`$label\`, at the remembered place | ${with} ms | ≤ 50 ms | $(verdict "$with" 1 50) |"
    done
    echo "| in-process load (\`load()\`, bench) | $(scale_field load 3) | | |"
    for w in "${WORDS[@]}"; do
        local inproc hits search_ratio
        inproc=$(scale_field "search \`$w\`" 3)
        hits=$(scale_field "search \`$w\`" 5)
        search_ratio=$(ratio "${inproc% ms}" "${rg_ms[$w]}")
        echo "| \`rg -c -S $w\` over the files | ${rg_ms[$w]} ms, ${rg_n[$w]} lines | | |"
        echo "| \`chatlog search DIR $w\` (whole process) | ${cl_ms[$w]} ms | | |"
        echo "| in-process search \`$w\` (archive in memory) | $inproc, $hits | | |"
        echo "| in-process search / rg, \`$w\` | ${search_ratio}× | ≤ 2× | $(verdict "${inproc% ms}" "${rg_ms[$w]}" 2) |"
        local first all
        first=$(scale_field "reader \`F $w\`: first" 3)
        all=$(scale_field "reader \`F $w\`: all" 3)
        echo "| reader \`F $w\`: first results | $first | ≤ 50 ms | $(verdict "${first% ms}" 1 50) |"
        echo "| reader \`F $w\`: all results / rg | $all = $(ratio "${all% ms}" "${rg_ms[$w]}")× | ≤ 2× | $(verdict "${all% ms}" "${rg_ms[$w]}" 2) |"
    done
    echo "| reader: first frame (200×60 tmux, median of 3) | ${frame_ms} ms | ≤ 100 ms | $(verdict "$frame_ms" 1 100) |"
    echo "| reader: what the first frame shows | $frame_text | | |"
    local activity
    activity=$(scale_field "open the activity view" 3)
    echo "| reader: open the activity view on the archive + a frame (200×60, bench) | $activity | ≤ 50 ms | $(verdict "${activity% ms}" 1 50) |"
    echo
    echo "In-process figures (\`cargo bench --features synth --bench scale\`):"
    echo
    echo "$SCALE"
    echo
    echo "Reader on a 100 k-message day (\`cargo bench --features synth --bench reader\`):"
    echo
    echo "$reader"
}

main "$@"
