"""``show``: the text listing and the HTML evidence report, rendered in headless Chromium."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

import analyst_db
from conftest import ROOT
from pipeline.cli import main
from pipeline.report_html import Highlight, build_report, collect_highlights, render_page_text
from pipeline.show import DocumentNotFound, print_document, resolve_doc


@pytest.fixture(scope="module")
def tiny_path(tmp_path_factory) -> Path:
    return analyst_db.build(tmp_path_factory.mktemp("tiny") / "tiny.duckdb")


@pytest.fixture()
def tiny(tiny_path):
    con = duckdb.connect(str(tiny_path), read_only=True)
    yield con
    con.close()


# --- finding the document ----------------------------------------------------------------

@pytest.mark.parametrize("ref", ["aaaa0001", "a_kontakt_2018.pdf", "a_kontakt_2018", "A_KONTAKT_2018.PDF",
                                 "tiny/a_kontakt_2018.pdf", "a_kontakt", "aaaa"])
def test_resolve_doc(tiny, ref):
    assert resolve_doc(tiny, ref)["doc_id"] == "aaaa0001"


def test_resolve_doc_ambiguous_and_missing(tiny):
    # b_forlangning.pdf is itself a prefix of its scan's name: the exact name wins
    assert resolve_doc(tiny, "b_forlangning")["doc_id"] == "bbbb0002"
    with pytest.raises(DocumentNotFound, match="matches 2 documents: bbbb0002"):
        resolve_doc(tiny, "b_forl")
    with pytest.raises(DocumentNotFound, match="no document matches"):
        resolve_doc(tiny, "nothing_like_it")


# --- text ----------------------------------------------------------------------------------

def test_print_document_groups_facts_with_page_and_sentence(tiny):
    out = io.StringIO()
    print_document(tiny, resolve_doc(tiny, "aaaa0001"), out)
    text = out.getvalue()
    lines = text.splitlines()
    assert lines[0] == "a_kontakt_2018.pdf  (doc_id aaaa0001)"
    assert "  supplier      Linköping Stadsmission" in lines
    assert "  period        2019-01-01 – 2020-12-31" in lines
    assert "  amount/year   3 747 552 kr (2017 prices)" in lines
    assert "  evidence      page 2" in lines
    headers = [line for line in lines if line and not line.startswith(" ") and "(" in line][1:]
    assert headers == ["parties (3)", "dates (2)", "amounts (1)", "volumes (1)", "durations (1)", "identifiers (1)"]
    i = lines.index("  p.3  3 747 552 kr  [year]  (price year 2017; unit_suspect)  «3 747 552 mnkr per år»")
    assert lines[i + 1].strip() == "Ersättningen är 3 747 552 mnkr per år i 2017 års prisnivå."
    i = lines.index("  p.2  2019-01-01  [period_start]")
    assert lines[i + 1].strip() == "Avtalet gäller från 2019-01-01 till och med 2020-12-31."
    assert "  p.3  60-70 personer  (per dag)  «60-70 besökare per dag»" in lines


def test_cli_show(tiny_path, capsys):
    assert main(["show", "f_rapport", "--db", str(tiny_path)]) == 0
    out = capsys.readouterr().out
    assert "people (1)\n  p.1  Anna Andersson  [author]\n" in out
    assert "contract" not in out
    assert main(["show", "x_broken.pdf", "--db", str(tiny_path)]) == 0
    out = capsys.readouterr().out
    assert "status failed" in out and "error: broken xref" in out and "no facts extracted" in out
    assert main(["show", "nope", "--db", str(tiny_path)]) == 2
    assert "no document matches 'nope'" in capsys.readouterr().err
    assert main(["show", "aaaa0001", "--db", str(tiny_path.parent / "missing.duckdb")]) == 2


# --- HTML, as written ----------------------------------------------------------------------

class ReportParser(HTMLParser):
    """Marks (by data-hid: attributes and the text of all their pieces) and page texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks: dict[str, dict] = {}
        self.pages: dict[int, str] = {}
        self.body: dict[str, str] = {}
        self.legend: dict[str, int] = {}
        self.tags: list[str] = []
        self._open: list[str] = []  # hids of open marks
        self._page: int | None = None
        self._in_text = 0
        self._count_for: str | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "body":
            self.body = a
        if tag == "section" and "data-page" in a:
            self._page = int(a["data-page"])
            self.pages[self._page] = ""
        if tag == "div" and a.get("class") == "text" and self._page is not None:
            self._in_text, self._depth = 1, 0
        elif self._in_text and tag == "div":
            self._depth += 1
        if tag == "mark" and "data-hid" in a:
            m = self.marks.setdefault(a["data-hid"], {**a, "text": "", "pieces": 0, "page_of_text": self._page})
            m["pieces"] += 1
            if "id" in a:
                m["id"] = a["id"]
            self._open.append(a["data-hid"])
        if tag == "b" and "data-count-for" in a:
            self._count_for = a["data-count-for"]

    def handle_endtag(self, tag):
        if tag == "mark" and self._open:
            self._open.pop()
        if tag == "div" and self._in_text:
            if self._depth == 0:
                self._in_text = 0
                self._page = None
            else:
                self._depth -= 1
        if tag == "b":
            self._count_for = None

    def handle_data(self, data):
        if self._in_text and self._page is not None:
            self.pages[self._page] += data
        for hid in self._open:
            self.marks[hid]["text"] += data
        if self._count_for:
            self.legend[self._count_for] = int(data)


def parse(html_text: str) -> ReportParser:
    p = ReportParser()
    p.feed(html_text)
    p.close()
    return p


def test_report_highlights_and_escaping(tiny):
    page, highlights = build_report(tiny, resolve_doc(tiny, "aaaa0001"))
    r = parse(page)
    got = sorted((m["data-category"], int(m["data-page"]), m["text"]) for m in r.marks.values())
    assert got == analyst_db.EXPECTED_HIGHLIGHTS_A
    assert len(highlights) == len(r.marks) == 10
    # the text is there whole, as text: no element made of "<om>", no early end of the page
    assert r.pages == {p: t for (d, p), t in analyst_db.PAGES.items() if d == "aaaa0001"}
    assert "om" not in r.tags and "pre" not in r.tags
    assert '&lt;om&gt; &amp; "citat" &lt;/pre&gt;.' in page
    # tooltips: normalised value and roles; a mention-only party gets the roles of its party
    by_text = {(m["data-category"], m["text"], m["data-kind"]): m for m in r.marks.values()}
    sup = by_text[("parties", "Linköping Stadsmission", "fact")]
    assert sup["title"] == ("parties\nLinköpings Stadsmission · supplier · written: Linköping Stadsmission\n"
                            "Linköpings Stadsmission · recipient · written: Linköping Stadsmission")
    assert by_text[("amounts", "3 747 552 mnkr per år", "fact")]["title"] == (
        "amounts\n3747552 SEK · year · price year 2017; unit_suspect")
    assert by_text[("parties", "Omsorgsnämnden", "mention")]["title"] == "parties (mention)\nOmsorgsnämnden · buyer"
    assert by_text[("orgs", "Polisen", "mention")]["title"] == "orgs (mention)\nPolisen"
    # the fact tables link to the highlights
    for f_hid in ("h1", "h2"):
        assert f'data-target="{f_hid}"' in page


def test_collect_highlights_one_per_span_and_category(tiny):
    hs = collect_highlights(tiny, "aaaa0001")
    assert [(h.category, h.page_no, h.facts) for h in hs] == [
        ("parties", 1, 0), ("parties", 1, 2), ("parties", 1, 1), ("dates", 2, 1), ("dates", 2, 1),
        ("orgs", 2, 0), ("amounts", 3, 1), ("volumes", 3, 1), ("durations", 3, 1), ("identifiers", 3, 1)]


def test_render_page_text_nested_and_crossing():
    text = "abcdefghij"
    hs = [Highlight(1, "dates", 1, 0, 6), Highlight(2, "amounts", 1, 2, 4), Highlight(3, "volumes", 1, 4, 9),
          Highlight(4, "people", 1, 8, 30), Highlight(5, "orgs", 1, 5, 5)]
    r = parse(f'<section data-page="1"><div class="text">{render_page_text(text, hs)}</div></section>')
    assert r.pages[1] == text
    assert {hid: m["text"] for hid, m in r.marks.items()} == {"1": "abcdef", "2": "cd", "3": "efghi", "4": "ij"}
    # 3 crosses 1's end, so it is cut in two; only its first piece carries the id
    assert r.marks["3"]["pieces"] == 2 and r.marks["3"]["id"] == "h3"
    assert r.marks["1"]["pieces"] == 1 and r.marks["2"]["pieces"] == 1


# --- HTML, rendered in headless Chromium -----------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
                  "--disable-extensions", "--mute-audio"]


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; scripts/chromium.sh installs it (apt-get, as root) where missing."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        done = subprocess.run(["bash", str(ROOT / "scripts" / "chromium.sh")], capture_output=True, text=True,
                              timeout=900)
        path = done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else None
    if not path:
        pytest.skip("chromium not available and not installable here (needs root and apt-get)")
    return path


def run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HOME": str(tmp_path)})


def rendered_dom(chromium: str, html_file: Path, tmp_path: Path) -> ReportParser:
    done = run_chromium(chromium, tmp_path, "--virtual-time-budget=5000", "--dump-dom", html_file.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    return parse(done.stdout)


@pytest.mark.slow
def test_report_renders_in_chromium_tiny(tiny_path, tmp_path, chromium, capsys):
    out = tmp_path / "a.html"
    assert main(["show", "a_kontakt_2018", "--db", str(tiny_path), "--html", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    dom = rendered_dom(chromium, out, tmp_path)
    # the page's own script counted the highlights it found in the DOM
    assert dom.body.get("data-highlights") == "10"
    assert dom.legend == {"parties": 3, "dates": 2, "amounts": 1, "volumes": 1, "durations": 1,
                          "identifiers": 1, "orgs": 1}
    got = sorted((m["data-category"], int(m["data-page"]), m["text"]) for m in dom.marks.values())
    assert got == analyst_db.EXPECTED_HIGHLIGHTS_A
    for m in dom.marks.values():
        page_text = analyst_db.PAGES[("aaaa0001", int(m["data-page"]))]
        assert m["text"] == page_text[int(m["data-start"]):int(m["data-end"])]


@pytest.mark.slow
def test_report_renders_in_chromium_sample(sample_db, tmp_path, chromium):
    """Every fact with offsets in the sample database is highlighted over its own words."""
    con = duckdb.connect(str(sample_db), read_only=True)
    try:
        docs = con.execute("""
            SELECT d.doc_id, d.file_name, count(f.doc_id) AS n FROM documents d
            LEFT JOIN facts f USING (doc_id) WHERE d.status IN ('ok', 'partial')
            GROUP BY ALL ORDER BY n DESC, d.file_name""").fetchall()
        # the richest document, and the scanned one (OCR text)
        picks = [docs[0]] + [d for d in docs[1:] if "scanned" in d[1]][:1]
        for doc_id, file_name, _ in picks:
            out = tmp_path / f"{doc_id}.html"
            assert main(["show", file_name, "--db", str(sample_db), "--html", str(out)]) == 0
            dom = rendered_dom(chromium, out, tmp_path)
            pages = dict(con.execute("SELECT page_no, text FROM pages WHERE doc_id = ?", [doc_id]).fetchall())
            # the whole text of every page, exactly (the browser normalises CR to LF)
            assert dom.pages == {p: t.replace("\r\n", "\n").replace("\r", "\n") for p, t in pages.items()}
            expected = collect_highlights(con, doc_id)
            assert dom.body.get("data-highlights") == str(len(expected)) == str(len(dom.marks))
            marks = {(m["data-category"], int(m["data-page"]), int(m["data-start"]), int(m["data-end"])): m
                     for m in dom.marks.values()}
            facts = con.execute("""
                SELECT category, page_no, start_char, end_char FROM facts
                WHERE doc_id = ? AND start_char IS NOT NULL AND end_char > start_char""", [doc_id]).fetchall()
            for key in facts:
                assert key in marks, key
                m = marks[key]
                assert m["data-kind"] == "fact"
                assert m["text"] == pages[key[1]][key[2]:key[3]]
            counts = {}
            for m in dom.marks.values():
                counts[m["data-category"]] = counts.get(m["data-category"], 0) + 1
            assert {k: v for k, v in dom.legend.items() if v} == counts
    finally:
        con.close()


@pytest.mark.slow
def test_report_screenshot(tiny_path, tmp_path, chromium):
    out = tmp_path / "a.html"
    main(["show", "aaaa0001", "--db", str(tiny_path), "--html", str(out)])
    png = Path(os.environ.get("REPORT_SCREENSHOT", tmp_path / "a.png"))
    done = run_chromium(chromium, tmp_path, "--window-size=1400,900", f"--screenshot={png}", out.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
