#!/usr/bin/env python3
"""Write testdata/samples/mail-1.eml, a fictional petition mail to the
chairman's mailbox (主席信箱).  Run by tools/make-samples.sh.

What it exercises on the intake side:
  - body: text/plain; charset="gb2312", quoted-printable (every Chinese
    character is =XX=XX; soft line breaks may fall between the two bytes of
    a character);
  - Subject: two RFC 2047 GB2312 "B" encoded-words on folded lines (the
    whitespace between them must be dropped when decoding);
  - From / To display names as RFC 2047 encoded-words.
Everything is fixed (Date, Message-ID, no boundaries), so the output is
byte-identical on every run.  Lines end in LF, as in a Maildir file.

Usage: make-sample-eml.py OUT.eml
"""

import base64
import quopri
import sys

CHARSET = "gb2312"

SUBJECT = ("关于顺舟物流公司拒不申请工伤认定", "并停发工资的求助")
FROM = ("吴海涛", "wuhaitao1991@example.cn")
TO = ("市总工会主席信箱", "zhuxi@zgh.example.cn")
DATE = "Mon, 16 Nov 2026 21:47:05 +0800"
MESSAGE_ID = "<20261116214705.4c7e19a2@mail.example.cn>"

BODY = """尊敬的主席：
您好！我是顺舟物流有限公司城北分拨中心的叉车司机吴海涛，2020年入职。今年9月18日上夜班卸货时，我被倒下的货架砸伤左腿，胫骨骨折，住院二十多天。
公司至今不肯为我申请工伤认定，只垫付了一部分医药费，还让我签一份“自愿离职、放弃工伤待遇”的协议，我没有签。现在我在家养伤，公司从10月起停发了我的工资，我一家四口的生活都成了问题。
恳请工会帮助我申请工伤认定，督促公司依法支付停工留薪期的工资和医疗费用。

反映人：吴海涛
身份证号：34082719910723103X
手机：17758326140
2026年11月16日
"""


def encoded_word(text):
    return "=?%s?B?%s?=" % (CHARSET.upper(),
                            base64.b64encode(text.encode(CHARSET)).decode("ascii"))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    body = quopri.encodestring(BODY.encode(CHARSET)).decode("ascii")
    headers = [
        "From: %s <%s>" % (encoded_word(FROM[0]), FROM[1]),
        "To: %s <%s>" % (encoded_word(TO[0]), TO[1]),
        "Subject: %s\n %s" % tuple(encoded_word(s) for s in SUBJECT),
        "Date: " + DATE,
        "Message-ID: " + MESSAGE_ID,
        "MIME-Version: 1.0",
        'Content-Type: text/plain; charset="%s"' % CHARSET,
        "Content-Transfer-Encoding: quoted-printable",
    ]
    for h in headers:
        for line in h.split("\n"):
            assert len(line) <= 78, line
    with open(sys.argv[1], "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(headers) + "\n\n" + body)


if __name__ == "__main__":
    main()
