"""The HTML report in a real browser: Debian's headless chromium parses and renders it without a
script error, and a screenshot shows the heatmap and the charts in their colours.

Skipped, with the reason, only where chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster_solver.cli import app
from roster_solver.export.report import BAR, HOURS_BAND
from roster_solver.workbook import styles
from roster_solver.workbook.template import write_input_workbook
from tests.export.report_cases import report_problem

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (apt-get install -y chromium; .ci/run installs it)",
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what chromium
    writes), decoded with the standard library only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6), (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                cur[i] = (cur[i] + a) & 255
            elif kind == 2:
                cur[i] = (cur[i] + b) & 255
            elif kind == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        pixels.extend(tuple(cur[i : i + 3]) for i in range(0, stride, channels))  # type: ignore[misc]
        prev = cur
    return width, height, pixels


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16))


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small problem solved by `roster solve`, then `roster report` on its roster."""
    tmp = tmp_path_factory.mktemp("report")
    team = tmp / "team.xlsx"
    write_input_workbook(team, report_problem())
    roster = tmp / "roster.xlsx"
    runner = CliRunner()
    r = runner.invoke(
        app, ["solve", str(team), "-o", str(roster), "--time-limit", "10", "--workers", "2", "--quiet"]
    )
    assert r.exit_code == 0, r.output
    page = tmp / "report.html"
    r = runner.invoke(app, ["report", str(roster), "-o", str(page)])
    assert r.exit_code == 0, r.output
    return page


def test_chromium_renders_the_report_without_script_errors(report_page: Path, tmp_path: Path) -> None:
    source = report_page.read_text(encoding="utf-8")
    done = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", report_page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Uncaught" not in done.stderr, done.stderr[-2000:]
    dom = done.stdout
    # The page's own script ran to its end and counted every chart the browser parsed.
    marker = re.search(r'<html lang="en" data-rendered="(\d+)">', dom)
    assert marker is not None, dom[:500]
    assert int(marker.group(1)) == source.count("<svg") >= 8  # 2 heatmaps, 4 fairness, hours, penalties
    for section in ("violations", "coverage", "grid", "fairness", "hours", "penalties"):
        assert f'id="{section}"' in dom
    assert "No hard rule is broken." in dom
    assert "&lt;script&gt;alert" in dom  # the hostile name stayed text


def test_a_screenshot_shows_the_heatmap_and_the_charts(report_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    # The whole page (1200 x 3000 CSS pixels) at half scale: a quarter of the pixels to decode.
    done = chromium(
        tmp_path,
        "--window-size=1200,3000",
        "--force-device-scale-factor=0.5",
        f"--screenshot={shot}",
        report_page.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.stat().st_size > 20_000  # a blank page is a few kilobytes
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (600, 1500)
    seen = Counter(pixels)
    white = seen[(255, 255, 255)]
    assert white < 0.97 * len(pixels)
    # Solid areas in the report's own colours, far more than the legend's swatches (25 pixels
    # each at this scale): heatmap cells that are met, fairness and hours bars, the hours band.
    for name, colour in (("heatmap green", styles.COVERED), ("bars", BAR), ("hours band", HOURS_BAND)):
        assert seen[rgb(colour)] > 200, name


@pytest.mark.slow
def test_the_example_report_renders_in_chromium(tmp_path: Path) -> None:
    """The bundled example (50 people, 4 weeks), solved for 20 s, reported and opened."""
    example = Path(__file__).resolve().parents[2] / "examples" / "example.xlsx"
    roster, page = tmp_path / "roster.xlsx", tmp_path / "report.html"
    runner = CliRunner()
    r = runner.invoke(
        app, ["solve", str(example), "-o", str(roster), "--time-limit", "20", "--workers", "2", "--quiet"]
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["report", str(roster), "-o", str(page)])
    assert r.exit_code == 0, r.output
    source = page.read_text(encoding="utf-8")
    assert source.count('<figure class="heatmap"') == 6  # five wijken and the city-wide rows
    done = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri())
    assert done.returncode == 0 and "Uncaught" not in done.stderr, done.stderr[-2000:]
    marker = re.search(r'<html lang="en" data-rendered="(\d+)">', done.stdout)
    assert marker is not None and int(marker.group(1)) == source.count("<svg")
