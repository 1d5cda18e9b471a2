#!/usr/bin/env bash
# Builds the non-poster image set the poster gate learns "not a poster" from, reproducibly, into OUT_DIR (outside
# the repo): images from Debian packages (other desktops' wallpapers, icons, game art), our own plots, screenshots
# of our own pages, and ImageMagick typesetting. OUT_DIR/sources.tsv names each image's group and source; the
# training code splits train/validation by group hash, so a validation group is never seen in training.
#
# Never used (they are the held-out judge's sources): gnome-backgrounds, mate-backgrounds, lomiri-wallpapers-20.04,
# ukui-wallpapers, python3-skimage's and matplotlib's sample images, openclipart-png, ImageMagick's built-in images,
# screenshots of /usr/share/doc pages.
#
# Usage: scripts/non-posters/build.sh OUT_DIR [SECTION...]   sections: packages plots pages typeset (default: all,
# run side by side). Needs root for apt-get (INSTALL=0 skips it); reruns resume, keeping finished images.
set -euo pipefail
out=${1:?usage: build.sh OUT_DIR [packages|plots|pages|typeset...]}
shift
sections=("${@:-packages plots pages typeset}")
read -r -a sections <<< "${sections[*]}"
here=$(cd "$(dirname "$0")" && pwd)
packages=(plasma-workspace-wallpapers lomiri-wallpapers-16.04 sway-backgrounds desktop-base xfdesktop4-data
  debian-edu-artwork-emerald debian-edu-artwork-homeworld debian-edu-artwork-softwaves debian-edu-artwork-buster
  kdegames-mahjongg-data-kf5 mypaint-data-extras oxygen-icon-theme frozen-bubble-data tuxpaint-stamps-default)
# Packages with thousands of near-identical images contribute a deterministic sample only.
declare -A cap=([oxygen-icon-theme]=300 [frozen-bubble-data]=250 [tuxpaint-stamps-default]=450)

if [[ ${INSTALL:-1} == 1 ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" python3-matplotlib chromium imagemagick >&2
fi
mkdir -p "$out/images" "$out/work"

# A package image's group is its folder with size folders (256x256, 1920x1080) dropped: every size of one
# wallpaper, and every icon of one category, falls on the same side of the split.
package_images() {
  local package=$1 limit=${cap[$1]:-100000} n=0 sources=$2
  # A package with no match, or `head` closing the pipe early, is not a failure.
  local -
  set +o pipefail
  dpkg -L "$package" | grep -iE '\.(jpe?g|png|svgz?)$' | grep -v '/usr/share/doc/' |
    { if [[ $package == oxygen-icon-theme ]]; then grep -E '/(256x256|128x128)/'; else cat; fi; } |
    while read -r path; do echo "$(echo "$path" | md5sum | cut -c1-8) $path"; done | sort | cut -d' ' -f2- | head -n "$limit" |
    while read -r path; do
      n=$((n + 1))
      name="pkg-$package-$(printf '%04d' $n).jpg"
      group="$package:$(dirname "$path" | sed -E 's#/[0-9]+x[0-9]+(/|$)#/#g; s#/(contents|images)$##; s#/(contents|images)$##')"
      if [[ -s $out/images/$name ]] || convert -define jpeg:size=2048x2048 -density 96 "$path[0]" -background white -flatten -resize '1280x1280>' \
          -quality 90 "$out/images/$name" 2>/dev/null &&
        [[ $(identify -format '%[fx:min(w,h)]' "$out/images/$name") -ge 48 ]]; then
        echo -e "$name\t$group\tdebian:$package:$path" >> "$sources"
      else
        rm -f "$out/images/$name"
      fi
    done
}
section_packages() {
  : > "$out/sources-packages.tsv"
  for package in "${packages[@]}"; do package_images "$package" "$out/sources-packages.tsv"; echo "packages: $package done" >&2; done
}
section_plots() { /usr/bin/python3 "$here/plots.py" "$out/images" 320 1 > "$out/sources-plots.tsv"; }
section_pages() {
  /usr/bin/python3 "$here/pages.py" "$out/work" 240 1 | while IFS=$'\t' read -r page width height group source; do
    name="${page%.html}.png"
    [[ -s $out/images/$name ]] || chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out/images/$name" \
      --window-size="$width,$height" "file://$out/work/$page" >/dev/null 2>&1 && echo -e "$name\t$group\t$source"
  done > "$out/sources-pages.tsv"
}
section_typeset() { bash "$here/typeset.sh" "$out/images" 400 1 > "$out/sources-typeset.tsv"; }

for section in "${sections[@]}"; do "section_$section" & done
wait
{ echo -e "file\tgroup\tsource"; cat "$out"/sources-*.tsv; } > "$out/sources.tsv"
echo "done: $(($(wc -l < "$out/sources.tsv") - 1)) images in $out" >&2
