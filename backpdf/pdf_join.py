"""Many handout PDFs written as one print job, a handout at a time, identical parts once.

`batch --combined` of a day's handouts used to hold every page of every handout in memory
(300 MB for 1,000) and repeat each handout's pictures and fonts in the file. Here each
handout is read, its objects are copied out to the file at once and forgotten; an object
whose bytes (after its own references were copied) match one already written is not
written again but pointed to. So a picture drawn on 300 handouts, or a font subset
that two handouts happen to share, is in the file once, and memory holds only a digest
and an offset per object, whatever the number of handouts.

Objects are copied as they are (streams stay compressed as they were); pages get a new
parent, and everything they inherit from their old page tree is carried onto them.
"""

from __future__ import annotations

import hashlib
from array import array
from pathlib import Path
from typing import BinaryIO

HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


class _HashingFile:
    """Writes through to `handle`, keeping the SHA-256 and the offset of what was written."""

    def __init__(self, handle: BinaryIO):
        self.handle, self.digest, self.offset = handle, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.handle.write(data)
        self.digest.update(data)
        self.offset += len(data)
        return len(data)


class PdfJoin:
    """Pages appended in order (`add_file`, `add_blank_page`), then `finish` writes the
    page tree, the catalog and the cross-reference table."""

    def __init__(self, handle: BinaryIO):
        self.out = _HashingFile(handle)
        self.out.write(HEADER)
        self.offsets = array("q", [0])        # object number -> file offset (0: not written yet)
        self.written: dict[bytes, int] = {}   # digest of an object's bytes -> its number
        self.pages_number = self._reserve()
        self.kids: list[int] = []
        self.last_size: tuple[float, float] | None = None

    @property
    def page_count(self) -> int:
        return len(self.kids)

    def _reserve(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def _write(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.out.offset
        self.out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def _shared(self, body: bytes) -> int:
        """The number of an object with these bytes, written now if it is new."""
        digest = hashlib.sha256(body).digest()
        number = self.written.get(digest)
        if number is None:
            number = self.written[digest] = self._reserve()
            self._write(number, body)
        return number

    def add_file(self, path: str | Path) -> int:
        """Append every page of the PDF at `path`; returns how many."""
        from pypdf import PdfReader

        reader = PdfReader(path)
        copier = _Copier(self)
        pages = reader.pages
        for page in pages:
            fields = {key: value for key, value in page.items() if key != "/Parent"}
            for key in _INHERITED:  # pypdf has put what the page inherits onto the page
                if key not in fields and key in page:
                    fields[key] = page[key]
            self._add_page(copier.copy_dict(fields))
            box = page.mediabox
            self.last_size = (float(box.width), float(box.height))
        return len(pages)

    def add_blank_page(self, width: float, height: float) -> None:
        """A page with nothing on it at all (no content stream, no resources)."""
        from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

        page = DictionaryObject({
            NameObject("/Type"): NameObject("/Page"),
            NameObject("/MediaBox"): ArrayObject([NumberObject(0), NumberObject(0),
                                                  FloatObject(width), FloatObject(height)]),
            NameObject("/Resources"): DictionaryObject(),
        })
        self._add_page(page)

    def _add_page(self, page) -> None:
        from pypdf.generic import IndirectObject, NameObject

        page[NameObject("/Parent")] = IndirectObject(self.pages_number, 0, None)
        number = self._reserve()
        self._write(number, _serialized(page))
        self.kids.append(number)

    def finish(self) -> str:
        """Write the page tree, catalog and trailer; returns the file's SHA-256."""
        kids = b" ".join(b"%d 0 R" % kid for kid in self.kids)
        self._write(self.pages_number, b"<< /Type /Pages /Count %d /Kids [ %s ] >>" % (len(self.kids), kids))
        catalog = self._reserve()
        self._write(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % self.pages_number)
        xref_at = self.out.offset
        rows = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        rows += [b"%010d 00000 n \n" % offset for offset in self.offsets[1:]]
        self.out.write(b"".join(rows))
        self.out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                       % (len(self.offsets), catalog, xref_at))
        return self.out.digest.hexdigest()


class _Copier:
    """Copies one source file's objects into the join, each source object once."""

    def __init__(self, join: PdfJoin):
        self.join = join
        self.done: dict[int, int] = {}              # source object number -> number in the join
        self.in_progress: dict[int, int | None] = {}  # being copied; a number once a cycle needs one

    def copy(self, value):
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

        if isinstance(value, IndirectObject):
            return IndirectObject(self._copy_object(value), 0, None)
        if isinstance(value, DictionaryObject):
            return self.copy_dict(value)
        if isinstance(value, ArrayObject):
            return ArrayObject(self.copy(item) for item in value)
        return value

    def copy_dict(self, fields):
        from pypdf.generic import DictionaryObject, StreamObject

        if isinstance(fields, StreamObject):
            copied = StreamObject()
            copied._data = fields._data  # the stream's bytes as stored: still compressed
            copied.update({key: self.copy(value) for key, value in fields.items() if key != "/Length"})
            return copied
        return DictionaryObject({key: self.copy(value) for key, value in fields.items()})

    def _copy_object(self, reference) -> int:
        source = reference.idnum
        if source in self.done:
            return self.done[source]
        if source in self.in_progress:  # a cycle (an annotation's page): a number now, shared never
            number = self.in_progress[source] or self.join._reserve()
            self.in_progress[source] = number
            return number
        self.in_progress[source] = None
        body = _serialized(self.copy(reference.get_object()))
        reserved = self.in_progress.pop(source)
        if reserved is None:
            number = self.join._shared(body)
        else:
            number = reserved
            self.join._write(number, body)
        self.done[source] = number
        return number


def _serialized(value) -> bytes:
    import io

    buffer = io.BytesIO()
    value.write_to_stream(buffer)
    return buffer.getvalue()

