#!/usr/bin/env python3
"""Prints the WIDE table of crate/script/width.rs from this CPython's unicodedata: the ranges
of East Asian Wide and Fullwidth characters, which CPython's traceback counts two columns wide
under its carets. Unassigned code points between two wide ones are taken in, to keep the table
short (a source line holds none)."""
import textwrap
import unicodedata

ranges, last_wide = [], False
for c in range(0x110000):
    ch = chr(c)
    if unicodedata.category(ch) == "Cn":
        continue
    wide = unicodedata.east_asian_width(ch) in "WF"
    if wide and last_wide:
        ranges[-1][1] = c
    elif wide:
        ranges.append([c, c])
    last_wide = wide
print(f"// Unicode {unicodedata.unidata_version}, {len(ranges)} ranges")
items = ", ".join(f"(0x{a:X}, 0x{b:X})" for a, b in ranges)
print("\n".join("    " + line for line in textwrap.wrap(items, 96)))
