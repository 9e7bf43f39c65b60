"""Checking an upload before a single byte is stored: size, type read from the content (never the name),
and images decoded and re-encoded with Pillow so EXIF (GPS included) is dropped, the picture is turned
upright and a phone-sized preview is made. Decompression bombs are refused before decoding.

    check_upload(data, filename, max_bytes, max_pixels) -> Checked   (raises UploadRefused)
"""
from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Optional

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

FULL_SIDE = 2560  # longest side kept for the full picture
PREVIEW_SIDE = 720  # longest side of the phone-sized preview
JPEG_QUALITY = 85
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
IMAGE_NAMES = re.compile(r"\.(jpe?g|png|heic|heif|gif|webp)$", re.IGNORECASE)
PDF_NAMES = re.compile(r"\.pdf$", re.IGNORECASE)
MARKUP = re.compile(rb"^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|meta|!--)", re.IGNORECASE)
TEXT_CONTROLS = set(range(0, 32)) - {9, 10, 12, 13}

# Pillow's own bomb guard (a warning above it, an error above twice it); the warning is turned into a
# refusal below, and the configured UPLOAD_MAX_PIXELS is checked from the header before decoding.
DEFAULT_MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = DEFAULT_MAX_PIXELS


class UploadRefused(ValueError):
    """The file cannot be kept; the message says why in plain words (already translated)."""


@dataclass(frozen=True)
class Checked:
    """What will be stored: the re-encoded bytes (and a preview for images)."""
    kind: str  # image, pdf, text
    media_type: str
    name: str
    data: bytes
    preview: Optional[bytes] = None
    width: Optional[int] = None
    height: Optional[int] = None


def sniff(data: bytes) -> str | None:
    """The real type of `data`: jpeg, png, heif, pdf, text, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heif"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if _is_plain_text(data):
        return "text"
    return None


def _is_plain_text(data: bytes) -> bool:
    """UTF-8 text without control bytes and that is not markup a browser would run (HTML, SVG, XML)."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if MARKUP.match(head) or b"<script" in data[:65536].lower():
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) in TEXT_CONTROLS for c in text)


def safe_name(filename: str | None, fallback: str) -> str:
    """A display name: no path, no control characters, at most 120 characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C").strip()
    return name[:120] or fallback


def megabytes(size: int) -> str:
    """"10", "2.5", and "0.1" for anything small but not empty (never a misleading "0.0")."""
    value = size / (1024 * 1024)
    if 0 < value < 0.1:
        return "0.1"
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def check_upload(data: bytes, filename: str | None, *, max_bytes: int, max_pixels: int) -> Checked:
    """Refuse what must not be kept; re-encode images. Nothing here touches storage."""
    if len(data) > max_bytes:
        raise UploadRefused(_("“%(name)s” is larger than %(limit)s MB. Choose a smaller file, or take the photo "
                              "again at a lower size.", name=safe_name(filename, _("The file")),
                              limit=megabytes(max_bytes)))
    if not data:
        raise UploadRefused(_("The file is empty."))
    kind = sniff(data)
    name = safe_name(filename, _("file"))
    if kind is None:
        raise UploadRefused(_("“%(name)s” is not a photo (JPEG, PNG or HEIC), a PDF or a plain text file, so it "
                              "cannot be added.", name=name))
    claims_image, claims_pdf = bool(IMAGE_NAMES.search(name)), bool(PDF_NAMES.search(name))
    if (claims_image and kind not in ("jpeg", "png", "heif")) or (claims_pdf and kind != "pdf"):
        raise UploadRefused(_("“%(name)s” is named like a photo or a PDF but it is something else inside, so it "
                              "cannot be added.", name=name))
    if kind == "pdf":
        return Checked("pdf", "application/pdf", _with_suffix(name, ".pdf"), data)
    if kind == "text":
        return Checked("text", "text/plain; charset=utf-8", _with_suffix(name, ".txt"), data)
    return _reencode(data, kind, name, max_pixels)


def _with_suffix(name: str, suffix: str) -> str:
    return name if name.lower().endswith(suffix) else f"{name.rsplit('.', 1)[0]}{suffix}"


def _reencode(data: bytes, kind: str, name: str, max_pixels: int) -> Checked:
    """Decode under the pixel limit, turn upright, drop all metadata, save a full copy and a preview."""
    too_big = _("“%(name)s” is a picture with too many pixels to open safely. Take a smaller photo or a "
                "screenshot.", name=name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width * height > max_pixels:
                    raise UploadRefused(too_big)
                opened.load()
                upright = ImageOps.exif_transpose(opened)
        except UploadRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UploadRefused(too_big) from None
        except UnidentifiedImageError:
            if kind == "heif":
                raise UploadRefused(_("“%(name)s” is an iPhone photo (HEIC) that this server cannot open. On the "
                                      "phone, share it as JPEG (or set Camera › Formats to “Most Compatible”) and "
                                      "try again.", name=name)) from None
            raise UploadRefused(_("“%(name)s” looks like a photo but cannot be opened. It may be damaged.",
                                  name=name)) from None
        except (OSError, SyntaxError, ValueError):
            raise UploadRefused(_("“%(name)s” looks like a photo but cannot be opened. It may be damaged.",
                                  name=name)) from None
    keep_alpha = kind == "png" and upright.mode in ("RGBA", "LA", "P", "PA")
    picture = upright.convert("RGBA" if keep_alpha else "RGB")
    picture.info = {}  # nothing from the original file travels on: no EXIF, no GPS, no text chunks
    full = _fit(picture, FULL_SIDE)
    full_bytes = _encode(full, "PNG" if keep_alpha else "JPEG")
    preview = _encode(_flatten(_fit(picture, PREVIEW_SIDE)), "JPEG")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    suffix, media_type = (".png", "image/png") if keep_alpha else (".jpg", "image/jpeg")
    return Checked("image", media_type, f"{stem}{suffix}", full_bytes, preview, full.width, full.height)


def _fit(picture: Image.Image, side: int) -> Image.Image:
    if max(picture.size) <= side:
        return picture.copy()
    copy = picture.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    return copy


def _flatten(picture: Image.Image) -> Image.Image:
    if picture.mode == "RGB":
        return picture
    background = Image.new("RGB", picture.size, "white")
    background.paste(picture, mask=picture.getchannel("A"))
    return background


def _encode(picture: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        picture.save(out, "PNG", optimize=True)
    return out.getvalue()
