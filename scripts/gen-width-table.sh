#!/usr/bin/env bash
# Regenerates Sources/ExhibitCore/Text/GlibcWidthTable.swift from the machine's glibc.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/gen" scripts/gen-width-table.c
"$tmp/gen" > Sources/ExhibitCore/Text/GlibcWidthTable.swift
