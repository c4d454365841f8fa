#!/bin/sh
# Fails when a source file with strings marked for translation is missing from po/POTFILES.in,
# or when POTFILES.in names a file that no longer exists.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
marked=$( { grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext)\(|translatable="yes"' src --include='*.c' --include='*.ui' || true;
            ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml; } | sort -u)
echo "1..2"
missing=$(printf '%s\n' "$marked" | grep -vxF "$listed" || true)
if [ -z "$missing" ]; then echo "ok 1 every file with marked strings is listed"; else
  echo "not ok 1 not in po/POTFILES.in:"; printf '#   %s\n' $missing; fi
stale=""
for f in $listed; do [ -e "$f" ] || stale="$stale $f"; done
if [ -z "$stale" ]; then echo "ok 2 every listed file exists"; else echo "not ok 2 listed but missing:$stale"; fi
