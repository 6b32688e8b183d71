"""Validation of a rule instance's options against its kind's declared `options`."""

from __future__ import annotations

from typing import Any

from ..patterns import compile_pattern
from .base import Option, OptionError


def validate_options(declared: dict[str, Option], given: dict[str, Any]) -> dict[str, Any]:
    """Return options with defaults filled in; raise OptionError naming the bad key."""
    out: dict[str, Any] = {}
    for key in given:
        if key not in declared:
            known = ", ".join(sorted(declared)) or "none"
            raise OptionError(key, f"unknown option {key!r} (this kind takes: {known})")
    for key, opt in declared.items():
        if key not in given:
            if opt.required:
                raise OptionError(key, f"missing required option {key!r}")
            out[key] = _copy_default(opt.default)
            continue
        out[key] = _check(key, opt, given[key])
    return out


def _copy_default(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return type(value)(value)
    return value


def _check(key: str, opt: Option, value: Any) -> Any:
    t = opt.type
    if opt.choices and value not in opt.choices:
        raise OptionError(key, f"{key!r} must be one of {', '.join(map(str, opt.choices))}, not {value!r}")
    if t is bool:
        if not isinstance(value, bool):
            raise OptionError(key, f"{key!r} must be true or false, not {value!r}")
    elif t is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise OptionError(key, f"{key!r} must be a whole number, not {value!r}")
    elif t is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise OptionError(key, f"{key!r} must be a number, not {value!r}")
        value = float(value)
    elif t is str:
        if not isinstance(value, str):
            raise OptionError(key, f"{key!r} must be a string, not {value!r}")
    elif t in ("str-list", "regex-list"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise OptionError(key, f"{key!r} must be a list of strings")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise OptionError(key, f"{key!r} item {i + 1} must be a string, not {item!r}", i)
            if t == "regex-list":
                try:
                    compile_pattern(item)
                except ValueError as exc:
                    raise OptionError(key, f"{key!r} item {i + 1}: {exc}", i) from None
    elif t == "regex":
        if not isinstance(value, str):
            raise OptionError(key, f"{key!r} must be a regex string")
        try:
            compile_pattern(value)
        except ValueError as exc:
            raise OptionError(key, f"{key!r}: {exc}") from None
    elif t == "str-map":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise OptionError(key, f"{key!r} must map strings to strings")
    return value
