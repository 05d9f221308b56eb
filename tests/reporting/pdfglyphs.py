"""Reads a PDF made by WeasyPrint the way a printer would: the glyph ids each text run shows
and where, and the Vazirmatn font's contextual forms from its GSUB table (fontTools).

WeasyPrint subsets with retained glyph ids and an Identity CID-to-GID map, so the ids in the
content stream are the ids of the original font file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from hamafza.reporting.report import FONT


@dataclass
class Glyph:
    gid: int
    x: float  # left edge, in text space after Tm
    width: float


def _widths(descendant) -> dict[int, float]:
    out: dict[int, float] = {}
    w = descendant.get("/W", [])
    i = 0
    while i < len(w):
        first = int(w[i])
        nxt = w[i + 1]
        if isinstance(nxt, list) or hasattr(nxt, "__iter__"):
            for k, width in enumerate(nxt):
                out[first + k] = float(width)
            i += 2
        else:
            for gid in range(first, int(nxt) + 1):
                out[gid] = float(w[i + 2])
            i += 3
    return out


def embedded_fonts(pdf: bytes) -> dict[str, bytes]:
    """BaseFont name → embedded font program, for every font of every page."""
    reader = PdfReader(io.BytesIO(pdf))
    out = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in desc:
                    out[str(font["/BaseFont"])] = desc[key].get_object().get_data()
    return out


def text_runs(pdf: bytes) -> list[list[Glyph]]:
    """Each TJ/Tj of every page as its glyphs, left to right as drawn."""
    reader = PdfReader(io.BytesIO(pdf))
    runs: list[list[Glyph]] = []
    for page in reader.pages:
        fonts = {name: f.get_object() for name, f in page["/Resources"]["/Font"].items()}
        widths = {name: _widths(f["/DescendantFonts"][0].get_object()) for name, f in fonts.items()}
        size, font, x = 12.0, None, 0.0
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                font, size = str(operands[0]), float(operands[1])
            elif op == b"Tm":
                x = float(operands[4])
            elif op == b"Td":
                x += float(operands[0])
            elif op in (b"TJ", b"Tj"):
                items = operands[0] if op == b"TJ" else [operands[0]]
                run: list[Glyph] = []
                for part in items:
                    if isinstance(part, (int, float)) or type(part).__name__ in ("FloatObject", "NumberObject"):
                        x -= float(part) / 1000 * size
                        continue
                    raw = part.get_original_bytes() if hasattr(part, "get_original_bytes") else bytes(part)
                    for k in range(0, len(raw) - 1, 2):
                        gid = raw[k] << 8 | raw[k + 1]
                        w = widths[font].get(gid, 0.0) / 1000 * size
                        run.append(Glyph(gid, x, w))
                        x += w
                runs.append(run)
    return runs


@cache
def vazirmatn() -> TTFont:
    return TTFont(str(FONT))


@cache
def forms() -> dict[str, dict[int, int]]:
    """For each of init, medi, fina: base glyph id → contextual glyph id."""
    font = vazirmatn()
    gsub = font["GSUB"].table
    out: dict[str, dict[int, int]] = {"init": {}, "medi": {}, "fina": {}}
    for record in gsub.FeatureList.FeatureRecord:
        tag = record.FeatureTag
        if tag not in out:
            continue
        for index in record.Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[index]
            for sub in lookup.SubTable:
                if lookup.LookupType == 7:
                    sub = sub.ExtSubTable
                if getattr(sub, "mapping", None):
                    for src, dst in sub.mapping.items():
                        out[tag][font.getGlyphID(src)] = font.getGlyphID(dst)
    return out


def base_gid(char: str) -> int:
    font = vazirmatn()
    return font.getGlyphID(font.getBestCmap()[ord(char)])


def shaped(word: list[tuple[str, str]]) -> list[int]:
    """Glyph ids of a word given as (letter, form) in logical order; form "isol" is the base."""
    table = forms()
    return [base_gid(ch) if form == "isol" else table[form][base_gid(ch)] for ch, form in word]


def find(runs: list[list[Glyph]], gids: list[int]) -> list[Glyph] | None:
    """The drawn glyphs of a word (logical order) whose glyphs are laid out right to left."""
    visual = list(reversed(gids))
    n = len(visual)
    for run in runs:
        ids = [g.gid for g in run]
        for start in range(len(ids) - n + 1):
            if ids[start:start + n] == visual:
                return list(reversed(run[start:start + n]))
    return None
