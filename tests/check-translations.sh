#!/bin/sh
# check-translations.sh SOURCE_ROOT: extracts a fresh template from the files in
# po/POTFILES.in, then fails for each language in po/LINGUAS whose .po file is missing, fails
# `msgfmt --check`, has an untranslated or fuzzy message, or lacks a message the sources now
# have (its template is out of date). TAP on stdout.
set -eu
top=${1:?usage: check-translations.sh SOURCE_ROOT}
cd "$top"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

langs=$(sed -e 's/#.*//' po/LINGUAS | tr -s ' \n' '\n\n' | sed '/^$/d')
echo "1..$((1 + 3 * $(printf '%s\n' $langs | sed '/^$/d' | wc -l)))"

# The same keywords as meson's "glib" gettext preset, so this is the template it would make.
if xgettext --from-code=UTF-8 --add-comments --package-name=improvement-board \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
     --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_set_error:4:c-format \
     -f po/POTFILES.in -o "$work/fresh.pot" 2>"$work/xgettext.log" && ! grep -qi 'warning' "$work/xgettext.log"; then
  echo "ok 1 the template extracts cleanly ($(grep -c '^msgid ' "$work/fresh.pot") messages)"
else
  echo "not ok 1 xgettext complained"
  sed 's/^/# /' "$work/xgettext.log"
fi

n=1
for lang in $langs; do
  po="po/$lang.po"
  n=$((n + 1))
  if [ -e "$po" ] && msgfmt --check -o /dev/null "$po" 2>"$work/check.log"; then
    echo "ok $n $lang: msgfmt --check passes"
  else
    echo "not ok $n $lang: $po missing or msgfmt --check fails"
    sed 's/^/# /' "$work/check.log" 2>/dev/null || true
  fi

  n=$((n + 1))
  stats=$(msgfmt --statistics -o /dev/null "$po" 2>&1 || true)
  case "$stats" in
    *untranslated*|*fuzzy*) echo "not ok $n $lang: incomplete: $stats" ;;
    *) echo "ok $n $lang: complete: $stats" ;;
  esac

  n=$((n + 1))
  if msgcmp --use-untranslated "$po" "$work/fresh.pot" >"$work/cmp.log" 2>&1; then
    echo "ok $n $lang: has every message the sources have"
  else
    echo "not ok $n $lang: out of date with the sources (update it with msgmerge)"
    sed 's/^/# /' "$work/cmp.log" | head -n 20
  fi
done
