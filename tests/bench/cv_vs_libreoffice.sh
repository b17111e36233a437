#!/usr/bin/env bash
# The cold cost of a CV as PDF: a whole `candor cv` process beside a whole LibreOffice
# process converting the same CV as HTML (`soffice --headless --convert-to pdf`), run one
# after the other in the same run, each several times; prints the medians and their ratio.
#
# The profile (40 graded courses, 10 jobs, 15 skills) and its HTML page come from the
# render_time example. Needs a release build of candor and the example, and Debian's
# libreoffice-writer-nogui:
#
#   cargo build --release -p candor-cli --bin candor -p candor-render --example render_time
#   tests/bench/cv_vs_libreoffice.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
candor=target/release/candor
example=target/release/examples/render_time
for tool in "$candor" "$example"; do
  [ -x "$tool" ] || { echo "build $tool first (see the top of this script)" >&2; exit 1; }
done
command -v soffice >/dev/null || { echo "install libreoffice-writer-nogui first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CANDOR_PASSPHRASE="correct horse battery staple"
export HOME="$work/home"
mkdir -p "$HOME"
# Two vaults: one with the default key derivation, as a seeker's vault is, whose unlocking
# is part of every `candor cv`; one with the cheapest, to see the rest of the process.
vault="$work/seeker.candor"
light="$work/light.candor"

"$example" --write "$work" >/dev/null
"$candor" --vault "$vault" init >/dev/null
"$candor" --vault "$light" init --kdf-memory 19 --kdf-iterations 2 --kdf-parallelism 1 >/dev/null
for v in "$vault" "$light"; do
  "$candor" --vault "$v" profile set < "$work/profile.json" >/dev/null
done

# Milliseconds of wall-clock time one command takes.
millis() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# LibreOffice's first start in a fresh profile builds that profile; that is set-up, not
# conversion, so it happens once before the timed runs.
soffice --headless --convert-to pdf --outdir "$work/lo" "$work/cv.html" >/dev/null 2>&1

candor_times=()
light_times=()
office_times=()
for _ in $(seq "$runs"); do
  candor_times+=("$(millis "$candor" --vault "$vault" cv --lang nb --out "$work/cv.pdf" --force)")
  light_times+=("$(millis "$candor" --vault "$light" cv --lang nb --out "$work/light.pdf" --force)")
  office_times+=("$(millis soffice --headless --convert-to pdf --outdir "$work/lo" "$work/cv.html")")
done
candor_median=$(printf '%s\n' "${candor_times[@]}" | median)
light_median=$(printf '%s\n' "${light_times[@]}" | median)
office_median=$(printf '%s\n' "${office_times[@]}" | median)

echo "candor cv, default key derivation:  ${candor_times[*]} ms; median ${candor_median} ms"
echo "candor cv, cheapest key derivation: ${light_times[*]} ms; median ${light_median} ms"
echo "soffice --headless --convert-to pdf: ${office_times[*]} ms; median ${office_median} ms"
for pair in "default:$candor_median" "cheapest:$light_median"; do
  awk -v name="${pair%%:*}" -v c="${pair##*:}" -v o="$office_median" \
    'BEGIN {printf "candor (%s) / LibreOffice: %.3f\n", name, c / o}'
done
echo "pages: candor $(pdfinfo "$work/cv.pdf" | awk '/^Pages:/ {print $2}'), LibreOffice $(pdfinfo "$work/lo/cv.pdf" | awk '/^Pages:/ {print $2}')"
echo "binary: $(stat -c %s "$candor") bytes ($candor)"
