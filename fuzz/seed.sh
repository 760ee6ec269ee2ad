#!/usr/bin/env bash
# Seeds the parse_day corpus with real day files: the bundled sample-logs, the test fixtures
# and, where it exists, every 40th file of the real archive beside this checkout. Files are
# named by content hash, as libFuzzer names its own, so seeding twice adds nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/parse_day
mkdir -p "$corpus"
real=../shared/real-logs/cocolian-docs
{
  find sample-logs tests/data -name '*.md' -o -name '*.markdown'
  if [ -d "$real" ]; then find "$real" -name '*.markdown' | sort | awk 'NR % 40 == 0'; fi
} | while read -r file; do
  cp "$file" "$corpus/$(sha1sum <"$file" | cut -c1-40)"
done
echo "$(ls "$corpus" | wc -l) files in $corpus"
