#!/usr/bin/env bash
# Installs the built .deb as a user would (dpkg -i), checks what it put where, starts the
# installed app to its first screen in a virtual display, runs `candor --version` from the
# PATH, and removes the package again (dpkg -r), checking nothing is left behind.
#
# Usage: tests/package/test-package.sh PATH/TO/Candor_VERSION_ARCH.deb   (as root, or with sudo)
set -euo pipefail

deb=${1:?the .deb to test}
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
fail() { echo "test-package: $*" >&2; exit 1; }

version=$(dpkg-deb --field "$deb" Version)
package=$(dpkg-deb --field "$deb" Package)
echo "test-package: $package $version from $deb"

# What the package holds, before installing it.
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./||')
for path in usr/bin/candor-desktop usr/bin/candor usr/share/mime/packages/candor.xml \
    usr/share/applications/Candor.desktop usr/share/icons/hicolor/128x128/apps/candor-desktop.png; do
  grep -qx "$path" <<<"$contents" || fail "the package lacks /$path"
done
grep -q usr/bin/candor-bare-window <<<"$contents" && fail "the package ships the benchmark's window"

$sudo dpkg -i "$deb" || fail "dpkg -i refused the package"
trap '$sudo dpkg -r "$package" >/dev/null 2>&1 || true' EXIT

desktop=/usr/share/applications/Candor.desktop
grep -qx 'Exec=candor-desktop %f' "$desktop" || fail "$desktop does not pass the opened file: $(grep Exec "$desktop")"
grep -q '^MimeType=.*application/vnd.candor.vault' "$desktop" || fail "$desktop does not open vaults"
grep -q '^MimeType=.*application/vnd.candor.bundle' "$desktop" || fail "$desktop does not open bundles"
grep -q 'glob pattern="\*.candorbundle"' /usr/share/mime/packages/candor.xml || fail "no bundle type"

# `candor` from the PATH, as a user types it.
said=$(cd / && env -i PATH=/usr/local/bin:/usr/bin:/bin candor --version)
[ "$said" = "candor $version" ] || fail "candor --version said '$said', not 'candor $version'"

# The installed app, started the way the desktop entry starts it, reaches its first screen:
# the page says it is ready (CANDOR_REPORT_READY makes the app print it).
home=$(mktemp -d)
log=$home/app.log
(
  cd "$home"
  HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data CANDOR_REPORT_READY=1 \
    timeout 120 xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- candor-desktop
) >"$log" 2>&1 &
runner=$!
for _ in $(seq 1 240); do
  grep -q '^candor-ready ' "$log" && break
  kill -0 "$runner" 2>/dev/null || break
  sleep 0.5
done
grep -q '^candor-ready ' "$log" || { cat "$log" >&2; fail "the installed app did not reach its first screen"; }
echo "test-package: the installed app reached its first screen ($(grep '^candor-ready ' "$log" | head -1 | cut -d' ' -f2) ms)"
pkill -f '^candor-desktop$' 2>/dev/null || pkill -x candor-desktop 2>/dev/null || true
wait "$runner" 2>/dev/null || true
# D-Bus may have started the document portal for the app: it mounts a FUSE file system in
# the throwaway home (~/.cache/doc) and lets go of it only a moment after the session ends.
for _ in $(seq 1 20); do
  while read -r _ mounted _; do
    case $mounted in
      "$home"/*) fusermount3 -u -z "$mounted" 2>/dev/null || $sudo umount -l "$mounted" 2>/dev/null || true ;;
    esac
  done </proc/mounts
  rm -rf "$home" 2>/dev/null && break
  sleep 0.5
done
[ ! -e "$home" ] || echo "test-package: could not remove the test's home $home" >&2

$sudo dpkg -r "$package" >/dev/null || fail "dpkg -r failed"
trap - EXIT
for path in /usr/bin/candor-desktop /usr/bin/candor "$desktop" /usr/share/mime/packages/candor.xml; do
  [ ! -e "$path" ] || fail "$path is still there after dpkg -r"
done
echo "test-package: installed, started, ran candor --version, removed: ok"
