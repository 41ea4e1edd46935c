#!/usr/bin/python3
"""Renders every lesson's formula (resources/lessons/lessons.json) to resources/lessons/formulas/<id>.svg.

A developer tool, not a build or run dependency: DiveLab has no LaTeX engine at run time, so the formulas are
drawn once here with matplotlib's mathtext (python3-matplotlib), glyphs as paths so that no font is needed to
show them. Each SVG keeps the LaTeX it was drawn from in a comment,
    <!-- divelab-formula: BASE64 OF THE UTF-8 LATEX -->
so tests/ui/test_lessons.cpp can check that the pictures match the formulas now in lessons.json.
Run it after changing a formula:  /usr/bin/python3 scripts/render_lesson_formulas.py
"""
import base64
import io
import json
import pathlib
import re
import sys

import matplotlib

matplotlib.use("svg")
from matplotlib import pyplot as plt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
LESSONS = ROOT / "resources" / "lessons" / "lessons.json"
FORMULAS = ROOT / "resources" / "lessons" / "formulas"
MARKER = "divelab-formula"
TEXT_COLOUR = "#1a1a1a"  # near black: readable on the light window background


def render(latex: str) -> str:
    """The SVG of one formula, cropped to its ink, with the LaTeX stored in a comment."""
    plt.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: no font needed where it is shown
    plt.rcParams["mathtext.fontset"] = "cm"
    plt.rcParams["svg.hashsalt"] = "divelab"  # stable ids: re-running changes nothing
    figure = plt.figure(figsize=(0.01, 0.01))
    figure.patch.set_visible(False)  # only the formula's ink sets the bounding box
    figure.text(0, 0, f"${latex}$", fontsize=18, color=TEXT_COLOUR)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", pad_inches=0.04, transparent=True,
                   metadata={"Date": None, "Creator": None})
    plt.close(figure)
    svg = buffer.getvalue()
    encoded = base64.b64encode(latex.encode("utf-8")).decode("ascii")
    # The comment goes right after the XML declaration, where a reader finds it without parsing the SVG.
    return re.sub(r"(<\?xml[^>]*\?>\n)", rf"\1<!-- {MARKER}: {encoded} -->\n", svg, count=1)


def main() -> int:
    lessons = json.loads(LESSONS.read_text(encoding="utf-8"))["lessons"]
    FORMULAS.mkdir(parents=True, exist_ok=True)
    wanted = set()
    failed = 0
    for lesson in lessons:
        path = FORMULAS / f"{lesson['id']}.svg"
        wanted.add(path.name)
        try:
            path.write_text(render(lesson["formula"]), encoding="utf-8")
        except ValueError as error:  # mathtext's parse error names the place
            print(f"{lesson['id']}: cannot render {lesson['formula']!r}: {error}", file=sys.stderr)
            failed += 1
    if failed:
        return 1
    for stale in FORMULAS.glob("*.svg"):
        if stale.name not in wanted:
            stale.unlink()
    print(f"rendered {len(wanted)} formulas into {FORMULAS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
