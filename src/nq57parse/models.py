"""The document model: what ``extract`` emits (SPEC.md, "The document").

In: values gathered by the build stage (and by the table, citation and validation stages).
Out: pydantic v2 models whose JSON form is the product contract; ``Document.model_json_schema()``
is what ``nq57parse schema`` prints.

Conventions kept by every node that comes from the text:
- ``line`` is the 1-based line in the normalised text (normalisation never adds or removes a line,
  so it is also the line in the file as given);
- ``end_line`` is set only when the node's text was spread over several lines;
- ``text`` joins hard-wrapped pieces with single spaces; separate paragraphs with ``\\n``;
- labels carry no trailing punctuation (``I``, ``1.1``, ``đ``, ``27.1``).

Other issues extend these models (new fields with defaults) rather than growing their own.

The stages build their nodes with ``maker(Model)(...)``, which skips validation (a parse makes about
13,000 nodes, and validating each cost twice what building it does): the stages give values of the
field types, mypy checks the field names of each call, and the tests (``NQ57PARSE_CHECK_NODES``)
validate every node so built and compare. A model built by a user is validated as ever, and a
parsed ``Document`` round-trips through ``Document.model_validate``.
"""

from __future__ import annotations

import keyword
import os
from collections.abc import Callable, Mapping
from typing import Any, Literal, ParamSpec, Self, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

DocumentType = Literal[
    "quyet_dinh",
    "nghi_quyet",
    "nghi_dinh",
    "thong_tu",
    "luat",
    "chi_thi",
    "ke_hoach",
    "chuong_trinh",
    "thong_bao",
    "cong_van",
    "huong_dan",
    "bao_cao",
    "to_trinh",
    "news",
    "other",
]
Severity = Literal["error", "warning", "info"]
BasisKind = Literal["can_cu", "thuc_hien", "xet", "theo_de_nghi"]
CitationForm = Literal["full", "short", "list", "alias", "named"]
Relation = Literal["based_on", "implements", "replaces", "amends", "repeals", "guides", "mentions"]
Language = Literal["vi", "en", "no"]
# why a law cited by name means the version it does: the date or the year printed with the name, the
# version in force on the citing document's date, or the only version the registry knows
VersionBasis = Literal["date", "year", "in_force", "only"]
DeadlineKind = Literal[
    "date", "month", "quarter", "half", "year", "range", "recurring", "relative", "unknown"
]
ContainerKind = Literal["phan", "chuong", "muc", "tieu_muc"]


class Model(BaseModel):
    """Base of every output model: unknown keys are refused, so typos surface in tests."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        # Memory: nodes given the same fields share one set of their names instead of each holding its
        # own (a set of eight names is 728 bytes, more than the rest of a small node; a table row or a
        # deadline given all but one field paid it on every row). A validated node's names are all
        # fields (unknown keys are refused), so one given as many names as there are fields has them all.
        _share_field_names(self, validated=True)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in self.__pydantic_fields_set__:  # the set is shared: take a copy before it grows
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        if deep or self.__pydantic_extra__ is not None or self.__pydantic_private__ is not None:
            copied = super().model_copy(update=update, deep=deep)  # with its own set, updated
            _share_field_names(copied)
            return copied
        # pydantic's shallow copy, without its general path: every output model forbids unknown keys
        # and holds no private attributes
        copied = _new(type(self))
        values = self.__dict__.copy()
        _set(copied, "__dict__", values)
        _set_extra(copied, None)
        _set_private(copied, None)
        _set_fields_set(copied, self.__pydantic_fields_set__)  # shared: a node copies its set to grow it
        if update:
            values.update(update)
            if not update.keys() <= self.__pydantic_fields_set__:
                _set_fields_set(copied, self.__pydantic_fields_set__ | update.keys())
                _share_field_names(copied)
        return copied

    def update_in_place(self, update: Mapping[str, Any]) -> None:
        """What ``model_copy(update=update)`` gives, made on this node itself (no validation, as there):
        for a stage that owns its nodes and would otherwise hold every node twice while it copies them."""
        self.__dict__.update(update)
        object.__setattr__(self, "__pydantic_fields_set__", self.__pydantic_fields_set__ | update.keys())
        _share_field_names(self)


def _share_field_names(node: BaseModel, validated: bool = False) -> None:
    """Give ``node`` the shared set of its field names (``validated``: its names are known to be fields,
    so a count settles the usual case)."""
    names = node.__pydantic_fields_set__
    full = _FULL_FIELD_SETS.get(type(node))
    if full is None:
        full = _FULL_FIELD_SETS[type(node)] = set(type(node).model_fields)
    if len(names) == len(full) and (validated or names <= full):  # the usual case, without building a key
        object.__setattr__(node, "__pydantic_fields_set__", full)
        return
    if not names <= full:  # a copy updated with a name that is no field keeps its own set
        return
    key = (type(node), frozenset(names))
    shared = _FIELD_SETS.get(key)
    if shared is None:
        shared = _FIELD_SETS.setdefault(key, set(names))
    object.__setattr__(node, "__pydantic_fields_set__", shared)


_FULL_FIELD_SETS: dict[type, set[str]] = {}
# every other combination of names met, by class; a handful per class (the fields callers leave out)
_FIELD_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


_P = ParamSpec("_P")
_M = TypeVar("_M", bound=Model)
_set = object.__setattr__
_new = object.__new__
# the slots every model has, set directly (what validation sets)
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
# Set (to anything but "" or "0") by the tests: every node ``make`` builds is also built by validation
# and the two compared, so that each test's parse checks the trusted path against pydantic's.
_CHECK_MADE = os.environ.get("NQ57PARSE_CHECK_NODES", "") not in ("", "0")


# default values a node may share with every other node (a list default is made per node, a factory)
_SHAREABLE = (str, int, float, bool, type(None), tuple, frozenset)
# the names a maker's own code uses, which no field may take
_MAKER_NAMES = frozenset({"mask", "made", "names"})
_UNSET: Any = object()  # an argument not given
_MAKERS: dict[type, Callable[..., Any]] = {}


def maker(model: Callable[_P, _M]) -> Callable[_P, _M]:
    """``model(**fields)`` without validation: a function, made once per model class, that builds the
    node pydantic would build from values of the field types. It is for the library's own stages,
    which give such values (every field as its type has it: a list, not a tuple; a model, not a
    dict). The node takes the lists and dicts it is given, as they are (validation would copy
    them): a caller hands them over and does not change them after. Its field order (the order the
    JSON is written in), defaults and fields set are those of ``model(**fields)``; a field missing
    or unknown is refused (``TypeError``). Under ``NQ57PARSE_CHECK_NODES`` (the tests) every node is
    built both ways and compared.

    Written out for its class (as ``dataclasses`` writes an ``__init__``): the arguments are
    bound by Python, keyword-only, and a bit per optional field given says which fields set the
    node has."""
    try:
        return _MAKERS[model]  # type: ignore[index]  # a model class, as every caller passes
    except KeyError:
        cls: type[_M] = model  # type: ignore[assignment]
        built = _write_maker(cls)
        if _CHECK_MADE:
            built = _checked(cls, built)
        _MAKERS[cls] = built
        return built


def make(model: Callable[_P, _M], /, *args: _P.args, **fields: _P.kwargs) -> _M:
    """``maker(model)(**fields)``: one node, where a stage makes few of them."""
    return maker(model)(*args, **fields)


def _write_maker(cls: type[_M]) -> Callable[..., _M]:
    fields = cls.model_fields
    names = list(fields)
    if any(
        not n.isidentifier() or keyword.iskeyword(n) or n.startswith("_") or n in _MAKER_NAMES for n in names
    ):
        raise TypeError(f"{cls.__name__}: a field name the maker cannot take")
    required = [n for n in names if fields[n].is_required()]
    optional = [n for n in names if not fields[n].is_required()]
    scope: dict[str, Any] = {
        "_new": _new,
        "_set": _set,
        "_set_extra": _set_extra,
        "_set_private": _set_private,
        "_set_fields_set": _set_fields_set,
        "_U": _UNSET,
        "_cls": cls,
        "_sets": {},
    }
    params = [*required, *(f"{n}=_U" for n in optional)]
    code = [f"def make_{cls.__name__}(*, {', '.join(params)}):", "    mask = 0"]
    for bit, name in enumerate(optional):
        info = fields[name]
        factory = info.default_factory
        if isinstance(factory, type) and issubclass(factory, Model):  # a node of its own, made likewise
            scope[f"_f{bit}"] = maker(factory)
            fill = f"_f{bit}()"
        elif factory is not None:
            scope[f"_f{bit}"] = factory
            fill = f"_f{bit}()"
        elif isinstance(info.default, _SHAREABLE):
            scope[f"_d{bit}"] = info.default
            fill = f"_d{bit}"
        else:
            raise TypeError(f"{cls.__name__}.{name}: a default the maker cannot share")
        code += [
            f"    if {name} is _U:",
            f"        {name} = {fill}",
            "    else:",
            f"        mask |= {1 << bit}",
        ]
    values = ", ".join(f"{n!r}: {n}" for n in names)  # in field order
    code += [
        "    made = _new(_cls)",
        f"    _set(made, '__dict__', {{{values}}})",
        "    _set_extra(made, None)",
        "    _set_private(made, None)",
        "    names = _sets.get(mask)",
        "    if names is None:",
        "        names = _sets[mask] = _names(mask)",
        "    _set_fields_set(made, names)",
        "    return made",
    ]

    def given(mask: int) -> set[str]:
        """The shared set of the names given: the required ones and the optional ones in ``mask``."""
        chosen = {*required, *(n for bit, n in enumerate(optional) if mask >> bit & 1)}
        full = _FULL_FIELD_SETS.setdefault(cls, set(names))
        if len(chosen) == len(full):
            return full
        return _FIELD_SETS.setdefault((cls, frozenset(chosen)), chosen)

    scope["_names"] = given
    exec("\n".join(code), scope)  # code written here from the field names checked above
    return cast(Callable[..., _M], scope[f"make_{cls.__name__}"])


def _checked(cls: type[_M], fast: Callable[..., _M]) -> Callable[..., _M]:
    def make_checked(*args: Any, **fields: Any) -> _M:
        made = fast(*args, **fields)
        _check_made(made, cls(**fields))
        return made

    return make_checked


def _check_made(made: Model, validated: Model) -> None:
    """``make``'s node is the validated one: the same values of the same types, in the same order,
    with the same fields set."""
    same = (
        list(made.__dict__) == list(validated.__dict__)
        and all(
            type(v) is type(w) and v == w
            for v, w in zip(made.__dict__.values(), validated.__dict__.values(), strict=True)
        )
        and made.model_fields_set == validated.model_fields_set
    )
    if not same:
        raise AssertionError(
            f"make({type(made).__name__}) differs from validation: {made!r} != {validated!r}"
        )


class PageFurniture(Model):
    """A page header, footer or page number the PDF/OCR reader took out of the text."""

    position: str  # header | footer
    text: str


class SourcePage(Model):
    """One page of a PDF or scan: its lines in the extracted text (1-based, inclusive; null for a
    page with no text) and the furniture taken out of it."""

    page: int
    start_line: int | None = None
    end_line: int | None = None
    furniture: list[PageFurniture] = Field(default_factory=list)


class Source(Model):
    """Where the text came from and what reading and normalising did to it."""

    path: str | None = None
    sha256: str = ""
    encoding: str = "utf-8"
    normalizations: list[str] = Field(default_factory=list)
    language: Language = "vi"
    line_count: int = 0
    pages: list[SourcePage] = Field(default_factory=list)


class DocumentNumber(Model):
    """The ``Số:`` line: ``2121/QĐ-BYT`` (individual), ``42/2025/NĐ-CP`` (normative), ``57-NQ/TW`` (Party)."""

    raw: str
    canonical: str
    serial: str
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None


class Citation(Model):
    """One mention of another document; ``text == normalised[start:end]``."""

    text: str
    start: int
    end: int
    line: int
    doc_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    form: CitationForm = "full"
    target: str | None = None
    relation: Relation = "mentions"
    language: Language = "vi"
    self_reference: bool = False
    # a law cited by its name alone (no number printed): the registry's version it means, and why
    version: str | None = None
    version_basis: VersionBasis | None = None


class Conflict(Model):
    """A disagreement about one referenced document (two dates, a type word against its code, …)."""

    field: str
    values: list[str]
    message: str
    lines: list[int] = Field(default_factory=list)


class Reference(Model):
    """One distinct cited document, merged from its citations and the registry of known documents."""

    id: str
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    date: str | None = None
    subject: str | None = None
    mentions: int = 0
    relations: list[Relation] = Field(default_factory=list)
    known: bool = False
    conflicts: list[Conflict] = Field(default_factory=list)


class LegalBasis(Model):
    """A preamble item: ``Căn cứ`` (can_cu), ``Thực hiện`` (thuc_hien), ``Xét`` (xet), ``Theo đề nghị`` (theo_de_nghi)."""

    kind: BasisKind
    text: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    citations: list[Citation] = Field(default_factory=list)


class Item(Model):
    """A dash or plus bullet (``-``, ``+``) inside an article, clause or point."""

    label: str = "-"
    text: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None


class Point(Model):
    """An ``điểm``: ``a)``, ``đ)``, ``a1)``."""

    label: str
    text: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    items: list[Item] = Field(default_factory=list)


class Clause(Model):
    """A ``khoản``: ``1.``, ``1a.``."""

    label: str
    text: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    points: list[Point] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)


class Article(Model):
    """An ``Điều``; ``items`` are dash bullets directly under the article."""

    number: str
    heading: str | None = None
    text: str = ""
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    clauses: list[Clause] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    eid: str = ""
    tables: list[Table] = Field(default_factory=list)


class Container(Model):
    """``Phần``, ``Chương``, ``Mục``, ``Tiểu mục``: the outline above the articles."""

    kind: ContainerKind
    label: str
    heading: str | None = None
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    articles: list[str] = Field(default_factory=list)
    children: list[Container] = Field(default_factory=list)


class Section(Model):
    """A heading-organised unit (``I.``, ``1.``, ``1.1.``, ``a)``, ``-``, ``+``, or an unmarked paragraph).

    ``heading`` is the marker line's text when the unit has content under it and reads as a title;
    otherwise that text is in ``text``. Unmarked paragraphs have ``label`` ``""``.
    """

    label: str
    heading: str | None = None
    text: str = ""
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    children: list[Section] = Field(default_factory=list)


class Signature(Model):
    """The signing block: ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / ``Vũ Thu Hà``."""

    prefixes: list[str] = Field(default_factory=list)
    on_behalf_of: str | None = None
    position: str | None = None
    signer: str | None = None
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    chain: list[str] = Field(default_factory=list)


class Attachment(Model):
    """An attached text (``KẾ HOẠCH``, ``QUY CHẾ``, …) with its ``(Kèm theo …)`` note and sections."""

    title: str
    heading: str | None = None
    note: str | None = None
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    sections: list[Section] = Field(default_factory=list)
    structure: list[Container] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)


class Deadline(Model):
    """A normalised ``Thời gian hoàn thành`` cell: ``Tháng 12/2025`` → month 2025-12-01…2025-12-31."""

    raw: str
    kind: DeadlineKind = "unknown"
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    parts: list[Deadline] = Field(default_factory=list)


class TableColumn(Model):
    key: str
    title: str


class TableGroup(Model):
    """A roman-numeral group row (``I.`` … ``VII.``) of an appendix table."""

    label: str
    title: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None


class TableRow(Model):
    """One task row; ``cells`` maps column keys to text (lines of one cell joined by ``\\n``)."""

    tt: str
    group: str | None = None
    parent: str | None = None
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    cells: dict[str, str] = Field(default_factory=dict)
    cell_lines: dict[str, list[int]] = Field(default_factory=dict)
    deadline: Deadline | None = None


class SourceLine(Model):
    """A raw line kept verbatim (an appendix line not yet rebuilt into a row, say)."""

    line: int
    text: str
    start: int | None = None
    end: int | None = None


class Table(Model):
    """A table inside an article or an attached text (a pipe or grid table, a cell dump): its
    columns, groups and rows as an appendix has them (``tables.tables_in``); ``header_lines`` is its
    frame (header rows, separators, lone ``|`` lines)."""

    line: int
    end_line: int | None = None
    columns: list[TableColumn] = Field(default_factory=list)
    groups: list[TableGroup] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    header_lines: list[SourceLine] = Field(default_factory=list)


class Appendix(Model):
    """A ``PHỤ LỤC``: title, heading, note and the table rebuilt into rows.

    ``lines`` holds the appendix body lines that the table stage did not place in a row (until that
    stage runs, every body line): nothing is lost before the table is rebuilt.
    """

    title: str
    heading: str | None = None
    note: str | None = None
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None
    columns: list[TableColumn] = Field(default_factory=list)
    groups: list[TableGroup] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    lines: list[SourceLine] = Field(default_factory=list)
    header_lines: list[SourceLine] = Field(default_factory=list)


class Footnote(Model):
    label: str
    text: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None


BlockKind = Literal[
    "boilerplate",
    "issuer",
    "motto",
    "rule",
    "number",
    "place_date",
    "doc_type",
    "title",
    "subject",
    "authority",
    "addressees",
    "enacting",
    "closing",
    "recipients",
    "signature",
    "text",
]


class Block(Model):
    """A header or closing line group that is not a node of its own: where ``issuer``, ``number``,
    ``place``, ``title``, ``recipients``, … were read from (``kind``), so that every line has an owner
    and findings can point at it."""

    kind: BlockKind
    text: str
    line: int
    end_line: int | None = None
    start: int | None = None  # span in the normalised text: text[start:end] holds the node's own text
    end: int | None = None


class Diagnostic(Model):
    severity: Severity
    code: str
    message: str
    line: int | None = None


class Unparsed(Model):
    line: int
    text: str
    reason: str = ""
    start: int | None = None
    end: int | None = None


class DocRelation(Model):
    """A relation stated between two cited documents: ``43/KH-UBND`` implements ``03/NQ-CP`` (line 3)."""

    source: str
    relation: Relation
    target: str
    line: int


class Document(Model):
    """The whole document, as ``nq57parse extract`` prints it. Every key is always present."""

    schema_version: str = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    document_type: DocumentType = "other"
    work_id: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    number: DocumentNumber | None = None
    place: str | None = None
    issued_on: str | None = None
    title: str | None = None
    authority: str | None = None
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    structure: list[Container] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    signature: Signature | None = None
    # every signature block of a text signed by several (a joint circular), in print order; ``signature``
    # is the first; empty when there is one block
    signatures: list[Signature] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    addressees: list[str] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    appendices: list[Appendix] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    relations: list[DocRelation] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    unparsed: list[Unparsed] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
