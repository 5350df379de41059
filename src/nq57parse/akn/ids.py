"""eIds by the Akoma Ntoso naming convention, unique in the document.

In: a built AKN tree whose numbered elements carry a temporary ``label`` attribute (``5``, ``a``,
``II``, ``1.1``). Out: the same tree with an ``eId`` on every element outside ``<meta>`` except the
structural wrappers of ``data/akn.yaml`` (``eid_exempt``), and no ``label`` attributes left.

An eId is the parent's eId, ``__``, the element's abbreviation (``art``, ``para``, ``chp``) and ``_``
with its label cleaned (``chp_II__art_5__para_1__point_a``, ``hcontainer_1-1``), or with a counter
among its siblings of that name when it has no label (``p_1``, ``ref_2``). ``preface``, ``preamble``
and ``conclusions`` prefix their descendants with their name (``preamble__cits_1__cit_2``). A clash
(two ``Điều 2`` in one document) gets ``_2``, ``_3`` … appended.
"""

from __future__ import annotations

import re

from lxml import etree

from .frbr import tables

LABEL = "label"  # the temporary attribute holding an element's number for its eId

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_INNER = re.compile(r"[^\w]+|_+")


def clean_label(label: str) -> str:
    """The number part of an eId: punctuation at the ends dropped, inner runs of it made ``-``, spaces
    removed (``1.1.`` → ``1-1``, ``(a)`` → ``a``, ``thứ nhất`` → ``thứnhất``)."""
    text = _EDGE.sub("", "".join(label.split()))
    return _INNER.sub("-", text)


def assign_eids(root: etree._Element) -> None:
    """Set every eId below ``root`` (see the module docstring)."""
    data = tables()
    state = _State(data["eid_aliases"], set(data["eid_exempt"]), set(data["eid_prefixing"]))
    state.used.update(el.get("eId") for el in root.iter() if el.get("eId"))  # the TLC ids in <meta>
    state.walk(root, "")


class _State:
    def __init__(self, aliases: dict[str, str], exempt: set[str], prefixing: set[str]) -> None:
        self.aliases = aliases
        self.exempt = exempt
        self.prefixing = prefixing
        self.counters: dict[tuple[str, str], int] = {}
        self.used: set[str] = set()

    def walk(self, el: etree._Element, prefix: str) -> None:
        name = etree.QName(el).localname
        label = el.attrib.pop(LABEL, None)
        if name == "meta" or name == "references":
            return
        if name in self.prefixing:
            prefix = f"{prefix}__{name}" if prefix else name
        elif name not in self.exempt:
            prefix = self.eid(prefix, name, label)
            el.set("eId", prefix)
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child, prefix)

    def eid(self, prefix: str, name: str, label: str | None) -> str:
        base = (f"{prefix}__" if prefix else "") + self.aliases.get(name, name)
        num = clean_label(label) if label else ""
        if not num:
            key = (prefix, name)
            self.counters[key] = self.counters.get(key, 0) + 1
            num = str(self.counters[key])
        eid = f"{base}_{num}"
        count = 1
        while eid in self.used:
            count += 1
            eid = f"{base}_{num}_{count}"
        self.used.add(eid)
        return eid
