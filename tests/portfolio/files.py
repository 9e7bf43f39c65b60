"""Real files for the upload tests, built with Pillow (no fixtures on disk)."""
from __future__ import annotations

import io
import time
import struct
import zlib

from PIL import ExifTags, Image


def jpeg_with_gps(size=(64, 48), orientation: int = 6) -> bytes:
    """A phone-like JPEG: GPS coordinates, a camera make and an "rotate 90°" orientation in its EXIF."""
    picture = Image.new("RGB", size, (200, 30, 30))
    picture.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # a left half in another colour
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (37.0, 46.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (122.0, 25.0, 10.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size=(40, 30), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 60) if mode == "RGB" else (10, 120, 60, 128)).save(out, "PNG")
    return out.getvalue()


def png_bomb(width: int = 100_000, height: int = 100_000) -> bytes:
    """A real PNG made by Pillow whose header then claims 10 billion pixels (a tiny file that would need
    tens of gigabytes to decode): the classic decompression bomb."""
    data = bytearray(png((8, 8)))
    ihdr = data.index(b"IHDR")
    struct.pack_into(">II", data, ihdr + 4, width, height)
    crc = zlib.crc32(bytes(data[ihdr:ihdr + 17])) & 0xFFFFFFFF
    struct.pack_into(">I", data, ihdr + 17, crc)
    return bytes(data)


def pdf() -> bytes:
    """A small real PDF, the same bytes on every call (a fixed creation date, not the clock's)."""
    out = io.BytesIO()
    fixed = time.strptime("2026-01-02 03:04:05", "%Y-%m-%d %H:%M:%S")
    Image.new("RGB", (50, 50), "white").save(out, "PDF", creationDate=fixed, modDate=fixed)
    return out.getvalue()


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
