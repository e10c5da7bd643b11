#!/usr/bin/env bash
# The opt-in compiled build, checked against the pure-Python reference: compile a copy of the
# checkout with mypyc, check that batch and eval write the same bytes in both, then run the
# whole test suite against the compiled copy. Needs the .venv of scripts/test.sh (mypy is a
# test dependency) and gcc. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
py="$repo/.venv/bin/python"
copy=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$copy" "$out"' EXIT

# the files of the checkout, committed or not (ignored ones, .venv and builds, left out)
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$copy"
(cd "$copy" && "$py" scripts/build_mypyc.py >"$copy/build.log" 2>&1) || { cat "$copy/build.log"; exit 1; }
(cd "$copy" && "$py" -c "
import detector.linter
from detector import compiled
running = compiled.compiled_now()
assert len(running) == len(compiled.COMPILED_MODULES), f'only {running} run compiled'
print(f'test-compiled: {len(running)} modules compiled')")

# building again after an edit leaves nothing stale (setuptools keeps the old time of a file it
# does not relink): touch a compiled module's source, build, ask what `propalint` would warn of
touch "$copy/detector/text/positions.py"
(cd "$copy" && "$py" scripts/build_mypyc.py >"$copy/build.log" 2>&1) || { cat "$copy/build.log"; exit 1; }
(cd "$copy" && "$py" -c "
from pathlib import Path
from detector import compiled
found = compiled.stale(Path('.'))
assert not found, f'stale after a build: {found}'
print('test-compiled: nothing stale after building again')")

# the same bytes: a corpus built from the repository's articles, and the evaluation
sample="$out/sample.jsonl"
"$py" -c "
import sys; sys.path.insert(0, '.')
from bench import corpus
corpus.write_jsonl(corpus.build(1_000_000), sys.argv[1])" "$sample"
for tree in pure:"$repo" compiled:"$copy"; do
  name=${tree%%:*}
  (cd "${tree#*:}" && PROPALINT_NO_CACHE=1 "$py" -m detector batch "$sample" -o "$out/$name.jsonl" --workers 1 --no-progress || [ $? -eq 1 ])
  (cd "${tree#*:}" && PROPALINT_NO_CACHE=1 "$py" -m detector eval corpus/ > "$out/$name.eval.txt")
done
cmp "$out/pure.jsonl" "$out/compiled.jsonl" && cmp "$out/pure.eval.txt" "$out/compiled.eval.txt"
echo "test-compiled: batch and eval write the same bytes compiled and pure"

cd "$copy" && "$py" -m pytest -q -p no:cacheprovider "$@"
