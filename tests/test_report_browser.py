"""`nq57parse report` opened in a real browser (headless Chromium through selenium).

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and selenium (dev
extra). Skipped when they are absent, except in CI (``CI=true``), where their absence is a failure.
The page is opened with every network request sent to a dead proxy, so it must work offline; the
test clicks a citation, sorts and filters an appendix table, and saves a screenshot in bench/out/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import NEWS, ROOT, SAMPLES
from typer.testing import CliRunner

from nq57parse.cli import app

pytestmark = pytest.mark.slow  # starts headless Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
OUT = ROOT / "bench" / "out"


def _browser_or_skip():
    missing = [n for n, p in (("chromium", CHROMIUM), ("chromedriver", DRIVER)) if p is None]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install {', '.join(missing)} (.ci/run)")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    inputs = [
        str(NEWS),
        str(SAMPLES / "quyet-dinh-2121-QD-BYT.txt"),
        str(SAMPLES / "ke-hoach-hanoi-hop-tac-quoc-te-y-te.txt"),
    ]
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", *inputs, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--proxy-server=http://127.0.0.1:9",  # nothing listens there: any network request fails
        "--proxy-bypass-list=<-loopback>",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_the_report_opens_offline_and_links_citations_sorts_and_filters(report, browser):
    from selenium.webdriver.common.by import By

    browser.get(report.as_uri())
    assert browser.title == "nq57parse report"
    # nothing was fetched: the page is self-contained
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return document.styleSheets[0].cssRules.length") > 10
    # the decision 2121/QĐ-BYT is one of the inputs: find its section
    section = next(
        s
        for s in browser.find_elements(By.CSS_SELECTOR, "section.doc")
        if "2121/QĐ-BYT" in s.find_element(By.TAG_NAME, "h2").text
    )
    # click a citation of 57-NQ/TW in its text: the reference entry is shown and marked
    cite = next(
        a for a in section.find_elements(By.CSS_SELECTOR, ".text a.cite[href]") if "57-NQ/TW" in a.text
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cite)
    cite.click()
    ref_id = cite.get_attribute("href").split("#", 1)[1]
    entry = browser.find_element(By.ID, ref_id)
    assert browser.execute_script("return location.hash") == f"#{ref_id}"
    assert entry.is_displayed() and "57-NQ/TW" in entry.text
    assert "shown" in entry.get_attribute("class").split()
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", entry
    )
    OUT.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(OUT / "report-reference.png"))
    # sort the appendix table by its task column, then the other way
    table = section.find_element(By.CSS_SELECTOR, "table.data")
    header = next(th for th in table.find_elements(By.TAG_NAME, "th") if th.text.startswith("Tên nhiệm vụ"))
    column = [th.text for th in table.find_elements(By.TAG_NAME, "th")].index(header.text)
    values = (
        "return Array.from(arguments[0].tBodies[0].rows).map(r => r.cells[arguments[1]].textContent.trim())"
    )
    compare = "return arguments[0].every((v, i, a) => !i || new Intl.Collator('vi', {numeric: true, sensitivity: 'base'}).compare(a[i - 1], v) <= 0)"
    before = browser.execute_script(values, table, column)
    browser.execute_script("arguments[0].scrollIntoView()", header)
    header.click()
    ascending = browser.execute_script(values, table, column)
    assert sorted(ascending) == sorted(before) and ascending != before
    assert browser.execute_script(compare, ascending)
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert browser.execute_script(values, table, column) == ascending[::-1]
    assert browser.save_screenshot(str(OUT / "report-table.png"))
    # filter: only rows with the words stay visible
    box = section.find_element(By.CSS_SELECTOR, ".table-tools input")
    box.send_keys("Văn phòng Bộ")
    visible = [r for r in table.find_elements(By.CSS_SELECTOR, "tbody tr") if r.is_displayed()]
    assert 0 < len(visible) < len(before)
    assert all("văn phòng bộ" in r.text.lower() for r in visible)
    box.clear()
    # the graph is drawn inline (graphviz) or listed
    assert browser.find_elements(By.CSS_SELECTOR, "#graph svg, #graph ul li")
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(OUT / "report.png"))
