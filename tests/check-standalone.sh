#!/bin/sh
# Fails when a file of the repository points outside it: at a sibling checkout (../shared) or at
# one machine's absolute home or work folders. A clone must build, test and explain itself alone.
set -eu
top=${1:?usage: check-standalone.sh SOURCE_ROOT}
cd "$top"
self=tests/check-standalone.sh
pattern='\.\./shared|/work/|/home/[A-Za-z0-9_.-]+/|/root/'
echo "1..1"
if [ -d .git ] || [ -f .git ]; then
  hits=$(git grep -nIE "$pattern" -- . ":!$self" || true)
else
  hits=$(grep -rnIE "$pattern" --exclude-dir='build*' --exclude-dir=.flatpak-builder --exclude-dir=_build . |
         grep -v "^\./$self:" || true)
fi
if [ -z "$hits" ]; then echo "ok 1 nothing refers to a path outside the repository"; else
  echo "not ok 1 paths outside the repository:"; printf '%s\n' "$hits" | sed 's/^/#   /'; fi
