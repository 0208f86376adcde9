#!/usr/bin/env bash
# Makes the converted variants of the real reports that have gold files
# (testdata/gold/index.csv), for the robustness tests of the PDF, Word
# and text readers: truth stays the gold, read off the real documents.
#
#   NAME.chromium.pdf   the HTML report printed to PDF by headless Chromium
#   NAME.docx           the HTML report converted to Word by LibreOffice
#   NAME.md             that Word file as markdown, by pandoc (merged cells
#                       written once, their other places left empty)
#   huaian-2024.layout.txt   the real PDF as pdftotext -layout writes it
#   huaian-2024.md      the real PDF's text and tables, as govreport's PDF
#                       reader reads them, written as markdown by
#                       markdown.py (every place of a merged cell repeating
#                       its text): a test of the markdown reader, whose
#                       truth is still the gold of the PDF
#
# Needs Go and the Debian packages chromium, libreoffice-writer-nogui,
# pandoc, poppler-utils, python3 and fonts-noto-cjk. Run from the repository root:
#   testdata/variants/make.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=testdata/variants
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tail -n +2 testdata/gold/index.csv | while IFS=, read -r name path; do
	src=testdata/$path
	case "$src" in
	*.htm|*.html) ;;
	*) continue ;;
	esac
	page="$tmp/$name.html"
	if grep -qi '<html' "$src"; then
		cp "$src" "$page"
	else
		# A fragment: give it a page and its encoding, as a browser needs.
		{ echo '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'; cat "$src"; echo '</body></html>'; } >"$page"
	fi
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$tmp/profile" --no-pdf-header-footer \
		--print-to-pdf="$(pwd)/$out/$name.chromium.pdf" "file://$page" </dev/null 2>"$tmp/chromium.log" || { cat "$tmp/chromium.log"; exit 1; }
	soffice --headless -env:UserInstallation="file://$tmp/lo" --convert-to docx:"MS Word 2007 XML" --outdir "$tmp" "$page" </dev/null >/dev/null 2>&1
	mv "$tmp/$name.docx" "$out/$name.docx"
	pandoc -t markdown_strict+pipe_tables "$out/$name.docx" -o "$out/$name.md"
done
pdftotext -layout testdata/corpus/pdf/huaian-2024.pdf "$out/huaian-2024.layout.txt"
go run ./cmd/govreport extract --json --text testdata/corpus/pdf/huaian-2024.pdf | python3 "$out/markdown.py" >"$out/huaian-2024.md"
ls -l "$out"
