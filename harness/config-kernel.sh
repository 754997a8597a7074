#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# config-kernel.sh SRC OUT FRAGMENT...: write OUT/.config from tinyconfig
# plus the fragments, and fail if any requested option did not survive
# (unmet dependencies drop options silently).
. "$(dirname "$0")/common.sh"

src=$(realpath "$1") out=$(realpath -m "$2")
shift 2
mkdir -p "$out"
stamp=$out/.config-fragments
want=$(cat "$@")
if [ -f "$out/.config" ] && [ -f "$stamp" ] && [ "$want" = "$(cat "$stamp")" ]; then
	exit 0
fi

make -s -C "$src" O="$out" tinyconfig >/dev/null
cat "$@" >> "$out/.config"
# olddefconfig warns about every option the fragments override: keep quiet
# unless it fails.
make -s -C "$src" O="$out" olddefconfig >"$out/.config.log" 2>&1 ||
	{ cat "$out/.config.log" >&2; die "olddefconfig failed"; }

missing=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*) opt=${line%%=*} ;;
	"# CONFIG_"*" is not set") opt=${line#\# }; opt=${opt%% *} ;;
	*) continue ;;
	esac
	have=$(grep -E "^$opt=|^# $opt is not set" "$out/.config" || echo "# $opt is not set")
	if [ "$have" != "$line" ]; then
		# An option that is not set may also be absent altogether.
		case "$line" in "# "*) [ "$have" = "# $opt is not set" ] && continue ;; esac
		printf '%s: wanted "%s", got "%s"\n' "$out/.config" "$line" "$have" >&2
		missing=1
	fi
done < <(cat "$@")
[ $missing -eq 0 ] || die "some requested config options did not survive olddefconfig"
printf '%s' "$want" > "$stamp"
