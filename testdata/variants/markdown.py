#!/usr/bin/env python3
"""Writes a report as markdown with its tables as pipe tables, from the
JSON of `govreport extract --json --text` on standard input: the text's
lines as paragraphs, each table where its rows were, every place of a
spanned cell repeating its text (as pandas' to_markdown writes a
DataFrame read off a PDF). Used by make.sh for huaian-2024.md."""
import json
import sys

r = json.loads(sys.stdin.readline())
lines = r["text"].split("\n")


def joined(row):
    out, last = [], None
    for c in row:
        if c != last:
            out.append(c)
        last = c
    return out


def cell(s):
    return s.replace("|", "\\|")


out, i = [], 0
for t in r["tables"]:
    rows = t["rows"]
    # The table's first row as the text writes it: spanned cells once.
    first = "\t".join(joined(rows[0]))
    while i < len(lines) and lines[i] != first:
        out.append(lines[i])
        i += 1
    table = ["| " + " | ".join(cell(c) for c in rows[0]) + " |", "|" + "---|" * len(rows[0])]
    for row in rows[1:]:
        table.append("| " + " | ".join(cell(c) for c in row) + " |")
    out.append("\n".join(table))
    i += sum(1 for row in rows if "".join(row).strip())
out.extend(lines[i:])
# Paragraphs apart, as markdown writes them.
print("\n\n".join(l for l in out if l) + "\n", end="")
