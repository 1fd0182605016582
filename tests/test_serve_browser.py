"""serve in Debian's Chromium (Playwright, never a downloaded browser) against a real server
started here on a free loopback port (`attribtrack serve --port 0` in a subprocess)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "out"
HOSTILE_1 = "hostile story\nThe mayor said <script>alert(1)</script> was fine.\n"
HOSTILE_2 = HOSTILE_1 + "\n<img src=x onerror=alert(2)> appeared, officials said.\n"

if not (os.path.exists(CHROMIUM) and shutil.which("chromium")):
    if os.environ.get("CI"):
        pytest.fail(f"CI: Debian Chromium is required at {CHROMIUM}", pytrace=False)
    pytest.skip("Debian Chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def _cli(store: Path, *args: str) -> None:
    exe = Path(sys.executable).with_name("attribtrack")
    subprocess.run([str(exe), "--store", str(store), *args], check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser")
    store = tmp / "st.db"
    _cli(
        store,
        "ingest",
        str(ROOT / "fixtures/crocus.txt"),
        str(ROOT / "fixtures/crocus-rev2.txt"),
        "--doc",
        "crocus",
    )
    for n, text in ((1, HOSTILE_1), (2, HOSTILE_2)):
        (tmp / f"hostile{n}.txt").write_text(text, encoding="utf-8")
        _cli(store, "ingest", str(tmp / f"hostile{n}.txt"), "--doc", "hostile")
    exe = Path(sys.executable).with_name("attribtrack")
    proc = subprocess.Popen([str(exe), "--store", str(store), "serve", "--port", "0"],
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        url = None
        deadline = time.monotonic() + 60
        assert proc.stderr is not None
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            if m := re.search(r"serving (http://127\.0\.0\.1:\d+/)", line):
                url = m.group(1)
                break
        assert url, "serve did not report its address"
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_documents_story_diff_and_anchor(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 700})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server)
    page.get_by_role("link", name="crocus", exact=True).click()
    page.wait_for_url(re.compile(r"/doc/crocus$"))
    assert page.locator("#timeline tr").count() == 3
    page.locator("a.diff-link").first.click()
    page.wait_for_url(re.compile(r"/doc/crocus/diff/1/2$"))
    links = page.locator("#changes a.badge")
    assert links.count() > 0
    last = links.nth(links.count() - 1)
    target = last.get_attribute("href")
    assert target and target.startswith("#p")
    last.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    para = page.locator(target)
    assert para.evaluate("e => e.matches(':target')")
    box = para.bounding_box()
    assert box is not None and box["y"] < 700 and box["y"] + box["height"] > 0, box
    page.locator(f"{target} .verdicts").first.wait_for()
    OUT.mkdir(parents=True, exist_ok=True)
    page.goto(server + "doc/crocus/diff/1/2")
    page.screenshot(path=str(OUT / "serve-diff.png"), full_page=True)
    assert not errors, errors
    page.close()


def test_hostile_article_runs_nothing(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    for path in ("doc/hostile/diff/1/2", "doc/hostile/blame", "doc/hostile/sources", "doc/hostile"):
        page.goto(server + path)
        page.wait_for_load_state("load")
    page.goto(server + "doc/hostile/diff/1/2")
    text = page.locator(".text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert page.locator(".text script").count() == 0 and page.locator(".text img").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    assert console == [], console
    page.close()
