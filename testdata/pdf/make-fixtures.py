#!/usr/bin/env python3
# Writes the PDF fixtures in this folder as small hand-made PDFs, so each one
# holds exactly what its test is about (a text layer, an image and no text,
# many pages, an encryption dictionary).  The files are kept in git; run this
# again only to change them.  The letter text is made up.
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# The fixed /ID makes the encrypted files the same on every run.
FILE_ID = bytes.fromhex("8a3c1f0e5b2d4c6e9f1a2b3c4d5e6f70")

# PDF 1.7 (ISO 32000-1) 7.6.3.3: passwords are padded with these 32 bytes.
PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def padded(password):
    return (password + PAD)[:32]


class Rc4Security:
    """The standard security handler, revision 2 (40-bit RC4): the oldest
    kind, which every reader knows; algorithms 1 to 4 of 7.6.3."""

    def __init__(self, user, owner, permissions=-4):
        self.p = permissions
        owner_key = hashlib.md5(padded(owner or user)).digest()[:5]
        self.o = rc4(owner_key, padded(user))
        h = hashlib.md5()
        h.update(padded(user))
        h.update(self.o)
        h.update((self.p & 0xFFFFFFFF).to_bytes(4, "little"))
        h.update(FILE_ID)
        self.key = h.digest()[:5]
        self.u = rc4(self.key, PAD)

    def encrypt(self, number, data):
        k = self.key + number.to_bytes(3, "little") + (0).to_bytes(2, "little")
        return rc4(hashlib.md5(k).digest()[:10], data)

    def dictionary(self):
        return ("<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
                % (self.o.hex(), self.u.hex(), self.p)).encode()


def pdf(objects, security=None):
    """@objects: list of (dictionary text, stream bytes or None), numbered
    from 1; object 1 is the catalog.  Writes the xref table with each
    object's real offset."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, (head, stream) in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n
        if stream is None:
            out += head.encode() + b"\n"
        else:
            if security is not None:
                stream = security.encrypt(n, stream)
            out += head.encode() % len(stream)
            out += b"\nstream\n" + stream + b"\nendstream\n"
        out += b"endobj\n"
    trailer_extra = b""
    if security is not None:
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (len(objects) + 1) + security.dictionary()
        out += b"\nendobj\n"
        trailer_extra = b" /Encrypt %d 0 R" % (len(objects) + 1)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\n"
            % (len(offsets) + 1, FILE_ID.hex().encode(),
               FILE_ID.hex().encode(), trailer_extra))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def pages(sizes, contents, resources="<< >>"):
    """A catalog, a page tree and one page per (width, height) in points,
    each drawing its content stream."""
    n = len(sizes)
    kids = " ".join("%d 0 R" % (3 + 2 * i) for i in range(n))
    objects = [("<< /Type /Catalog /Pages 2 0 R >>", None),
               ("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), None)]
    for i, ((w, h), content) in enumerate(zip(sizes, contents)):
        objects.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]"
                        " /Resources %s /Contents %d 0 R >>"
                        % (w, h, resources, 4 + 2 * i), None))
        objects.append(("<< /Length %d >>", content))
    return objects


LETTER = [
    "To the Letters and Visits Office of Riverside District:",
    "We are twelve workers of Hengda Building Materials Co.",
    "Our wages for March and April have not been paid.",
    "We ask the office to look into this matter. Thank you.",
]

HELVETICA = ("<< /Font << /F1 << /Type /Font /Subtype /Type1"
             " /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> >> >>")


def text_page():
    lines = " T* ".join("(%s) Tj" % line for line in LETTER)
    return pages([(595, 842)],
                 [("BT /F1 12 Tf 16 TL 72 770 Td %s ET" % lines).encode()],
                 HELVETICA)


def image_page(page_number=None):
    """144 x 72 points (600 x 300 pixels at 300 dpi): a 2 x 2 grey image
    (black, white / white, black) over the left square and a red square
    on the right, so the test can check positions and colour channels."""
    content = b"q 72 0 0 72 0 0 cm /Im1 Do Q 1 0 0 rg 96 24 24 24 re f"
    resources = "<< /XObject << /Im1 5 0 R >> >>"
    if page_number is not None:
        # the page number a scanning program stamps: a text layer too
        # short to be the letter
        content += b" BT /F1 8 Tf 66 4 Td (- %d -) Tj ET" % page_number
        resources = ("<< /XObject << /Im1 5 0 R >> /Font << /F1 <<"
                     " /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>")
    objects = pages([(144, 72)], [content], resources)
    objects.append(("<< /Type /XObject /Subtype /Image /Width 2 /Height 2"
                    " /ColorSpace /DeviceGray /BitsPerComponent 8"
                    " /Filter /ASCIIHexDecode /Length %d >>", b"00ffff00>"))
    return objects


def main():
    files = {
        "text.pdf": pdf(text_page()),
        "image.pdf": pdf(image_page()),
        "image-page-number.pdf": pdf(image_page(page_number=1)),
        "three-pages.pdf": pdf(pages([(72, 72)] * 3, [b""] * 3)),
        # 14400 points is the largest page PDF readers accept: 60000 x
        # 60000 pixels at 300 dpi, after a first page that is small
        "huge-second-page.pdf": pdf(pages([(72, 72), (14400, 14400)],
                                          [b"", b""])),
        # a user password: nothing can be read without it
        "encrypted.pdf": pdf(text_page(), Rc4Security(b"user", b"owner")),
        # only an owner password (no printing, no copying): anyone can
        # open it, as every reader does
        "owner-password.pdf": pdf(text_page(),
                                  Rc4Security(b"", b"owner", permissions=-64)),
    }
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
