#!/bin/bash
# test-flatpak.sh SOURCE_DIR: builds flatpak/org.improvementboard.ImprovementBoard.json, the
# shipped manifest with only runtime, runtime-version and sdk pointed at the runtime that
# flatpak/compose-debian-runtime makes from Debian's packages (the GNOME runtime cannot be
# fetched here), installs it, runs it on the demo plan under the X server the suite gives it,
# checks its window appears and draws, stops it with `flatpak kill`, and builds a single-file
# bundle. TAP on stdout.
#
# It skips only where debootstrap or bubblewrap cannot run. The composed runtime is cached in
# IB_FLATPAK_DIR (default /var/tmp/ib-flatpak); IB_FLATPAK_SHOT names a PNG to keep the app's
# window in.
set -uo pipefail

src=$(cd "${1:?usage: test-flatpak.sh SOURCE_DIR}" && pwd)
app_id=org.improvementboard.ImprovementBoard
manifest="$src/flatpak/$app_id.json"
n=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; shift; for line in "$@"; do echo "# $line"; done; }
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
bail() { echo "Bail out! $1"; exit 1; }

# Where the test cannot run at all, say why and skip.
command -v debootstrap >/dev/null || skip_all "debootstrap is not installed (apt-get install debootstrap)"
command -v bwrap >/dev/null || skip_all "bubblewrap is not installed"
bwrap --ro-bind / / --dev /dev --proc /proc true 2>/dev/null \
  || skip_all "bubblewrap cannot create a sandbox here (no user or mount namespaces)"
[ -n "${DISPLAY:-}" ] || skip_all "no X display to run the app on"

for t in flatpak flatpak-builder ostree xdotool import identify python3 sqlite3; do
  command -v "$t" >/dev/null || bail "$t is missing: .ci/deps installs it"
done

# The runtime and SDK, composed from Debian's packages (cached after the first run). The script
# exits 77 where it cannot run at all (no root for debootstrap and chroot): a reason to skip.
base=${IB_FLATPAK_DIR:-/var/tmp/ib-flatpak}
started=$(date +%s)
composed=$(IB_FLATPAK_DIR=$base bash "$src/flatpak/compose-debian-runtime" 2>&1)
status=$?
[ "$status" = 77 ] && skip_all "$(tail -n 1 <<<"$composed")"

echo "1..7"
work=$(mktemp -d /var/tmp/ib-flatpak-test-XXXXXX)
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The runtime composed above.
if [ "$status" = 0 ]; then
  ok "org.debian.Platform//12 and org.debian.Sdk//12 installed ($(($(date +%s) - started)) s)"
else
  fail "composing the runtime with flatpak/compose-debian-runtime" "$composed"
  bail "no runtime to build against"
fi
export FLATPAK_USER_DIR="$base/user"

# 2. The shipped manifest, only its runtime, version and SDK changed, built with its tests.
python3 - "$manifest" "$work/manifest.json" "$src" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
m["runtime"], m["runtime-version"], m["sdk"] = "org.debian.Platform", "12", "org.debian.Sdk"
for module in m["modules"]:
    for source in module.get("sources", []):
        if source.get("type") == "dir":
            source["path"] = sys.argv[3]  # the copy lives elsewhere: name the checkout itself
json.dump(m, open(sys.argv[2], "w"), indent=2)
PY
if flatpak-builder --user --install --force-clean --disable-rofiles-fuse --state-dir="$work/state" \
     --repo="$work/repo" "$work/build" "$work/manifest.json" >"$work/build.log" 2>&1; then
  ok "the manifest builds, its tests pass, and it installs"
else
  fail "flatpak-builder" "$(tail -n 40 "$work/build.log")"
  bail "nothing to run"
fi

# 3. What the sandbox grants: exactly the permissions the README explains.
perms=$(flatpak --user info --show-permissions "$app_id" 2>&1)
# Flatpak writes "x11" beside "fallback-x11" for versions that predate it; newer ones grant X11
# only when there is no Wayland.
if grep -qx 'shared=network;ipc;' <<<"$perms" && grep -Eqx 'sockets=(x11;)?wayland;fallback-x11;' <<<"$perms" \
   && grep -qx 'devices=dri;' <<<"$perms" && ! grep -q '^filesystems=' <<<"$perms" \
   && ! grep -q '^persistent=' <<<"$perms"; then
  ok "permissions: network, ipc, wayland with x11 fallback, dri; no filesystem"
else
  fail "permissions" "$perms"
fi

# 4. The translations ship inside it, one catalogue per language in po/LINGUAS.
langs=$(sed -e 's/#.*//' "$src/po/LINGUAS" | tr -s ' \n' '\n\n' | sed '/^$/d')
shipped=1
for lang in $langs; do
  flatpak run --user --command=test "$app_id" -s "/app/share/locale/$lang/LC_MESSAGES/improvement-board.mo" \
    >/dev/null 2>&1 || { shipped=0; echo "# no catalogue for $lang in /app/share/locale"; }
done
if [ "$shipped" = 1 ]; then
  ok "catalogues ship inside it: $(echo $langs)"
else
  fail "translations missing from the sandbox"
fi

# 5. It starts on the demo plan in a fresh home, and its window appears and draws.
export HOME="$work/home"
mkdir -p "$HOME"
flatpak run --user "$app_id" --demo >"$work/app.log" 2>&1 &
app_pid=$!
wid=
for _ in $(seq 1 120); do
  wid=$(xdotool search --name '^Improvement Board$' 2>/dev/null | head -n 1)
  [ -n "$wid" ] && break
  sleep 0.5
done
drawn=0
if [ -n "$wid" ]; then
  sleep 3  # the first frames
  import -window "$wid" "$work/window.png" 2>/dev/null
  # A drawn window has text and widgets: many colours, not one flat fill.
  colours=$(identify -format %k "$work/window.png" 2>/dev/null || echo 0)
  # IB_FLATPAK_SHOT keeps the grab, to look at what the sandboxed app drew.
  [ -n "${IB_FLATPAK_SHOT:-}" ] && cp "$work/window.png" "$IB_FLATPAK_SHOT"
  [ "${colours:-0}" -gt 50 ] 2>/dev/null && drawn=1
fi
db="$HOME/.var/app/$app_id/data/improvement-board/board.db"
actions=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM action WHERE deleted = 0" 2>/dev/null || echo 0)
if [ "$drawn" = 1 ] && [ "${actions:-0}" -gt 0 ]; then
  ok "the window appears and draws ($colours colours) on the demo plan ($actions actions in the sandbox's data folder)"
else
  fail "the window (id '${wid:-none}', ${colours:-0} colours)" "$(tail -n 20 "$work/app.log")" \
    "$(find "$HOME/.var" -maxdepth 5 2>/dev/null | head -n 20)"
fi

# 6. flatpak kill stops it.
flatpak kill "$app_id" >/dev/null 2>&1
stopped=0
for _ in $(seq 1 40); do
  kill -0 "$app_pid" 2>/dev/null || { stopped=1; break; }
  sleep 0.25
done
if [ "$stopped" = 1 ]; then
  ok "flatpak kill stops it"
  app_pid=
else
  fail "the app still runs after flatpak kill"
fi

# 7. A single-file bundle, for installing where there is no repository.
if flatpak build-bundle "$work/repo" "$work/$app_id.flatpak" "$app_id" >"$work/bundle.log" 2>&1 \
   && [ "$(stat -c %s "$work/$app_id.flatpak")" -gt 100000 ]; then
  ok "single-file bundle ($(stat -c %s "$work/$app_id.flatpak") bytes)"
else
  fail "flatpak build-bundle" "$(cat "$work/bundle.log")"
fi
flatpak --user uninstall -y --noninteractive "$app_id" >/dev/null 2>&1 || true
