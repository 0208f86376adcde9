// Package extract turns one report document into a report.Report: bytes
// in, values out, with no network or disk access.
//
// It owns, in the order the data flows:
//   - decoding (Decode): UTF-8, GB2312/GBK/GB18030 and UTF-16 from a BOM,
//     an HTTP Content-Type, a header block saved in the file or a <meta>
//     tag, else a guess; declarations the bytes contradict are overruled
//     and reported;
//   - finding the report body in a portal page (CMS content containers,
//     else text density) and rendering it as plain text with offsets;
//   - the other formats (read): a PDF through a pdf.Reader, its lines,
//     paragraphs and ruled tables rebuilt from positions and joined across
//     pages; a Word .docx's paragraphs and tables; markdown pipe tables and
//     text laid out in columns (pdftotext -layout); every format ends in
//     the same text and grids (docBuilder), read by the code below;
//   - grids (BuildGrid): every HTML table with rowspan and colspan
//     expanded;
//   - the standard tables 二/三/四 of the 2019 and 2021 templates, keyed by
//     standard-table-keys.csv (embedded), including tables split in two,
//     repeated headers, misaligned colspans and subtotal rows or columns;
//     other tables come out as generic grids with labelled values;
//   - cell values (ParseCell): number, blank, dash or text; a blank is
//     never 0;
//   - the arithmetic checks (Checks): T3-BALANCE, T3-TOTAL-ROW,
//     T3-TOTAL-COL, T4-TOTAL;
//   - metadata: title, issuer, the year covered, published date, kind,
//     format and the numbered sections.
//
// What goes wrong with a document is a report.Problem on its report; Extract
// never fails.
package extract
