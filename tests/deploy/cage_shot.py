#!/usr/bin/env python3
"""Pixel checks for test_cage_headless.sh (no imaging library needed: grim writes PPM, trinn's
screenshot step a 32-bit BMP).

  cage_shot.py ready SHOT.ppm W H
      exit 0 when the app's frame fills the W x H output (cage's background is black; before
      the resize the app's first 640x480 frame leaves the rest of the output black), 1 when
      not yet, 2 (with a message) when the output is not W x H
  cage_shot.py check SHOT.ppm APP.bmp LAYOUT.json W H BUTTON-ID
      the compositor's output equals, pixel for pixel, what trinn drew itself; the app saw the
      W x H output; the background and primary colours of the standard theme (ui/kit/tu_theme.c)
      are where the app's widget list (the script's dump) says
"""
import json
import struct
import sys

BG = (243, 246, 245)      # tu_theme.c, standard: st->bg
PRIMARY = (23, 101, 106)  # tu_theme.c, standard: st->primary
BLACK = (0, 0, 0)         # cage's own background


def fail(msg):
    sys.exit("FAIL: " + msg)


def read_ppm(path):
    data = open(path, "rb").read()
    # P6\nW H\n255\n<pixels>
    magic, size, depth, pixels = data.split(b"\n", 3)
    if magic != b"P6" or depth != b"255":
        fail(f"{path}: not an 8-bit binary PPM")
    w, h = map(int, size.split())
    if len(pixels) != w * h * 3:
        fail(f"{path}: {len(pixels)} bytes of pixels for {w}x{h}")
    return w, h, pixels


def read_bmp(path):
    data = open(path, "rb").read()
    if data[:2] != b"BM":
        fail(f"{path}: not a BMP")
    off = struct.unpack_from("<I", data, 10)[0]
    w, h = struct.unpack_from("<ii", data, 18)
    bpp = struct.unpack_from("<H", data, 28)[0]
    if bpp != 32:
        fail(f"{path}: {bpp} bits per pixel, expected 32")
    rows, hh = [], abs(h)
    for y in range(hh):
        sy = hh - 1 - y if h > 0 else y  # bottom-up unless the height is negative
        row = data[off + sy * w * 4: off + (sy + 1) * w * 4]
        # ARGB8888 little-endian: B G R A
        rows.append(bytes(c for i in range(0, len(row), 4) for c in (row[i + 2], row[i + 1], row[i])))
    return w, hh, b"".join(rows)


def pixel(img, x, y):
    w, _, p = img
    i = (y * w + x) * 3
    return tuple(p[i:i + 3])


def ready(shot, w, h):
    img = read_ppm(shot)
    if img[:2] != (w, h):
        print(f"FAIL: the output is {img[0]}x{img[1]}, expected {w}x{h}", file=sys.stderr)
        return 2
    corners = [(0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)]
    return 1 if any(pixel(img, x, y) == BLACK for x, y in corners) else 0


def inside(r, x, y):
    return r[0] <= x < r[0] + r[2] and r[1] <= y < r[1] + r[3]


def check(shot, app_bmp, layout, w, h, button):
    out = read_ppm(shot)
    if out[:2] != (w, h):
        fail(f"the output is {out[0]}x{out[1]}, expected {w}x{h}")
    app = read_bmp(app_bmp)
    d = json.load(open(layout))
    if (d["width"], d["height"]) != (w, h):
        fail(f"the app drew for {d['width']}x{d['height']}, not the {w}x{h} output")
    if app[:2] != (w, h):
        fail(f"the app's own screenshot is {app[0]}x{app[1]}")
    if out[2] != app[2]:
        diff = [(i // 3 % w, i // 3 // w) for i in range(0, len(out[2]), 3)
                if out[2][i:i + 3] != app[2][i:i + 3]]
        fail(f"{len(diff)} pixels on the output differ from what the app drew, first at {diff[0]}: "
             f"{pixel(out, *diff[0])} on the output, {pixel(app, *diff[0])} drawn")
    widgets = d["widgets"]
    screen = [x for x in widgets if x["id"].startswith("screen.")]
    if not screen:
        fail(f"no screen.* area in the layout: {[x['id'] for x in widgets]}")
    body = screen[0]["rect"]
    # the background: the first point of a 16 px grid in the screen's body that no widget covers
    spot = next(((x, y) for y in range(body[1] + 8, body[1] + body[3], 16)
                 for x in range(8, w, 16)
                 if inside(body, x, y) and not any(
                     inside(o["rect"], x, y) for o in widgets if o is not screen[0])), None)
    if spot is None:
        fail("no free background in the screen's body")
    if pixel(out, *spot) != BG:
        fail(f"background at {spot}: {pixel(out, *spot)}, expected {BG}")
    btn = [x for x in widgets if x["id"] == button]
    if not btn:
        fail(f"no widget {button} in the layout")
    bx, by, bw, bh = btn[0]["rect"]
    # left of the label, clear of the rounded corners and the border
    spot = (bx + 6, by + bh // 2)
    if pixel(out, *spot) != PRIMARY:
        fail(f"{button} at {spot}: {pixel(out, *spot)}, expected the primary colour {PRIMARY}")
    print(f"cage output {w}x{h}: equal to the app's own frame; background {BG} and {button} "
          f"{PRIMARY} where the layout says")
    return 0


if __name__ == "__main__":
    a = sys.argv[1:]
    if a[:1] == ["ready"] and len(a) == 4:
        sys.exit(ready(a[1], int(a[2]), int(a[3])))
    if a[:1] == ["check"] and len(a) == 7:
        sys.exit(check(a[1], a[2], a[3], int(a[4]), int(a[5]), a[6]))
    sys.exit(__doc__)
