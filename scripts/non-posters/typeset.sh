#!/usr/bin/env bash
# Text images, memes, book and album covers, and drawings typeset with ImageMagick from generated backgrounds
# (gradients and noise we make here; never ImageMagick's built-in sample images).
# Usage: typeset.sh OUT_DIR COUNT SEED   Prints file<TAB>group<TAB>source per image.
set -euo pipefail
out=$1 count=$2
RANDOM=$3
fonts=(DejaVu-Sans DejaVu-Sans-Bold DejaVu-Serif DejaVu-Serif-Bold-Italic DejaVu-Sans-Condensed-Bold DejaVu-Sans-Mono DejaVu-Serif-Italic)
words=(night river silent garden memory ocean paper stone winter light city letters kitchen forest engine dream)
pick() { local -n list=$1; echo "${list[RANDOM % ${#list[@]}]}"; }
colour() { printf '#%02x%02x%02x' $((RANDOM % 256)) $((RANDOM % 256)) $((RANDOM % 256)); }
phrase() { local n=$1 s=""; for ((k = 0; k < n; k++)); do s+="$(pick words) "; done; echo "${s% }"; }
background() { # a WxH gradient, optionally noisy and blurred
  local size=$1
  if ((RANDOM % 2)); then echo "-size $size gradient:$(colour)-$(colour)"
  else echo "-size $size xc:$(colour) +noise Random -blur 0x$((RANDOM % 12 + 4)) -modulate 100,$((RANDOM % 60 + 20))"; fi
}
kinds=(note meme book album drawing)
for ((i = 0; i < count; i++)); do
  kind=${kinds[i % ${#kinds[@]}]}
  name=$(printf 'typeset-%s-%04d.jpg' "$kind" "$i")
  font=$(pick fonts)
  case $kind in
    note)
      convert -size $((RANDOM % 600 + 400))x$((RANDOM % 500 + 300)) -background "$(colour)" -fill "$(colour)" -font "$font" \
        -pointsize $((RANDOM % 20 + 14)) caption:"$(phrase $((RANDOM % 60 + 10)))" "$out/$name" ;;
    meme)
      size=$((RANDOM % 300 + 400))x$((RANDOM % 300 + 400))
      # shellcheck disable=SC2046
      convert $(background "$size") -font DejaVu-Sans-Bold -fill white -stroke black -strokewidth 2 -pointsize $((RANDOM % 16 + 30)) \
        -gravity north -annotate +0+10 "$(phrase 4 | tr a-z A-Z)" -gravity south -annotate +0+10 "$(phrase 5 | tr a-z A-Z)" "$out/$name" ;;
    book)
      # shellcheck disable=SC2046
      convert $(background 500x750) -fill "$(colour)" -draw "rectangle 0,$((RANDOM % 300 + 200)) 500,$((RANDOM % 200 + 520))" \
        -font "$font" -fill white -pointsize $((RANDOM % 20 + 40)) -gravity north -annotate +0+60 "$(phrase 2)" \
        -pointsize 26 -gravity south -annotate +0+50 "$(phrase 2 | sed 's/\b./\u&/g')" "$out/$name" ;;
    album)
      # shellcheck disable=SC2046
      convert $(background 600x600) -fill none -stroke "$(colour)" -strokewidth $((RANDOM % 10 + 2)) \
        -draw "circle 300,300 300,$((RANDOM % 200 + 50))" -font "$font" -stroke none -fill "$(colour)" -pointsize $((RANDOM % 30 + 30)) \
        -gravity $( ((RANDOM % 2)) && echo southwest || echo northeast) -annotate +30+30 "$(phrase 2 | tr a-z A-Z)" "$out/$name" ;;
    drawing)
      args=(-size 800x600 "xc:$(colour)")
      for ((s = 0; s < RANDOM % 25 + 5; s++)); do
        x=$((RANDOM % 800)) y=$((RANDOM % 600))
        case $((RANDOM % 3)) in
          0) shape="circle $x,$y $((x + RANDOM % 80)),$y" ;;
          1) shape="rectangle $x,$y $((x + RANDOM % 200)),$((y + RANDOM % 150))" ;;
          *) shape="line $x,$y $((RANDOM % 800)),$((RANDOM % 600))" ;;
        esac
        args+=(-fill "$(colour)" -stroke "$(colour)" -strokewidth $((RANDOM % 6)) -draw "$shape")
      done
      convert "${args[@]}" "$out/$name" ;;
  esac
  echo -e "$name\ttypeset-$kind-$((i / 5 % 10))\timagemagick:$kind:seed$3:$i"
done
