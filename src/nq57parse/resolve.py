"""Stage 9, resolve: link citations to canonical targets and merge them into references.

In: citations in text order (from ``citations.find_citations``), the document's own canonical number, and
extra registry files (``--registry``).
Out: the citations with ``target`` and ``self_reference`` set, and one ``Reference`` per distinct target.

Rules (SPEC "Canonical ids"; conservative, in document order, never a guess):
- a full citation's target is its canonical number (``QD`` → ``QĐ``; Party hyphen kept); printings that
  differ only in leading zeros are one document, shown in the fullest form seen;
- a short or list citation (``Nghị quyết số 03``) links to an earlier full citation of the same type and
  serial (and year/issuer when printed); failing that, to the registry; more than one candidate gives a
  null target and an ``ambiguous`` conflict on each candidate. A plan or programme cited by the serial of
  the Quyết định that issued it (``kế hoạch số 787`` after ``Quyết định số 787/QĐ-BYT``) links to that
  decision when it is the only one, with a ``doc_type`` conflict saying so;
- an alias definition that holds a number targets that number; a name defined by
  ``(sau đây gọi tắt là …)`` and its later uses target the citation just before the definition;
- a law cited by name alone (no number printed) gets no ``target``: the text gives no number. Its
  ``version`` is the registry's version of that name its printed date or year names (``Luật Tổ chức
  chính quyền địa phương ngày 19 tháng 6 năm 2015`` → 77/2015/QH13), else the version in force on the
  citing document's date (``dated``), with ``version_basis`` saying which; no date, or two versions that
  fit, give no version and a conflict on each candidate;
- ``self_reference`` is set when the target is the document's own number.
References merge printed facts with the registry and list conflicts: two printed dates, a type word that
contradicts the number's code, a date or type that differs from the registry (a registry entry with the
same serial and issuer under another type code counts as the same document for that check).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .datafiles import data_file
from .models import Citation, Conflict, DocumentNumber, LegalBasis, Reference, maker
from .numbers import doc_type_of, issuer_name, match_key, match_number, parse_number
from .registry import KnownDocument, Registry, choose_version, load_registry

_TYPE_WORDS = {
    "nghi_quyet": "Nghị quyết",
    "quyet_dinh": "Quyết định",
    "nghi_dinh": "Nghị định",
    "thong_tu": "Thông tư",
    "luat": "Luật",
    "ke_hoach": "Kế hoạch",
    "chuong_trinh": "Chương trình",
    "chi_thi": "Chỉ thị",
    "cong_van": "Công văn",
}


@cache
def _overlaps(language: str) -> dict[str, list[str]]:
    """The types a translated type word may render besides its own (``doc_types.yaml``)."""
    return (data_file("doc_types.yaml").get("translation_overlaps") or {}).get(language, {})


_ATTACHED = {"ke_hoach", "chuong_trinh", "quy_che", "quy_dinh", "de_an", "huong_dan"}


@dataclass
class _Seen:
    """Full citations met so far: canonical id → (doc_type from the code or word, year, issuer code)."""

    ids: dict[str, str] = field(default_factory=dict)  # match key → fullest canonical printing
    facts: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    # serial → match keys whose printing has that serial, so that a short citation (Nghị định 42) looks
    # only at the numbers with its serial, not at every number met so far
    by_serial: dict[int, dict[str, None]] = field(default_factory=dict)
    first_met: dict[str, int] = field(default_factory=dict)  # match key → its place in ``ids``

    def record(self, key: str, canonical: str) -> None:
        """Keep ``canonical`` as the printing of ``key`` if it is the fuller one, and index its serial."""
        previous = self.ids.get(key)
        self.first_met.setdefault(key, len(self.first_met))
        self.ids[key] = canonical if previous is None or len(canonical) >= len(previous) else previous
        number = parse_number(self.ids[key])
        if number is not None and number.serial.isdigit():
            self.by_serial.setdefault(int(number.serial), {})[key] = None

    def with_serial(self, serial: int) -> list[tuple[str, str]]:
        """(match key, printing) of the numbers met whose serial is ``serial``, in the order first met."""
        keys = sorted(self.by_serial.get(serial, {}), key=self.first_met.__getitem__)
        return [(key, self.ids[key]) for key in keys]


def _canonical(cite: Citation) -> tuple[str | None, str | None]:
    """(canonical id, type from the code) of a citation that prints a full number."""
    if not cite.number:
        return None, None
    number = parse_number(cite.number)
    if number is None:
        return None, None
    return number.canonical, doc_type_of(number)


def _serial_year(printed: str) -> tuple[str, int | None]:
    serial, _, year = printed.partition("/")
    return serial, int(year) if year.isdigit() else None


def _issuer_matches(printed: str | None, issuer_code: str | None, known: KnownDocument | None) -> bool:
    if not printed:
        return True
    folded = printed.casefold()
    names = [n for n in (known.issuer if known else None,) if n]
    if issuer_code:
        number = parse_number(f"1/QĐ-{issuer_code}") if "-" not in issuer_code else None
        if number and issuer_name(number):
            names.append(issuer_name(number) or "")
    return not names or any(n.casefold() in folded or folded in n.casefold() for n in names)


def _short_candidates(cite: Citation, seen: _Seen, registry: Registry) -> tuple[list[str], str | None]:
    """Candidate targets of a short/list citation and, if matched loosely, the type it was matched under."""
    serial, year = _serial_year(cite.number or "")
    if not serial.isdigit():
        return [], None
    same_type, loose = [], []
    for key, canonical in seen.with_serial(int(serial)):
        number = parse_number(canonical)
        if number is None or int(number.serial) != int(serial):
            continue
        doc_type, num_year, issuer_code = seen.facts[key]
        if year is not None and num_year not in (None, year):
            continue
        if not _issuer_matches(cite.issuer, issuer_code, registry.get(canonical)):
            continue
        if doc_type == cite.doc_type:
            same_type.append(canonical)
        elif cite.doc_type in _ATTACHED and doc_type == "quyet_dinh":
            loose.append(canonical)
    if same_type:
        return same_type, None
    known = [
        doc.id
        for doc in registry.by_serial(serial, year)
        if doc.type == cite.doc_type and _issuer_matches(cite.issuer, None, doc)
    ]
    if known:
        return known, None
    if len(loose) == 1:
        return loose, "quyet_dinh"
    return loose, None


@dataclass
class _Notes:
    """Conflicts gathered while resolving, by target match key."""

    by_key: dict[str, list[Conflict]] = field(default_factory=dict)

    def add(self, target: str, conflict: Conflict) -> None:
        items = self.by_key.setdefault(match_key(target), [])
        for item in items:
            if item.field == conflict.field and item.values == conflict.values:
                item.lines.extend(line for line in conflict.lines if line not in item.lines)
                return
        items.append(conflict)


_NAME_YEAR = re.compile(r"\s{1,3}năm\s{1,3}(\d{4})")


def _link(
    cites: Sequence[Citation], registry: Registry, notes: _Notes, dated: str | None = None
) -> tuple[list[str | None], list[tuple[str, str] | None]]:
    """The target of each citation, in order, and the (version, basis) of each law cited by name alone
    (or by an alias defined right after such a name)."""
    seen = _Seen()
    aliases: dict[str, tuple[str | None, tuple[str, str] | None]] = {}
    targets: list[str | None] = []
    chosen: list[tuple[str, str] | None] = []
    for i, cite in enumerate(cites):
        target: str | None = None
        version: tuple[str, str] | None = None
        canonical, code_type = _canonical(cite)
        if cite.form in ("full", "alias") and canonical:
            key = match_key(canonical)
            number = parse_number(canonical)
            seen.record(key, canonical)
            seen.facts[key] = (
                code_type or cite.doc_type,
                number.year if number else None,
                number.issuer_code if number else None,
            )
            target = seen.ids[key]
        elif cite.form in ("short", "list"):
            candidates, loose = _short_candidates(cite, seen, registry)
            distinct = list(dict.fromkeys(candidates))
            if len(distinct) == 1:
                target = distinct[0]
                if loose:
                    word = _TYPE_WORDS.get(cite.doc_type or "", cite.doc_type or "")
                    notes.add(
                        target,
                        Conflict(
                            field="doc_type",
                            values=[cite.doc_type or "", loose],
                            message=f"'{cite.text}' cites a {word} by the number of {target} (the decision that issued it)",
                            lines=[cite.line],
                        ),
                    )
            elif len(distinct) > 1:
                for candidate in distinct:
                    notes.add(
                        candidate,
                        Conflict(
                            field="target",
                            values=distinct,
                            message=f"'{cite.text}' is ambiguous: {', '.join(distinct)}",
                            lines=[cite.line],
                        ),
                    )
        elif cite.form == "alias":
            if cite.text not in aliases:
                aliases[cite.text] = (targets[i - 1], chosen[i - 1]) if i > 0 else (None, None)
            target, version = aliases[cite.text]
        elif cite.form == "named":
            printed = unicodedata.normalize("NFC", cite.text)  # the API keeps a decomposed text as given
            name, known_versions = registry.named_at_start(printed)
            year = _NAME_YEAR.match(printed, len(name))
            choice = choose_version(
                known_versions, registry, cite.date, int(year.group(1)) if year else None, dated
            )
            # no number is printed: the version is the registry's reading, not a target (SPEC)
            version = (choice.target, choice.basis or "only") if choice.target else None
            if choice.target is None and choice.reason:
                for candidate in choice.candidates:
                    notes.add(
                        candidate,
                        Conflict(
                            field="target",
                            values=list(choice.candidates),
                            message=f"'{cite.text}': {choice.reason}",
                            lines=[cite.line],
                        ),
                    )
        targets.append(target)
        chosen.append(version)
    return targets, chosen


def _merge(target: str, cites: list[Citation], registry: Registry, notes: _Notes) -> Reference:
    """One reference from all citations of ``target`` and the registry."""
    known = registry.get(target)
    number = parse_number(target)
    conflicts = list(notes.by_key.get(match_key(target), []))
    dates: dict[str, list[int]] = {}
    for cite in cites:
        if cite.date:
            dates.setdefault(cite.date, []).append(cite.line)
    if len(dates) > 1:
        conflicts.append(
            Conflict(
                field="date",
                values=sorted(dates),
                message=f"{target} is dated {' and '.join(sorted(dates))}",
                lines=sorted({line for lines in dates.values() for line in lines}),
            )
        )
    code_type = doc_type_of(number) if number else None
    for cite in cites:
        if (
            cite.form == "full"
            and cite.doc_type
            and code_type
            and cite.doc_type != code_type
            and code_type not in _overlaps(cite.language).get(cite.doc_type, ())
        ):
            conflicts.append(
                Conflict(
                    field="doc_type",
                    values=[cite.doc_type, code_type],
                    message=f"'{cite.text}': the type word says {cite.doc_type}, the code {number.type_code if number else ''} says {code_type}",
                    lines=[cite.line],
                )
            )
    twin = known or _near_known(target, registry)
    if twin is not None and twin is not known:
        conflicts.append(
            Conflict(
                field="number",
                values=[target, twin.id],
                message=f"{target} is not known, but {twin.id} has the same serial and issuer",
                lines=sorted({c.line for c in cites}),
            )
        )
    if twin is not None and twin.date:
        for printed, lines in sorted(dates.items()):
            if printed != twin.date:
                conflicts.append(
                    Conflict(
                        field="date",
                        values=[printed, twin.date],
                        message=f"{target} is dated {printed} here but {twin.date} in the registry ({twin.id})",
                        lines=lines,
                    )
                )
    relations = list(dict.fromkeys(c.relation for c in cites))
    printed_issuers = [c.issuer for c in cites if c.issuer]
    issuer = (
        (known.issuer if known else None)
        or next((i for i in printed_issuers if not i.isupper()), None)
        or (printed_issuers[0] if printed_issuers else None)
        or (issuer_name(number) if number else None)
    )
    subjects = [c.subject for c in cites if c.subject]
    doc_type = (
        (known.type if known else None) or code_type or next((c.doc_type for c in cites if c.doc_type), None)
    )
    return maker(Reference)(
        id=target,
        doc_type=doc_type,
        number=target if number else None,
        issuer=issuer,
        date=(known.date if known else None) or (min(dates) if dates else None),
        subject=(known.subject if known else None) or (subjects[0] if subjects else None),
        mentions=len(cites),
        relations=relations,
        known=known is not None,
        conflicts=conflicts,
    )


def _near_known(target: str, registry: Registry) -> KnownDocument | None:
    """A registry entry with the same serial, year and issuer but another type code (2121/KH-BYT ~ 2121/QĐ-BYT)."""
    number = parse_number(target)
    if number is None or number.type_code is None:
        return None
    found = []
    for doc in registry.by_serial(number.serial, number.year):
        other = parse_number(doc.id)
        if other and other.issuer_code == number.issuer_code and other.type_code != number.type_code:
            found.append(doc)
    return found[0] if len(found) == 1 else None


# the label of a document's own number: "Số: …", "**Số hiệu:**" (a site's table, the number a few cell
# lines below), "No.: …", "Nr. …"; the number follows on the line or after lines of table rules only
_OWN_LABEL = re.compile(
    r"^[^\S\n]*[*_#|]*[^\S\n]*(?:Số|SỐ|No|NO|Nr)\.?(?:[^\S\n]+(?:hiệu|HIỆU))?[^\S\n]*[*_]*[^\S\n]*:?"
    r"[^\S\n]*[*_]*[^\S\n]*(?:\n[^\S\n]*[|*_]*[^\S\n]*){0,4}?(?=\d)",
    re.MULTILINE,
)


_CITED_AFTER = re.compile(r"[^\S\n]*[,;]?[^\S\n]*(?:ngày|dated|datert)\b", re.IGNORECASE)


def own_numbers(
    text: str, header: DocumentNumber | str | None = None, limit: int = 4, view: str | None = None
) -> tuple[str, ...]:
    """The document's own numbers: the header's (when it was read), then every number printed as a
    header prints it (``Số: 21/2025/NQ-HĐND``, ``Số hiệu:`` in a site's table, ``No.: 4998/QĐ-BGDĐT``),
    at most ``limit`` of them, so that the document citing itself is never an outside citation even
    when its header was not read. ``view``: ``soft_joined(text)`` when the caller has it already."""
    found: list[str] = []
    if header is not None:
        found.append(header if isinstance(header, str) else header.canonical)
    from .citations import soft_joined

    if view is None:
        view = soft_joined(text)  # a number wrapped after a hyphen (01/2022/TTLT-VKSNDTC-⏎TANDTC-…)
    for m in _OWN_LABEL.finditer(view):
        number = match_number(view, m.end())
        if number is None or _CITED_AFTER.match(view, m.end() + len(number.raw)):
            continue  # "Số 202/TTr-BVHTTDL ngày 11 tháng 5 năm 2026, …": a list of cited numbers
        if number.canonical not in found:
            found.append(number.canonical)
        if len(found) >= limit:
            break
    return tuple(found)


# the place-date line of a header: "Hà Nội, ngày 26 tháng 6 năm 2025", "*Vĩnh Long, ngày⏎18 tháng 11 năm 2025*",
# "Hanoi, December 31, 2021", "No. 04/2016/TT-BGDĐT | *Hà Nội, 14 March 2016*" (a table row)
_PLACE_DATE = re.compile(
    r"^(?:[^\n|]{0,80}\|)?[^\S\n]*[*_|]*[^\S\n]*[A-ZĐÀ-Ỹ][^\W\d_]*(?:[^\S\n]+[^\W\d_]+){0,4}[^\S\n]*,[^\S\n]*(?:"
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
    r"|(?P<mon>[A-Z][a-z]+)[^\S\n]+(?P<d2>\d{1,2}),[^\S\n]*(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})[^\S\n]+(?P<mon3>[A-Z][a-z]+),?[^\S\n]+(?P<y3>\d{4}))",
    re.MULTILINE,
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def own_date(text: str, header: str | None = None, lines: int = 120) -> str | None:
    """The document's own date (ISO): the header's when it was read, else the first place-date line
    (``Hà Nội, ngày 26 tháng 6 năm 2025``, wrapped or not; ``Hanoi, December 31, 2021``) in the first
    ``lines`` lines; None when there is none. It chooses the version of a law cited by name."""
    if header:
        return header
    head = "\n".join(text.split("\n", lines)[:lines])
    for m in _PLACE_DATE.finditer(head):
        if m.group("y"):
            year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        else:
            english = ("mon", "d2", "y2") if m.group("mon") else ("mon3", "d3", "y3")
            mon, day_text, year_text = (m.group(g) for g in english)
            if mon.lower() not in _MONTHS:
                continue
            year, month, day = int(year_text), _MONTHS.index(mon.lower()) + 1, int(day_text)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def resolve_citations(
    citations: Sequence[Citation],
    own_number: str | Sequence[str] | None = None,
    registry_paths: Sequence[str] = (),
    dated: str | None = None,
    registry: Registry | None = None,
    in_place: bool = False,
) -> tuple[list[Citation], list[Reference]]:
    """Set ``target``/``self_reference`` on each citation and build ``references`` (see the module docstring).

    ``own_number``: the document's own canonical number, or several (``own_numbers``); ``dated``: the
    citing document's date (ISO), which chooses the version of a law cited by name; ``registry``: a
    registry already loaded (then ``registry_paths`` is not read). The citations given are left as they
    are and copies returned, unless ``in_place`` (the pipeline, which owns them: memory)."""
    registry = registry if registry is not None else load_registry(registry_paths)
    notes = _Notes()
    targets, versions = _link(citations, registry, notes, dated)
    # show the fullest printing of each number everywhere
    fullest: dict[str, str] = {}
    for target in targets:
        if target:
            key = match_key(target)
            if len(target) > len(fullest.get(key, "")):
                fullest[key] = target
    owns = [own_number] if isinstance(own_number, str) else list(own_number or ())
    own_keys = {match_key(n) for n in owns if n}
    resolved: list[Citation] = []
    groups: dict[str, list[Citation]] = {}
    for cite, target, version in zip(citations, targets, versions, strict=True):
        if target:
            target = fullest[match_key(target)]
        update = {
            "target": target,
            "self_reference": bool(target and match_key(target) in own_keys),
            "version": version[0] if version else None,
            "version_basis": version[1] if version else None,
        }
        if in_place:
            cite.update_in_place(update)
        else:
            cite = cite.model_copy(update=update)
        resolved.append(cite)
        if target:
            groups.setdefault(target, []).append(cite)
    references = [_merge(target, cites, registry, notes) for target, cites in groups.items()]
    have = {match_key(ref.id) for ref in references}
    for key, conflicts in notes.by_key.items():
        if key not in have:
            doc = registry.documents.get(key)
            if doc is not None:
                references.append(
                    Reference(
                        id=doc.id,
                        doc_type=doc.type,
                        number=doc.id,
                        issuer=doc.issuer,
                        date=doc.date,
                        subject=doc.subject,
                        mentions=0,
                        known=True,
                        conflicts=conflicts,
                    )
                )
    return resolved, references


def _squashed(text: str) -> str:
    return "".join(text.split()).casefold()


def link_bases(bases: Sequence[LegalBasis], citations: Sequence[Citation]) -> list[LegalBasis]:
    """Each legal basis with the resolved citations its text holds (``legal_bases[].citations``), in text order.

    A citation belongs to a basis when it stands on the basis's lines and its text (whitespace ignored)
    is in the basis's text; bases that share a line (one ``Thực hiện …; …`` sentence split per document)
    share its citations out by text, each citation to the first basis holding it. A law cited by name
    carries its resolved version. Linear: citations are sorted by line, bases walked in order."""
    by_line: dict[int, list[int]] = {}
    for i, cite in enumerate(citations):
        by_line.setdefault(cite.line, []).append(i)
    taken: set[int] = set()
    out: list[LegalBasis] = []
    for basis in bases:
        text = _squashed(basis.text)
        mine = []
        for line in range(basis.line, (basis.end_line or basis.line) + 1):
            for i in by_line.get(line, ()):
                if i not in taken and _squashed(citations[i].text) in text:
                    mine.append(i)
        taken.update(mine)
        out.append(basis.model_copy(update={"citations": [citations[i] for i in sorted(mine)]}))
    return out
