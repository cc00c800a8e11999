"""The HTML page: marks that reproduce the text, tooltips, the map, the profile, nothing loaded;
and the page as a real headless Chromium renders it."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toponyms import Matcher, Mention, load
from toponyms.cli import main
from toponyms.formats import WRITERS, DocumentResult
from toponyms.page import write_page

RUSSIAN = "Бои шли под Красноармейском и Артемовском.\r\nВ Донецке тихо."  # CRLF, as read
HOSTILE = '<script>alert("x")</script> Удар по Покровську & «Бахмут» </mark><b>'
ENGLISH = (
    "Talks in Washington; shelling of Kharkov, then Kharkiv again near the Kakhovka Reservoir."
)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class _Page(HTMLParser):
    """What a page holds: each mark's attributes and text, each document's text, every tag,
    every resource reference, the text of each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.texts: list[str] = []
        self.tags: list[str] = []
        self.references: list[str] = []
        self.script_text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        self.references += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]
        if tag == "mark":
            self.marks.append((found, ""))
        if tag == "div" and found.get("class") == "text":
            self.texts.append("")
            self._open.append("text")
        else:
            self._open.append(str(found.get("id") or tag))

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if "text" in self._open:
            self.texts[-1] += data
        if self._open and self._open[-1] == "mark":
            attrs, text = self.marks[-1]
            self.marks[-1] = (attrs, text + data)
        elif self._open:
            self.script_text[self._open[-1]] = self.script_text.get(self._open[-1], "") + data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load())


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [RUSSIAN, HOSTILE, ENGLISH]


@pytest.fixture(scope="module")
def mentions(matcher: Matcher, texts: list[str]) -> list[list[Mention]]:
    return [matcher.annotate(text) for text in texts]


@pytest.fixture(scope="module")
def page(matcher: Matcher, texts: list[str], mentions: list[list[Mention]]) -> str:
    results = [
        DocumentResult(id=f"doc-{n}", mentions=tuple(found), text=text)
        for n, (text, found) in enumerate(zip(texts, mentions, strict=True))
    ]
    results.insert(1, DocumentResult(id="broken.txt", error="cannot read broken.txt"))
    stream = io.StringIO()
    write_page(results, stream, gazetteer=matcher.gazetteer)
    return stream.getvalue()


def test_every_mention_is_one_mark_with_its_surface(
    page: str, mentions: list[list[Mention]]
) -> None:
    marks = _parse(page).marks
    surfaces = [m.surface for found in mentions for m in found]
    assert [text for _, text in marks] == surfaces
    assert [attrs["data-place"] for attrs, _ in marks][:2] == [
        "ua/donetska/pokrovsk",
        "ua/donetska/bakhmut",
    ]


def test_marks_are_classed_by_status_and_kind(page: str) -> None:
    classes = {text: attrs["class"] for attrs, text in _parse(page).marks}
    assert classes["Красноармейском"] == "m s-former k-settlement"
    assert classes["Kakhovka Reservoir"] == "m s-official k-water"


def test_each_text_reads_back_as_written(page: str, texts: list[str]) -> None:
    assert _parse(page).texts == texts


PIECES = ["Покровськ", "Kharkiv", "Бахмут", "<", ">", "&", "&amp;", '"', "'", "\r\n", "\r", " "]
page_texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=20).map("".join)


@settings(max_examples=60, deadline=None, database=None)
@given(text=page_texts.filter(lambda text: "\0" not in text))  # HTML has no NUL character
def test_any_text_round_trips_through_the_page(matcher: Matcher, text: str) -> None:
    mentions = matcher.annotate(text)
    stream = io.StringIO()
    write_page([DocumentResult(id=text, mentions=mentions, text=text)], stream)
    parsed = _parse(stream.getvalue().replace("&#13;", "\r"))  # as a browser reads it
    assert parsed.texts == [text]
    assert [mark for _, mark in parsed.marks] == [m.surface for m in mentions]


def test_hostile_text_stays_text(page: str) -> None:
    parsed = _parse(page)
    assert parsed.tags.count("script") == 2  # the page's data and its code, nothing from the text
    assert parsed.tags.count("b") == 0
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page
    assert "&lt;/mark&gt;&lt;b&gt;" in page


def test_the_page_loads_nothing(page: str) -> None:
    parsed = _parse(page)
    assert parsed.references and all(ref.startswith("#") for ref in parsed.references)
    assert "http://" not in page and "https://" not in page
    assert "default-src 'none'" in page  # the Content-Security-Policy forbids any fetch


def test_tooltips_carry_place_parents_score_evidence_and_alternatives(page: str) -> None:
    data = json.loads(_parse(page).script_text["toponyms-data"])
    assert data[1] == []  # the document that failed
    artemovsk = data[0][1]
    assert artemovsk["name"] == "Bakhmut"
    assert artemovsk["parents"][-2:] == ["Donetsk Oblast", "Ukraine"]
    assert artemovsk["status"] == "former ru: Артемовск"
    assert artemovsk["evidence"] and artemovsk["score"] > 0
    # Артемовск was also Kypuche's name: the namesake is offered by name.
    assert any(alt.startswith("Kypuche (ua/luhanska/kypuche)") for alt in artemovsk["alternatives"])
    kharkov = next(m for m in data[3] if m["place_id"] == "ua/kharkivska/kharkiv")
    assert kharkov["method"] == "translit (ru:wikipedia)"


def test_the_map_has_a_dot_per_place_and_lists_the_far_ones(page: str) -> None:
    dots = page.count('<circle class="dot')
    assert dots == 3 + 2 + 2  # Pokrovsk, Bakhmut, Donetsk; Pokrovsk, Bakhmut; Kharkiv, reservoir
    assert "Beyond the map: Washington: Washington" in page
    assert page.count('href="#toponyms-oblasts"') == 3  # the outlines once, used by each map


def test_the_page_shows_each_profile_and_the_corpus(page: str) -> None:
    assert '<td>former ru</td><td class="count">2</td><td>Красноармейск, Артемовск</td>' in page
    assert "<td>ru:wikipedia</td>" in page and "<td>uk:kmu2010</td>" in page
    assert "<h2>All documents</h2>" in page


def test_the_footer_credits_the_outlines(page: str) -> None:
    assert "ukrainian_geodata by S. Matuszak, CC BY 4.0" in page


def test_failed_document_gets_its_section(page: str) -> None:
    assert '<p class="error">cannot read broken.txt</p>' in page


def test_html_is_a_registered_format() -> None:
    stream = io.StringIO()
    WRITERS["html"]([DocumentResult(id="empty", text="")], stream)
    assert "No place names found." in stream.getvalue()


def test_cli_writes_the_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    document, out = tmp_path / "report.txt", tmp_path / "report.html"
    document.write_text(RUSSIAN, encoding="utf-8")
    assert main(["annotate", str(document), "--format", "html", "-o", str(out)]) == 0
    marks = _parse(out.read_text(encoding="utf-8")).marks
    assert [text for _, text in marks] == ["Красноармейском", "Артемовском", "Донецке"]


def _browser() -> str | None:
    configured = os.environ.get("TOPONYMS_CHROMIUM")
    if configured:
        return configured
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


BROWSER = _browser()
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_SCREENSHOT_BYTES = 20_000  # a blank 1280x1400 page compresses to a few kilobytes
BROWSER_TIMEOUT_SECONDS = 120


def _chromium(*arguments: str) -> str:
    """Chromium's standard output, decoded without newline translation (the DOM keeps CRs)."""
    assert BROWSER is not None
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    done = subprocess.run(
        [*command, *arguments], capture_output=True, timeout=BROWSER_TIMEOUT_SECONDS, check=True
    )
    return done.stdout.decode("utf-8")


@pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium found (apt-get install chromium, or set TOPONYMS_CHROMIUM to a binary)",
)
def test_chromium_renders_the_page(
    page: str, texts: list[str], mentions: list[list[Mention]], tmp_path: Path
) -> None:
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    screenshot = tmp_path / "page.png"
    _chromium("--window-size=1280,1400", f"--screenshot={screenshot}", path.as_uri())
    image = screenshot.read_bytes()
    assert image.startswith(PNG_SIGNATURE) and len(image) > MIN_SCREENSHOT_BYTES
    dom = _parse(_chromium("--dump-dom", path.as_uri()))
    surfaces = [m.surface for found in mentions for m in found]
    assert [text for _, text in dom.marks] == surfaces
    assert dom.texts == texts  # escaped markup and carriage returns read back as written
    # The page's script ran: it replaces each mark's plain title with its own tooltip.
    assert all("title" not in attrs for attrs, _ in dom.marks)
    assert dom.tags.count("script") == 2
