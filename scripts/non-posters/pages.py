"""Writes varied web pages of our own (chats, forms, articles, tables, inboxes, code) to screenshot.

Usage: python3 pages.py OUT_DIR COUNT SEED
Prints one line per page: html_file<TAB>width<TAB>height<TAB>group<TAB>source.
"""
import random
import sys

WORDS = ("the movie night plan was great but we still need tickets for friday and someone should bring snacks "
         "meeting notes budget deadline review release server error login account update price order shipping "
         "weather tomorrow lunch project design team report draft please check thanks again").split()
NAMES = ["Alex", "Sam", "Jordan", "Priya", "Chen", "Maria", "Tom", "Aisha", "Luca", "Kim", "Noah", "Eva"]
FONTS = ["sans-serif", "serif", "monospace", "Georgia, serif", "Verdana, sans-serif"]


def text(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def chat(rng):
    dark = rng.random() < 0.4
    rows = []
    for _ in range(rng.randint(6, 18)):
        name = rng.choice(NAMES)
        hue = NAMES.index(name) * 30
        rows.append(f'<div class="m"><b style="color:hsl({hue},60%,45%)">{name}</b> <small>{rng.randint(0, 23)}:{rng.randint(10, 59)}</small>'
                    f'<p>{text(rng, 3, 25)}</p></div>')
    bg, fg = ("#313338", "#dbdee1") if dark else ("#fff", "#1d1c1d")
    return f'<style>body{{background:{bg};color:{fg};margin:0;display:flex}}nav{{width:200px;background:{"#2b2d31" if dark else "#3f0e40"};color:#ccc;padding:10px;min-height:100vh}}.m{{padding:6px 16px}}p{{margin:2px 0}}</style>' \
           f'<nav>{"".join(f"<div># {rng.choice(WORDS)}</div>" for _ in range(10))}</nav><main>{"".join(rows)}</main>'


def form(rng):
    fields = "".join(f'<label>{rng.choice(WORDS).title()}<input value="{rng.choice(WORDS) if rng.random() < 0.5 else ""}"></label>'
                     for _ in range(rng.randint(3, 9)))
    return f'<style>body{{background:#{rng.randint(0xd0d0d0, 0xffffff):06x};padding:40px}}form{{background:#fff;max-width:500px;margin:auto;padding:24px;border-radius:8px;box-shadow:0 2px 8px #0003}}' \
           f'label{{display:block;margin:12px 0}}input{{display:block;width:100%;padding:8px}}button{{padding:10px 20px;background:hsl({rng.randint(0, 360)},60%,45%);color:#fff;border:0}}</style>' \
           f'<form><h2>{text(rng, 2, 4)}</h2>{fields}<button>{rng.choice(["Submit", "Sign in", "Save", "Continue"])}</button></form>'


def article(rng):
    paragraphs = "".join(f"<p>{text(rng, 30, 80)}</p>" for _ in range(rng.randint(3, 8)))
    return f'<style>body{{max-width:{rng.randint(500, 900)}px;margin:30px auto;font-family:{rng.choice(FONTS)};line-height:1.5;padding:0 20px}}header{{border-bottom:2px solid #333;margin-bottom:20px}}</style>' \
           f'<header><h3>{rng.choice(["The Daily", "Tech Notes", "City News", "My Blog"])}</h3></header><h1>{text(rng, 4, 10)}</h1><i>By {rng.choice(NAMES)}</i>{paragraphs}'


def table(rng):
    cols = rng.randint(3, 8)
    head = "".join(f"<th>{rng.choice(WORDS).title()}</th>" for _ in range(cols))
    body = "".join("<tr>" + "".join(f"<td>{rng.choice([rng.choice(WORDS), str(rng.randint(0, 9999)), f'{rng.random() * 100:.2f}%'])}</td>" for _ in range(cols)) + "</tr>"
                   for _ in range(rng.randint(8, 30)))
    return f'<style>body{{font-family:{rng.choice(FONTS)};padding:16px}}table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:4px 8px}}th{{background:hsl({rng.randint(0, 360)},40%,85%)}}tr:nth-child(even){{background:#f4f4f4}}</style>' \
           f'<h2>{text(rng, 2, 5)}</h2><table><tr>{head}</tr>{body}</table>'


def inbox(rng):
    rows = "".join(f'<div class="r"><b>{rng.choice(NAMES)}</b> {text(rng, 3, 8)} <span>{text(rng, 6, 12)}</span></div>' for _ in range(rng.randint(8, 20)))
    return '<style>body{margin:0;font-family:sans-serif}.top{background:#1a73e8;color:#fff;padding:14px}.r{padding:10px 16px;border-bottom:1px solid #ddd;white-space:nowrap;overflow:hidden}span{color:#777}</style>' \
           f'<div class="top">Inbox ({rng.randint(1, 400)})</div>{rows}'


def code(rng):
    lines = "".join(f'<div><span style="color:#888">{n + 1:3d}</span> {"&nbsp;" * 4 * rng.randint(0, 3)}<span style="color:hsl({rng.randint(0, 360)},70%,65%)">{rng.choice(["const", "if", "return", "def", "for", "let"])}</span> {" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))}</div>'
                    for n in range(rng.randint(15, 45)))
    return f'<style>body{{background:#1e1e1e;color:#d4d4d4;font-family:monospace;font-size:{rng.randint(11, 16)}px;padding:10px}}</style>{lines}'


KINDS = [chat, form, article, table, inbox, code]


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for i in range(count):
        rng = random.Random(seed * 100_000 + i)
        kind = KINDS[i % len(KINDS)]
        name = f"page-{i:04d}.html"
        with open(f"{out}/{name}", "w") as page:
            page.write(f"<!doctype html><meta charset=utf-8><body>{kind(rng)}</body>")
        width, height = rng.choice([(1280, 800), (1440, 900), (390, 844), (800, 600), (1024, 1366), (1920, 1080)])
        print(f"{name}\t{width}\t{height}\tpage-{kind.__name__}-{i // 6 % 8}\tchromium-screenshot:{kind.__name__}:seed{seed}:{i}")


if __name__ == "__main__":
    main()
