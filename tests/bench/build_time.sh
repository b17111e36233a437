#!/usr/bin/env bash
# What a cold release build of the `candor` command costs, at two commits, one after the
# other on the same machine: each commit is checked out into a temporary worktree and built
# into an empty target folder (the crates are already downloaded, so only compiling is
# timed). Prints wall-clock and CPU seconds and the binary's size for each.
#
#   tests/bench/build_time.sh 5376ebf HEAD
set -euo pipefail

repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'for w in "$work"/tree-*; do git -C "$repo" worktree remove --force "$w" 2>/dev/null || true; done; rm -rf "$work"' EXIT

printf '%-10s %10s %10s %12s\n' commit "wall (s)" "cpu (s)" "size (MB)"
for commit in "$@"; do
  short=$(git -C "$repo" rev-parse --short "$commit")
  tree="$work/tree-$short"
  git -C "$repo" worktree add --detach --quiet "$tree" "$commit"
  ( cd "$tree" && cargo fetch --quiet )
  /usr/bin/time -f '%e %U %S' -o "$work/time-$short" \
    env CARGO_TARGET_DIR="$work/target-$short" CARGO_INCREMENTAL=0 \
    cargo build --quiet --release --manifest-path "$tree/Cargo.toml" -p candor-cli --bin candor
  read -r wall user sys < "$work/time-$short"
  size=$(stat -c %s "$work/target-$short/release/candor")
  awk -v c="$short" -v w="$wall" -v u="$user" -v s="$sys" -v b="$size" \
    'BEGIN { printf "%-10s %10.0f %10.0f %12.2f\n", c, w, u + s, b / 1000000 }'
  rm -rf "$work/target-$short"
done
