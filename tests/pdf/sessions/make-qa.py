#!/usr/bin/env python3
"""tests/pdf/sessions/make-qa.py: writes qa-short-rows.xml, qa-long-turns.xml and qa-mixed.xml,
three Q&A sessions of the seed's council made from the seed's paragraphs (input/r03-1.xml) in a
fixed pseudo-random order, with other text lengths than the seed's: the page-fill pool
(tests/pdf/page-fill.py, issue 14).  The files are committed; run this only to make them again."""
import datetime
import os
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
NS = "urn:minutes:session:1"
seed = ET.parse(os.path.join(ROOT, "input", "r03-1.xml")).getroot()
def text(p):  # plain text of a <p> (markup dropped: sic keeps its printed text)
    return "".join(p.itertext()).strip()
paras = [text(p) for p in seed.iter(f"{{{NS}}}p") if text(p) and "http" not in text(p)]
titles = [text(t) for t in seed.iter(f"{{{NS}}}entry") if t.get("n") and t.text and len(text(t)) > 10][:4]
paras = sorted(set(paras), key=paras.index)
state = [12345]
def rnd(n):
    state[0] = (state[0] * 1103515245 + 12345) % (2 ** 31)
    return state[0] % n
def pick(k):
    return [paras[rnd(len(paras))] for _ in range(k)]
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;")
def ps(lst, ind):
    return "\n".join(f"{ind}<p>{esc(p)}</p>" for p in lst)
HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<!--
  tests/pdf/sessions/{name}.xml (issue 14): {what}
  Made from the seed's paragraphs (input/r03-1.xml), re-arranged in a fixed pseudo-random order: a
  session of the same council with other text lengths, for the page-fill checks (page-fill.py).
-->
<session xmlns="urn:minutes:session:1"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="urn:minutes:session:1 ../schema/session.xsd"
         xml:lang="ja">
  <title fiscal-year="2021" number="{num}">令和3年度第{num}回</title>
  <council>情報公開・個人情報保護審議会</council>
  <dates>
    <start iso="2021-{mm}-10">令和3年{m}月10日({w1})</start>
    <decision iso="2021-{mm}-24">令和3年{m}月24日({w2})</decision>
  </dates>
  <held manner="written">
    <p>注:第{num}回情報公開・個人情報保護審議会については、新型コロナウイルス感染症対策として、書面による開催とした。</p>
  </held>
  <attendees>
{people}
  </attendees>
  <materials>
    <material>諮問事項の資料</material>
  </materials>
  <agenda>
{agenda}
  </agenda>
  <record-note>別紙のとおり</record-note>
'''
PEOPLE = ["浅田","植野","岡田","前田","宮内","森田","河野","川原","橋本","斉藤","かいでん","後藤","伊藤","中村","平谷","塩月","飯塚","青木","五来","永積","藤吉"]
def session(name, what, num, inquiries, requests=0):
    m = 4 + num
    wd = "月火水木金土日"
    w1, w2 = (wd[datetime.date(2021, m, d).weekday()] for d in (10, 24))
    out = HEAD.format(name=name, what=what, num=num, mm=f"{m:02d}", m=m, w1=w1, w2=w2,
                      people="\n".join(f"    <person>{p}</person>" for p in PEOPLE[:12 + num]),
                      agenda="\n".join(f'    <entry n="{i+1}">{titles[i % len(titles)]}</entry>' for i in range(len(inquiries))))
    for i, rows in enumerate(inquiries):
        out += f'\n  <inquiry n="{i+1}">\n    <title>{titles[i % len(titles)]}</title>\n    <qa>\n'
        for j, (q, a, fu) in enumerate(rows):
            out += f'      <entry n="{j+1}">\n        <question>\n{ps(pick(q), " "*10)}\n        </question>\n'
            out += f'        <answer>\n{ps(pick(a), " "*10)}\n        </answer>\n'
            if fu:
                out += f'        <follow-up label="(再回答)" date="2021-{m:02d}-19">\n{ps(pick(fu), " "*10)}\n        </follow-up>\n'
            out += '      </entry>\n'
        out += '    </qa>\n    <opinions>\n'
        for k in range(1 + rnd(4)):
            out += f'      <opinion>\n{ps(pick(1), " "*8)}\n      </opinion>\n'
        out += '    </opinions>\n  </inquiry>\n'
    if requests:
        out += '\n  <requests>\n'
        for k in range(requests):
            out += f'    <request n="{k+1}">\n{ps(pick(1 + rnd(3)), " "*6)}\n    </request>\n'
            out += f'    <response n="{k+1}">\n{ps(pick(1 + rnd(2)), " "*6)}\n    </response>\n'
        out += '  </requests>\n'
    out += '</session>\n'
    open(os.path.join(HERE, f"{name}.xml"), "w", encoding="utf-8").write(out)
# short rows: questions and answers of one paragraph, some rows two; many rows
short = [[(1, 1, 0) if rnd(3) else (1, 2, 0) for _ in range(6 + rnd(8))] for _ in range(4)]
session("qa-short-rows", "many short Q&A rows (one or two paragraphs a cell) over four inquiries.", 2, short)
# long turns: few rows, long answers, follow-ups
long_ = [[(1 + rnd(3), 6 + rnd(14), rnd(2) * (2 + rnd(4))) for _ in range(2 + rnd(3))] for _ in range(2)]
session("qa-long-turns", "few Q&A rows with long answers (6 to 19 paragraphs) and follow-ups.", 3, long_, requests=1)
# mixed: five inquiries of varied length
mixed = [[(1 + rnd(2), 1 + rnd(5), (rnd(4) == 0) * 2) for _ in range(1 + rnd(7))] for _ in range(5)]
session("qa-mixed", "five inquiries of varied length, rows of one to five paragraphs, and requests.", 4, mixed, requests=2)
