#!/usr/bin/env bash
# Digests of everything chatlog prints about some archives, to show a change to the loader
# or the parser changed no output: run it with the binary before and after, then diff.
#
#   bash bench/digests.sh OLD_BINARY ARCHIVE... > before.txt
#   bash bench/digests.sh NEW_BINARY ARCHIVE... > after.txt && diff before.txt after.txt
#
# One line per archive and output: stats (JSON, echoes folded and not, per speaker), check,
# every day as JSON and as Markdown, two searches. Nothing is written to the archives.
set -uo pipefail
bin=$1
shift
for archive in "$@"; do
    run() {
        local digest
        digest=$("$bin" "$@" 2>&1 | sha256sum | cut -c1-16)
        printf '%s\t%s %s\t%s\n' "$archive" "$1" "${*:3}" "$digest"
    }
    run stats "$archive" --json
    run stats "$archive" --json --all
    run stats "$archive" --by speaker --json
    run check "$archive"
    run show "$archive" 1900..2100 --format json --all
    run show "$archive" 1900..2100 --format markdown
    run search "$archive" 代扣
    run search "$archive" http
done
