#!/usr/bin/env python3
# Writes the mails that tests/test-imap.c puts into its Dovecot and reads
# back.  Each is a short labour complaint in a charset and shape Chinese
# mail really arrives in, with its own Message-ID and phone number.  The
# people, employers and numbers are made up.  Lines end in CRLF, as IMAP
# stores them, so a message comes back byte for byte.  The files are kept
# in git; run this again only to change them.
import base64
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def b64_lines(data):
    encoded = base64.b64encode(data).decode("ascii")
    return "\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def word(text, charset):
    """One RFC 2047 encoded word, base64."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


# 1. GBK, base64 body, RFC 2047 words in GBK.
LETTER_GBK = """尊敬的工会主席：
　　我叫孙丽华，是恒顺纺织厂的挡车工。厂里从今年一月起
按每月工资的一半发放，至今已欠我们四个月工资共18600元。
联系电话13900000101。恳请工会帮忙督促厂方补发。
孙丽华
2026年5月6日
"""
write("gbk-base64.eml", crlf(f"""From: {word("孙丽华", "gbk")} <sunlihua@example.net>
To: zhuxi@union.example.cn
Subject: {word("恒顺纺织厂拖欠工资", "gbk")}
Date: Wed, 06 May 2026 08:12:00 +0800
Message-ID: <imap-gbk.0101@mail.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset=gbk
Content-Transfer-Encoding: base64

{b64_lines(crlf(LETTER_GBK).encode("gbk"))}
""").encode("ascii"))

# 2. Labelled gb2312, written with GBK-only characters (堃 昇 玥), in
#    quoted-printable: the label must be read as GB18030.
LETTER_QP = """主席您好：
　　我是鑫昇建材公司的叉车司机周堃，上个月在仓库被货架砸伤，
公司不给申报工伤，车间主任李玥让我自己承担医药费。
我的电话15800000202，请工会帮我申请工伤认定。
周堃
"""
qp_body = crlf(quopri.encodestring(LETTER_QP.encode("gbk")).decode("ascii"))
write("gb2312-label-gbk-qp.eml", crlf(f"""From: {word("周堃", "gbk").replace("?gbk?", "?gb2312?")} <zhoukun@example.net>
To: zhuxi@union.example.cn
Subject: {word("工伤不给申报", "gb2312")}
Date: Thu, 07 May 2026 21:40:00 +0800
Message-ID: <imap-qp.0202@mail.example.net>
MIME-Version: 1.0
Content-Type: text/plain; charset="gb2312"
Content-Transfer-Encoding: quoted-printable

""").encode("ascii") + qp_body.encode("ascii"))

# 3. UTF-8 HTML and nothing else, base64 (a webmail's "rich text" mail).
HTML = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>
<body><p>工会领导：</p>
<p>我们是蓝海物流的<b>32名</b>快递分拣员，公司从三月起不给缴社保，
也不给签劳动合同。</p>
<p>联系人：钱志强，电话&nbsp;18600000303。</p>
</body></html>
"""
write("utf8-html-only.eml", crlf(f"""From: {word("钱志强", "utf-8")} <qianzq@example.org>
To: zhuxi@union.example.cn
Subject: {word("蓝海物流不缴社保", "utf-8")}
Date: Fri, 08 May 2026 10:05:00 +0800
Message-ID: <imap-html.0303@mail.example.org>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines(crlf(HTML).encode("utf-8"))}
""").encode("ascii"))

# 4. Raw 8-bit GB18030 in Subject, From and body, and no charset named
#    anywhere (an old mail client on a Chinese Windows).
write("gb18030-raw-undeclared.eml", crlf("""From: 吴建国 <wujianguo@example.com>
To: zhuxi@union.example.cn
Subject: 加班不给加班费
Date: Sat, 09 May 2026 19:30:00 +0800
Message-ID: <imap-raw.0404@mail.example.com>

领导好：
　　我在宏远五金厂上班，每天要干十二个小时，周末也不休息，
加班费一分没有。我的电话是13500000404。
吴建国
""").encode("gb18030"))

# 5. A colleague forwards a letter as message/rfc822; the letter inside is
#    UTF-8 in quoted-printable.
INNER_TEXT = """主席：
　　我在城南小学做保洁，学校把我们换成劳务派遣后，
说我十年的工龄不算了，要我们重新签合同。
我叫郑秀英，电话17700000505。
"""
inner_qp = crlf(quopri.encodestring(INNER_TEXT.encode("utf-8")).decode("ascii"))
inner = crlf(f"""From: {word("郑秀英", "utf-8")} <zhengxy@example.com>
To: xinfang@union.example.cn
Subject: {word("工龄不被承认", "utf-8")}
Date: Sun, 10 May 2026 07:20:00 +0800
Message-ID: <imap-inner.0505@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

""") + inner_qp
write("forwarded-rfc822.eml", crlf(f"""From: xinfang@union.example.cn
To: zhuxi@union.example.cn
Subject: {word("转发：工龄不被承认", "utf-8")}
Date: Mon, 11 May 2026 09:00:00 +0800
Message-ID: <imap-fwd.0506@union.example.cn>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fwd-0506"

--fwd-0506
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

{b64_lines("信访室转来，请登记。".encode())}
--fwd-0506
Content-Type: message/rfc822
Content-Disposition: inline

""").encode("ascii") + inner.encode("ascii") + b"\r\n--fwd-0506--\r\n")
