#!/usr/bin/env bash
# Builds the libFuzzer target Fuzz/ExhibitFuzz.swift against ExhibitCore and runs it.
#
#   scripts/fuzz.sh [SECONDS] [libFuzzer flags...]     (default 300 seconds)
#
# ExhibitCore and its dependencies are built by SwiftPM in .build-fuzz with
# -sanitize=fuzzer,address on the Swift code. The fuzz target is then compiled and
# linked with swiftc directly: SwiftPM's link step gives every executable a `main`,
# and libFuzzer brings its own, so the target is not a SwiftPM product. Seeds: the
# hand-written edge cases of Fuzz/corpus, the demo case, and the first records of the
# real case when ../shared/cases/recap-novels is there (read at run time, never
# copied into the repository). Findings go to .build-fuzz/artifacts/. See docs/fuzzing.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-300}
shift || true
scratch="$root/.build-fuzz"
real_case=${EXHIBIT_REAL_CASE:-$root/../shared/cases/recap-novels}

# -O on the Swift code: several times the executions per second of -Onone; overflow
# and bounds checks stay on.
echo "== building ExhibitCore with -sanitize=fuzzer,address" >&2
swift build --package-path "$root" --scratch-path "$scratch" --target ExhibitCore \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -O >&2
bin=$(swift build --package-path "$root" --scratch-path "$scratch" --show-bin-path)

# Objects of ExhibitCore and everything it depends on (only they are built above).
mapfile -t objects < <(find "$bin" -path '*.build/*' -name '*.o' | sort)
# Swift modules, and the C modules they import: a built target without a .swiftmodule
# is a C target; its module map is the one SwiftPM generated, else its own.
flags=(-I "$bin/Modules")
for dir in "$bin"/*.build; do
    target=$(basename "$dir" .build)
    [ -e "$bin/Modules/$target.swiftmodule" ] && continue
    find "$dir" -name '*.o' | grep -q . || continue
    sources=$(find "$scratch/checkouts" -path "*/Sources/$target" -type d | head -n 1)
    map="$dir/module.modulemap"
    [ -f "$map" ] || map="$sources/include/module.modulemap"
    flags+=(-Xcc "-fmodule-map-file=$map" -Xcc "-I$sources/include")
done

echo "== linking .build-fuzz/exhibit-fuzz" >&2
swiftc -parse-as-library -sanitize=fuzzer,address -O -g -module-name ExhibitFuzz \
    "${flags[@]}" "$root/Fuzz/ExhibitFuzz.swift" "${objects[@]}" -lstdc++ -lm \
    -o "$scratch/exhibit-fuzz"

# Seeds: regenerated on every run from the repository and the real case.
seeds="$scratch/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$scratch/corpus" "$scratch/artifacts"
cp "$root"/Fuzz/corpus/* "$seeds/"
find "$root/Cases/demo" -type f | while IFS= read -r f; do
    cp "$f" "$seeds/demo-$(basename "$f")"
done
if [ -d "$real_case" ]; then
    n=0
    for f in "$real_case"/outputs/*.jsonl; do
        n=$((n + 1))
        head -n 2 "$f" > "$seeds/real-records-$n.jsonl"
    done
    for f in "$real_case"/works/*; do
        n=$((n + 1))
        head -c 4096 "$f" > "$seeds/real-work-$n.txt"
    done
    [ -f "$real_case/case.toml" ] && cp "$real_case/case.toml" "$seeds/real-case.toml"
else
    echo "note: $real_case not found; fuzzing without the real case's records" >&2
fi

echo "== fuzzing for $seconds s (corpus .build-fuzz/corpus, findings .build-fuzz/artifacts/)" >&2
# The Swift runtime's backtracer reads memory ASan reports as overflows: keep it off.
# Leak checking is off: the Swift runtime keeps metadata caches for the process's life.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
exec "$scratch/exhibit-fuzz" "$scratch/corpus" "$seeds" \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$scratch/artifacts/" -print_final_stats=1 "$@"
