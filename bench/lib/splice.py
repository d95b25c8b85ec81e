#!/usr/bin/python3
"""Replaces one generated section of bench/RESULTS.md, keeping everything else (hand-written analysis,
the other generated sections) as it is.

   splice.py RESULTS.md NAME CONTENT.md

The section is the text between the lines `<!-- NAME:begin -->` and `<!-- NAME:end -->`. If the file has
no such section, it is appended at the end (the file is created when missing).
"""
import os
import sys

path, name, content_file = sys.argv[1:4]
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
with open(content_file) as f:
    body = f.read().rstrip("\n") + "\n"
text = open(path).read() if os.path.exists(path) else ""
lines = text.splitlines(keepends=True)
try:
    i = next(k for k, l in enumerate(lines) if l.strip() == begin)
    j = next(k for k, l in enumerate(lines) if l.strip() == end and k > i)
    new = "".join(lines[: i + 1]) + body + "".join(lines[j:])
except StopIteration:
    new = text.rstrip("\n") + ("\n\n" if text else "") + f"{begin}\n{body}{end}\n"
tmp = path + ".tmp"
with open(tmp, "w") as f:
    f.write(new)
os.replace(tmp, path)
