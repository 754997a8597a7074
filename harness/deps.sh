#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install what the harness needs from Debian's packages (as root), or print
# the command to do so.
. "$(dirname "$0")/common.sh"

pkgs=(build-essential bc bison flex libelf-dev libssl-dev pkg-config cpio kmod
      dwarves rsync qemu-system-x86 busybox-static python3 xz-utils zstd
      ccache git xorriso python3-ply python3-git lz4 lzop debhelper openssl)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	die "missing packages; run as root: apt-get update && $cmd"
fi
say "installing ${missing[*]}"
timed "apt-get update" apt-get update -qq
DEBIAN_FRONTEND=noninteractive timed "apt-get install" $cmd >/dev/null
