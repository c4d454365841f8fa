#!/bin/sh
# Fails when a file of the repository points outside it: at a sibling checkout (../shared) or at
# one machine's absolute home or work folders. A clone must build, test and explain itself alone.
set -eu
top=${1:?usage: check-standalone.sh SOURCE_ROOT}
cd "$top"
self=tests/check-standalone.sh
if [ -d .git ] || [ -f .git ]; then
  files=$(git ls-files)
else
  files=$(find . -type f ! -path './build*' ! -path './.flatpak-builder/*' ! -path './_build/*' | sed 's|^\./||')
fi
echo "1..1"
hits=$(printf '%s\n' "$files" | grep -vxF "$self" | while read -r f; do
         [ -f "$f" ] && grep -nIE '\.\./shared|/work/|/home/[A-Za-z0-9_.-]+/|/root/' "$f" /dev/null || true
       done)
if [ -z "$hits" ]; then echo "ok 1 nothing refers to a path outside the repository"; else
  echo "not ok 1 paths outside the repository:"; printf '%s\n' "$hits" | sed 's/^/#   /'; fi
