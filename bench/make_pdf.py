#!/usr/bin/env python3
"""Writes a valid PDF of about SIZE MiB (pages with large incompressible image streams) for the
benchmarks. Usage: make_pdf.py OUT SIZE_MIB"""
import os, sys

out, size = sys.argv[1], int(sys.argv[2])
pages = max(1, size // 8)
chunk = (size << 20) // pages
objects = ["<< /Type /Catalog /Pages 2 0 R >>", None]
kids = []
for index in range(pages):
    image = len(objects) + 1
    content = len(objects) + 2
    page = len(objects) + 3
    side = int((chunk / 3) ** 0.5)
    data = os.urandom(side * side * 3)
    objects.append((f"<< /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceRGB "
                    f"/BitsPerComponent 8 /Length {len(data)} >>", data))
    text = f"q 500 0 0 500 50 200 cm /Im{index} Do Q BT /F1 12 Tf 50 100 Td (Page {index + 1}) Tj ET".encode()
    objects.append((f"<< /Length {len(text)} >>", text))
    objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
                   f"/Resources << /XObject << /Im{index} {image} 0 R >> >> >>")
    kids.append(f"{page} 0 R")
objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {pages} >>"
with open(out, "wb") as f:
    f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, item in enumerate(objects, start=1):
        offsets.append(f.tell())
        f.write(f"{number} 0 obj\n".encode())
        if isinstance(item, tuple):
            f.write(item[0].encode() + b"\nstream\n" + item[1] + b"\nendstream")
        else:
            f.write(item.encode())
        f.write(b"\nendobj\n")
    xref = f.tell()
    f.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        f.write(f"{offset:010d} 00000 n \n".encode())
    f.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
