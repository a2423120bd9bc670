"""PDFs written byte by byte for the robustness tests: good ones with chosen text, and
every kind of broken file an archive holds. Nothing here touches the pipeline."""
from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "raw" / "sample"
# The sample PDFs with a text layer (the scanned one needs OCR, which is slow).
TEXT_SAMPLES = sorted(p for p in SAMPLE.glob("*.pdf") if "scanned" not in p.name)


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1, object 1 the catalog) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _pdf_string(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def page_content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 60 780 Td"]
    for line in lines:
        ops.append(_pdf_string(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def text_pdf(pages: list[list[str]], *, extra_objects: list[bytes] = (), compress: bool = False) -> bytes:
    """One page per list of lines, Helvetica with WinAnsi encoding (åäö work)."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        content = page_content(lines)
        extra = b""
        if compress:
            content, extra = zlib.compress(content), b"/Filter /FlateDecode "
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i))
        objs.append(stream(content, extra))
    objs.extend(extra_objects)
    return build_pdf(objs)


def many_pages(n: int, lines_per_page: int = 40) -> bytes:
    """``n`` pages of ordinary memo prose (one shared content stream keeps it small)."""
    lines = [
        f"Socialnämnden beslutar att förlänga avtalet med Linköpings Stadsmission till och med "
        f"den 31 december 2026. Kostnaden är {1000 + k} 000 kronor per år."
        for k in range(lines_per_page)
    ]
    content = stream(zlib.compress(page_content(lines)), b"/Filter /FlateDecode ")
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        content,
    ]
    for _ in range(n):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                    b"/Resources << /Font << /F1 3 0 R >> >> >>")
    return build_pdf(objs)


def bomb_stream(megabytes: int, tail: bytes = b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET") -> bytes:
    """A zlib stream that inflates to ``megabytes`` MB of blanks and then ``tail``.

    One MB is deflated once, ended with a full flush (no back-references across it),
    and repeated: writing a 2 GB bomb takes a second instead of a minute.
    """
    chunk = b" " * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = comp.compress(tail) + comp.flush()
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    adler = zlib.adler32(tail, adler)
    return b"\x78\xda" + segment * megabytes + end + struct.pack(">I", adler)


def decompression_bomb(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of blanks."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(bomb_stream(megabytes), b"/Filter /FlateDecode "),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def deeply_nested(depth: int) -> bytes:
    """A readable page whose resources hold an array nested ``depth`` levels deep."""
    nested = b"[" * depth + b"]" * depth
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /Deep 6 0 R >> /Annots 6 0 R >>",
        stream(b"BT /F1 12 Tf 72 720 Td (Djupt nastlad) Tj ET"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        nested,
    ])


def encrypted(user_password: str, owner_password: str, source: Path = TEXT_SAMPLES[0]) -> bytes:
    from pypdf import PdfWriter

    w = PdfWriter(clone_from=str(source))
    w.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def zero_pages() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


def broken_xref(source: Path = TEXT_SAMPLES[0]) -> bytes:
    """startxref points past the end of the file."""
    data = source.read_bytes()
    i = data.rfind(b"startxref")
    return data[:i] + b"startxref\n999999999\n%%EOF\n"


def garbled_xref(source: Path = TEXT_SAMPLES[0]) -> bytes:
    """Every offset in the last xref table overwritten."""
    data = bytearray(source.read_bytes())
    i = data.rfind(b"xref")
    for j in range(i + 5, min(len(data), i + 600)):
        if chr(data[j]).isdigit():
            data[j] = ord("7")
    return bytes(data)


def truncated(source: Path = TEXT_SAMPLES[0], fraction: float = 1 / 3) -> bytes:
    data = source.read_bytes()
    return data[: int(len(data) * fraction)]


def distinct_copy(source: Path, n: int) -> bytes:
    """The same document with different bytes (a comment after %%EOF), so it is no duplicate."""
    return source.read_bytes() + b"\n%% copy %d\n" % n


def random_bytes(n: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)


def deep_page_tree(depth: int) -> bytes:
    """One page under ``depth`` nested /Pages nodes."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for i in range(depth):
        n = 2 + i
        parent = b"/Parent %d 0 R " % (n - 1) if i else b""
        objs.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 %s>>" % (n + 1, parent))
    page = len(objs) + 1
    objs.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page - 1, page + 1, page + 2))
    objs.append(stream(b"BT /F1 12 Tf 72 720 Td (deep tree) Tj ET"))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return build_pdf(objs)


def self_drawing_form() -> bytes:
    """A page drawing a form XObject that draws itself: endless recursion if unguarded."""
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 720 Td (Sida med slinga) Tj ET /X Do"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(b"/X Do BT /F1 12 Tf 72 700 Td (inre) Tj ET",
               b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
               b"/Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >> "),
    ])
