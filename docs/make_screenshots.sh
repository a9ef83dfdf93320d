#!/bin/sh
# Makes the screenshots in docs/img/ from the bundled example:
#   roster-print.png   the first printed page of the Roster sheet (LibreOffice, A4 landscape)
#   day-view.png       the first printed page of the "Areas by day" sheet
#   briefing.png       the CEN page of the briefing for Saturday 6 February 2027 (chromium)
# Needs: the venv, libreoffice-calc-nogui, poppler-utils, chromium.
# Usage: sh docs/make_screenshots.sh [ROSTER.xlsx]   (without it the example is solved first)
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
roster=${1:-}
if [ -z "$roster" ]; then
    roster="$work/example-roster.xlsx"
    .venv/bin/roster solve examples/example.xlsx -o "$roster" --time-limit 60 --quiet
fi
cp "$roster" "$work/roster.xlsx"
soffice --headless "-env:UserInstallation=file://$work/lo" --convert-to pdf --outdir "$work" \
    "$work/roster.xlsx" >/dev/null
pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$work/roster.pdf" docs/img/roster-print
# the day view follows the Roster's pages: find its first page by the footer's sheet name
page=$(for i in $(seq 1 20); do
    if pdftotext -f "$i" -l "$i" "$work/roster.pdf" - | grep -q "^Areas by day"; then echo "$i"; break; fi
done)
pdftoppm -png -r 72 -f "$page" -l "$page" -singlefile "$work/roster.pdf" docs/img/day-view
.venv/bin/roster briefing "$work/roster.xlsx" --input examples/example.xlsx --date 2027-02-06 \
    --area CEN --reports data/reports.csv -o "$work/briefing.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu "--user-data-dir=$work/chromium" \
    --no-pdf-header-footer "--print-to-pdf=$work/briefing.pdf" "$work/briefing.html" 2>/dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/briefing.pdf" docs/img/briefing
rm -rf "$work"
ls -l docs/img/*.png
