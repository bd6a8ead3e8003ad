#!/usr/bin/env python3
# Writes the mail fixtures in this folder.  The letters, names, companies,
# addresses and phone numbers are made up.  The files are kept in git; run
# this again only to change them, and then check the tests still say why.
import base64
import os
import struct
import zlib
from email.header import Header

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def crlf(text):
    return text.replace("\n", "\r\n")


def b64_lines(data):
    encoded = base64.b64encode(data).decode("ascii")
    return "\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def encoded_word(text, charset):
    return Header(text, charset).encode()


def tiny_tiff():
    """A 1x1 white bilevel uncompressed little-endian TIFF."""
    entries = [
        (256, 3, 1, 1),      # ImageWidth
        (257, 3, 1, 1),      # ImageLength
        (258, 3, 1, 1),      # BitsPerSample
        (259, 3, 1, 1),      # Compression: none
        (262, 3, 1, 0),      # Photometric: white is zero
        (273, 4, 1, 0),      # StripOffsets, patched below
        (277, 3, 1, 1),      # SamplesPerPixel
        (278, 3, 1, 1),      # RowsPerStrip
        (279, 4, 1, 1),      # StripByteCounts
    ]
    ifd_offset = 8
    ifd_size = 2 + 12 * len(entries) + 4
    strip_offset = ifd_offset + ifd_size
    out = b"II*\0" + struct.pack("<I", ifd_offset) + struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        if tag == 273:
            value = strip_offset
        if kind == 3:
            out += struct.pack("<HHIHH", tag, kind, count, value, 0)
        else:
            out += struct.pack("<HHII", tag, kind, count, value)
    out += struct.pack("<I", 0) + b"\0"
    return out


def tiny_png():
    """A 1x1 white greyscale PNG."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0\xff")) + chunk(b"IEND", b""))


TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")

LETTER = """尊敬的主席：
　　我是华兴电子厂的员工李明，工厂已拖欠我们三个月工资共计45200元。
联系电话13800000000。恳请工会帮助。
此致
敬礼
李明
2026年3月10日
"""

# 1. UTF-8, base64 body, RFC 2047 subject and sender, CRLF line ends.
write("utf8-base64.eml", crlf(f"""From: {encoded_word("李明", "utf-8")} <liming@example.com>
To: zhuxi@union.example.cn
Subject: {encoded_word("关于华兴电子厂拖欠工资的投诉", "utf-8")}
Date: Tue, 10 Mar 2026 09:15:00 +0800
Message-ID: <20260310091500.1001@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines(crlf(LETTER).encode("utf-8"))}
""").encode("ascii"))

# 2. Labelled gb2312, but 喆 and 镕 exist only in GBK: 8-bit body and
#    encoded words must both be read as GB18030.
GBK_LETTER = """主席您好：
　　我叫王喆，在宏达机械厂上班，车间主任刘镕每天安排加班到晚上十点，
加班费一直没有发。希望工会帮我们讨个说法。
王喆
"""
write("gb2312-gbk.eml", (crlf(f"""From: =?gb2312?B?{base64.b64encode("王喆".encode("gbk")).decode()}?= <wangzhe@example.com>
To: zhuxi@union.example.cn
Subject: =?gb2312?B?{base64.b64encode("王喆反映加班费问题".encode("gbk")).decode()}?=
Date: Wed, 11 Mar 2026 20:01:00 +0800
Message-ID: <gbk.2002@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: 8bit

""") + crlf(GBK_LETTER)).encode("gbk"))

# 3. multipart/alternative with an HTML part only (QQ Mail style).
HTML = """<html><head><meta charset="utf-8"><title>不应出现的标题</title>
<style>p { color: red; }</style>
<script type="text/javascript">var x = "<p>脚本</p>";</script></head>
<body><div>尊敬的工会领导：</div>
<p>我们&nbsp;25&nbsp;名工人反映&ldquo;欠薪&rdquo;问题&#65292;涉及金额
约&#x4E8C;十万元 &amp; 社保断缴。</p>
<ul><li>工资拖欠 3 个月</li><li>社保 &lt;未缴&gt;</li></ul>
<!-- 注释不应出现 -->
<table><tr><td>姓名</td><td>赵强</td></tr></table>
<p>此致<br>敬礼<br><br><br>&quot;全体工人&quot;</p>
</body></html>
"""
write("html-only.eml", crlf(f"""From: zhaoqiang@example.com
To: zhuxi@union.example.cn
Subject: =?utf-8?B?{base64.b64encode("集体欠薪".encode()).decode()}?=
Date: Thu, 12 Mar 2026 08:00:00 +0800
Message-ID: <html.3003@mail.example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="alt-boundary"

--alt-boundary
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines(HTML.encode("utf-8"))}
--alt-boundary--
""").encode("ascii"))

# 4. multipart/alternative with both: the plain text wins.
write("alternative.eml", crlf(f"""From: sunli@example.com
To: zhuxi@union.example.cn
Subject: =?utf-8?B?{base64.b64encode("社保断缴".encode()).decode()}?=
Date: Fri, 13 Mar 2026 10:30:00 +0800
Message-ID: <alt.4004@mail.example.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines("公司从去年起没有给我们缴社保。".encode())}
--b1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines("<p>HTML 版本：公司从去年起没有给我们缴社保。</p>".encode())}
--b1--
""").encode("ascii"))

# 5. Attachments: TIFF (RFC 2231 name), PDF as octet-stream (RFC 2047
#    name), PNG, and a ZIP that is not kept.
write("pixel.tif", tiny_tiff())
write("pixel.png", tiny_png())
write("pixel.pdf", TINY_PDF)
write("attachments.eml", crlf(f"""From: zhouhong@example.com
To: zhuxi@union.example.cn
Subject: =?utf-8?B?{base64.b64encode("举报材料".encode()).decode()}?=
Date: Sat, 14 Mar 2026 15:00:00 +0800
Message-ID: <att.5005@mail.example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed"

--mixed
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines("材料见附件。".encode())}
--mixed
Content-Type: image/tiff
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename*=UTF-8''%E4%B8%BE%E6%8A%A5%E4%BF%A1.tif

{b64_lines(tiny_tiff())}
--mixed
Content-Type: application/octet-stream; name="{encoded_word("工资条.pdf", "utf-8")}"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="{encoded_word("工资条.pdf", "utf-8")}"

{b64_lines(TINY_PDF)}
--mixed
Content-Type: image/PNG; name="photo.png"
Content-Transfer-Encoding: base64
Content-Disposition: inline; filename="photo.png"

{b64_lines(tiny_png())}
--mixed
Content-Type: application/zip; name="other.zip"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="other.zip"

UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==
--mixed--
""").encode("ascii"))

# 6. A colleague forwards a GB18030 letter as message/rfc822.
INNER = """领导好：
　　我在建设工地受伤，老板不给报工伤，也不签劳动合同。
"""
inner = crlf(f"""From: =?gb18030?B?{base64.b64encode("吴刚".encode("gb18030")).decode()}?= <wugang@example.com>
To: office@example.com
Subject: =?gb18030?B?{base64.b64encode("工伤不予认定".encode("gb18030")).decode()}?=
Date: Sun, 15 Mar 2026 07:45:00 +0800
Message-ID: <inner.6006@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=gb18030
Content-Transfer-Encoding: base64

{b64_lines(crlf(INNER).encode("gb18030"))}
""")
write("forwarded.eml", crlf(f"""From: office@example.com
To: zhuxi@union.example.cn
Subject: =?utf-8?B?{base64.b64encode("转发：工伤不予认定".encode()).decode()}?=
Date: Mon, 16 Mar 2026 09:00:00 +0800
Message-ID: <fwd.7007@mail.example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd"

--fwd
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines("转信访室处理。".encode())}
--fwd
Content-Type: message/rfc822

""").encode("ascii") + inner.encode("ascii") + b"\r\n--fwd--\r\n")

# 7. Raw 8-bit Big5 in Subject and From, the body labelled big5.
write("big5-raw-headers.eml", crlf("""From: 陳大文 <chan@example.com>
To: zhuxi@union.example.cn
Subject: 陳情：工廠積欠薪資
Date: Tue, 17 Mar 2026 11:11:00 +0800
Message-ID: <big5.8008@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=big5
Content-Transfer-Encoding: 8bit

工廠積欠我們兩個月薪資，請工會協助。
""").encode("big5"))
