"""The term base: the `terms:` section of a rule-pack file (rules/terminology.yml).

    terms:
      islamic-nations:                 # a term group: one meaning, many forms
        meaning: The Muslim-majority countries, each a state of its own.
        case: sensitive                # sensitive (default) | insensitive
        autofix: true                  # may --fix substitute forms of this group?
        preferred:                     # form: number (singular | plural | collective)
          Islamic nations: plural
          Islamic nation: singular
        accepted:
          Islamic countries: plural
        rejected:
          Islamic Nation:
            number: singular
            use: Islamic nations       # the replacement (default: a preferred form)
            reason: It presents many countries as one state.

Forms are matched as whole words, across line breaks, and never inside code or
URLs. The singular and plural of one form ("Islamic country", "Islamic
countries") count as one form when a document is checked for consistency.
Every error names the file and line of the offending key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import ConfigError

NUMBERS = ("singular", "plural", "collective")
STATUSES = ("preferred", "accepted", "rejected")
GROUP_KEYS = ("meaning", "case", "autofix") + STATUSES
REJECTED_KEYS = ("number", "reason", "use", "autofix")
GROUP_NAME_RE = re.compile(r"^[A-Za-z0-9][\w-]*$")


@dataclass(frozen=True, eq=False)
class Form:
    text: str
    status: str                 # preferred | accepted | rejected
    number: str | None          # singular | plural | collective | None (unknown)
    group: "Group" = field(repr=False)
    reason: str = ""
    use: str | None = None      # rejected forms: the replacement's text
    autofix: bool = True
    variant: str = ""           # forms with one variant key are one form for consistency
    line: int = 0

    @property
    def verb_number(self) -> str | None:
        """The number of the verb this form takes: a collective noun takes a
        singular verb in house style ("the Ummah is")."""
        return "singular" if self.number == "collective" else self.number


@dataclass(eq=False)
class Group:
    name: str
    meaning: str = ""
    case_sensitive: bool = True
    autofix: bool = True
    forms: list[Form] = field(default_factory=list)  # preferred, then accepted, then rejected
    line: int = 0

    @property
    def preferred(self) -> list[Form]:
        return [f for f in self.forms if f.status == "preferred"]

    @property
    def has_preferred(self) -> bool:
        return any(f.status == "preferred" for f in self.forms)

    def by_text(self, text: str) -> Form | None:
        return next((f for f in self.forms if f.text == text), None)

    def variant_forms(self, variant: str) -> list[Form]:
        return [f for f in self.forms if f.variant == variant]

    def variant_name(self, variant: str) -> str:
        """How a variant is shown: its first-listed form."""
        forms = self.variant_forms(variant)
        return forms[0].text if forms else variant

    def replacement_for(self, form: Form, variant: str | None = None) -> Form | None:
        """The form that replaces `form`: the rejected form's `use`, else the form of
        the target variant (default: the preferred one) with the same number."""
        if variant is None and form.use:
            return self.by_text(form.use)
        candidates = self.variant_forms(variant) if variant else self.preferred
        if not candidates:
            return None
        same = [c for c in candidates if c.number == form.number and form.number]
        return (same or candidates)[0]


@dataclass(eq=False)
class TermBase:
    groups: list[Group] = field(default_factory=list)
    path: Path | None = None
    _pattern: Any = None
    _index: dict[str, list[Form]] | None = None

    @property
    def forms(self) -> list[Form]:
        return [f for g in self.groups for f in g.forms]

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name == name), None)

    @property
    def pattern(self):
        """One case-insensitive alternation of every form, longest first, whole words
        only; an apostrophe may follow (a possessive), a hyphen may not."""
        if self._pattern is None and self.forms:
            from ..patterns import compile_pattern, phrase_pattern

            alternatives = sorted({phrase_pattern(f.text) for f in self.forms}, key=len, reverse=True)
            self._pattern = compile_pattern(
                r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-])", ignorecase=True)
        return self._pattern

    def candidates(self, written: str) -> list[Form]:
        """Forms that `written` spells, ignoring case and spacing."""
        if self._index is None:
            self._index = {}
            for f in self.forms:
                self._index.setdefault(key(f.text), []).append(f)
        return self._index.get(key(written), [])


def key(text: str) -> str:
    return " ".join(text.split()).casefold()


def singular_key(text: str) -> str:
    """`text` with its last word made singular by the regular rules, so
    "Islamic countries" and "Islamic country" share a variant."""
    words = text.split()
    last = words[-1]
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"),
                         ("xes", "x"), ("s", "")):
        if last.endswith(suffix) and len(last) > len(suffix) + 1 and not last.endswith("ss"):
            last = last[: -len(suffix)] + repl
            break
    return " ".join(words[:-1] + [last])


# -- loading ---------------------------------------------------------------------
def load_termbase(pack) -> TermBase:
    """The pack's term base, parsed and validated once (cached on the pack)."""
    cached = getattr(pack, "_termbase", None)
    if cached is not None:
        return cached
    section = pack.sections.get("terms") if pack is not None else None
    if section is None:
        tb = TermBase()
    else:
        tb = parse_termbase(section.value, section.path, section.line)
    if pack is not None:
        pack._termbase = tb
    return tb


def _line(node: Any, key: Any = None, default: int = 0) -> int:
    lines = getattr(node, "lines", None)
    if key is not None and isinstance(lines, dict) and key in lines:
        return lines[key]
    return getattr(node, "line", 0) or default


def parse_termbase(data: Any, path: Path | None = None, line: int = 0) -> TermBase:
    def error(message: str, at: int) -> ConfigError:
        return ConfigError(f"terms: {message}", path, at or line or None)

    if data is None:
        return TermBase(path=path)
    if not isinstance(data, dict):
        raise error("must map group names to groups (see the README, 'Terminology')", line)
    tb = TermBase(path=path)
    seen: dict[str, tuple[str, str]] = {}  # casefolded form -> (group, text) of its first listing
    for name, spec in data.items():
        gline = _line(data, name, line)
        name = str(name)
        if not GROUP_NAME_RE.match(name):
            raise error(f"group name '{name}' must be letters, digits, '-' or '_'", gline)
        if not isinstance(spec, dict):
            raise error(f"group '{name}' must be a mapping with 'preferred:', 'accepted:' "
                        "and/or 'rejected:'", gline)
        for k in spec:
            if k not in GROUP_KEYS:
                raise error(f"group '{name}': unknown key '{k}' (expected: {', '.join(GROUP_KEYS)})",
                            _line(spec, k, gline))
        case = spec.get("case", "sensitive")
        if case not in ("sensitive", "insensitive"):
            raise error(f"group '{name}': 'case' must be sensitive or insensitive, not {case!r}",
                        _line(spec, "case", gline))
        autofix = spec.get("autofix", True)
        if not isinstance(autofix, bool):
            raise error(f"group '{name}': 'autofix' must be true or false, not {autofix!r}",
                        _line(spec, "autofix", gline))
        meaning = spec.get("meaning", "")
        if not isinstance(meaning, str):
            raise error(f"group '{name}': 'meaning' must be text", _line(spec, "meaning", gline))
        group = Group(name, meaning.strip(), case == "sensitive", autofix, [], gline)
        entries: list[dict] = []
        for status in STATUSES:
            if status in spec:
                entries.extend(_entries(spec, status, name, gline, error))
        if not any(e["status"] != "rejected" for e in entries):
            raise error(f"group '{name}' needs at least one 'preferred' or 'accepted' form", gline)
        known = {e["text"] for e in entries if e["status"] != "rejected"}
        has_preferred = any(e["status"] == "preferred" for e in entries)
        for e in entries:
            k = key(e["text"])
            if k in seen:
                other_group, other_text = seen[k]
                # Within a case-sensitive group, "Islamic Nation" and "Islamic nation"
                # are two forms; anywhere else one spelling may be listed once.
                if other_group != name or other_text == e["text"] or not group.case_sensitive:
                    where = "this group" if other_group == name else f"group '{other_group}'"
                    also = f" as '{other_text}'" if other_text != e["text"] else ""
                    raise error(f"group '{name}': form '{e['text']}' is already listed in "
                                f"{where}{also}", e["line"])
            else:
                seen[k] = (name, e["text"])
            if e["status"] == "rejected":
                if e["use"] is not None and e["use"] not in known:
                    raise error(f"group '{name}': rejected form '{e['text']}': 'use' must be one of "
                                f"this group's preferred or accepted forms, not {e['use']!r}",
                                e["use_line"])
                if e["use"] is None and not has_preferred:
                    raise error(f"group '{name}': rejected form '{e['text']}' needs 'use:' "
                                "(the group has no preferred form)", e["line"])
        variants: dict[str, str] = {}
        for e in entries:
            if e["status"] == "preferred":
                variant = "preferred"
            else:
                base = singular_key(e["text"])
                variant = e["status"] + ":" + (base if group.case_sensitive else key(base))
            variants.setdefault(e["text"], variant)
            group.forms.append(Form(
                text=e["text"], status=e["status"], number=e["number"], group=group,
                reason=e["reason"], use=e["use"], autofix=e["autofix"], variant=variant,
                line=e["line"]))
        tb.groups.append(group)
    return tb


def _entries(spec: dict, status: str, name: str, gline: int, error) -> list[dict]:
    node = spec[status]
    sline = _line(spec, status, gline)
    where = f"group '{name}': '{status}'"
    lines: dict = {}
    if isinstance(node, str):
        node, lines = {node: None}, {node: sline}
    elif isinstance(node, list) and status != "rejected":
        items: dict = {}
        for i, item in enumerate(node):
            if not isinstance(item, str):
                raise error(f"{where} item {i + 1} must be a form (text)", _item_line(node, i, sline))
            items[item] = None
            lines[item] = _item_line(node, i, sline)
        node = items
    elif isinstance(node, dict):
        lines = getattr(node, "lines", None) or {}
    if not isinstance(node, dict) or not node:
        raise error(f"{where} must map each form to its number (singular, plural or collective)"
                    if status != "rejected" else
                    f"{where} must map each rejected form to its reason, number and replacement",
                    sline)
    out = []
    for text, value in node.items():
        fline = lines.get(text, sline)
        if not isinstance(text, str) or not text.strip():
            raise error(f"{where}: a form must be non-empty text, not {text!r}", fline)
        text = " ".join(text.split())
        if not re.match(r"^\w", text) or not re.search(r"\w$", text):
            raise error(f"{where}: form '{text}' must start and end with a letter or digit", fline)
        entry = {"text": text, "status": status, "number": None, "reason": "", "use": None,
                 "autofix": True, "line": fline, "use_line": fline}
        if status == "rejected":
            if isinstance(value, str):
                value = {"reason": value}
            if not isinstance(value, dict):
                raise error(f"{where}: '{text}' must be a mapping with 'reason:' (and optionally "
                            "'number:', 'use:', 'autofix:')", fline)
            for k in value:
                if k not in REJECTED_KEYS:
                    raise error(f"{where}: '{text}': unknown key '{k}' (expected: "
                                f"{', '.join(REJECTED_KEYS)})", _line(value, k, fline))
            reason = value.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                raise error(f"{where}: '{text}' needs a 'reason:' (editors and readers see it)", fline)
            entry["reason"] = " ".join(reason.split())
            use = value.get("use")
            if use is not None and not isinstance(use, str):
                raise error(f"{where}: '{text}': 'use' must be a form (text)", _line(value, "use", fline))
            entry["use"] = " ".join(use.split()) if use else None
            entry["use_line"] = _line(value, "use", fline)
            af = value.get("autofix", True)
            if not isinstance(af, bool):
                raise error(f"{where}: '{text}': 'autofix' must be true or false",
                            _line(value, "autofix", fline))
            entry["autofix"] = af
            number = value.get("number")
            number_line = _line(value, "number", fline)
        else:
            number, number_line = value, fline
        if number is not None and number not in NUMBERS:
            raise error(f"{where}: '{text}': number must be one of {', '.join(NUMBERS)}, not {number!r}",
                        number_line)
        entry["number"] = number
        out.append(entry)
    return out


def _item_line(node: Any, index: int, default: int) -> int:
    lines = getattr(node, "lines", None)
    if isinstance(lines, list) and index < len(lines):
        return lines[index]
    return default
