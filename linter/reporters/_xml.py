"""Shared by the XML formats (junit, checkstyle)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

# XML 1.0 cannot represent these at all, not even as character references;
# ElementTree would write them raw and the file would not parse.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(s: str) -> str:
    return _INVALID.sub("\ufffd", s)


def write(root: ET.Element, stream: TextIO) -> None:
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
