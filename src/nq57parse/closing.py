"""Build, the closing: ``Nơi nhận`` and the signature blocks → recipients and signatures.

In: the ``closing`` units (recipients, signing prefixes and titles, notes such as ``(Đã ký)``, names),
in either order. Out: the signature blocks in print order (a joint text has several) and the
recipients; blocks appended to the list given.
"""

from __future__ import annotations

from .models import Block, Signature, maker
from .nodes import block
from .shapes import is_signature_note, sign_prefix
from .units import Unit


def read_closing(closing: list[Unit], blocks: list[Block]) -> tuple[list[Signature], list[str]]:
    """Recipients and the signature blocks, which may come in either order. Several signers (a joint
    text) give several blocks, in print order: a prefix after a block's name opens the next one."""
    recipients: list[str] = []
    groups: list[tuple[list[Unit], list[Unit]]] = [([], [])]  # (title units, signer units) per block
    for u in closing:
        if u.kind == "PASSED":
            blocks.append(block("closing", u))
        elif u.kind == "RECIPIENTS_HEAD":
            blocks.append(block("recipients", u))
            first = u.body.lstrip("-–+ ").strip()
            if first:
                recipients.append(first)
        elif u.kind == "RECIPIENT":
            blocks.append(block("recipients", u))
            recipients.append(u.body if u.label else u.text)
        elif u.kind == "SIGN":
            blocks.append(block("signature", u))
            if groups[-1][1] and sign_prefix(u.text):
                groups.append(([], []))
            groups[-1][0].append(u)
        elif u.kind == "SIGNER":
            blocks.append(block("signature", u))
            groups[-1][1].append(u)
    return [_signature(sign, signers) for sign, signers in groups if sign or signers], recipients


def _signature(sign: list[Unit], signers: list[Unit]) -> Signature:
    """One signature block: its prefixes, on whose behalf, the title, the (last) name."""
    signer = signers[-1] if signers else None
    prefixes: list[str] = []
    on_behalf_of = None
    titles: list[str] = []
    for u in sign:
        if is_signature_note(u.text):
            continue
        signing = sign_prefix(u.text)
        if signing:
            prefix, rest = signing
            prefixes.append(prefix)
            if on_behalf_of is None and prefix not in ("Q.",):
                on_behalf_of = rest
            titles.append(rest)
        else:
            titles.append(u.text)
    position = titles[-1] if titles else None
    if position is not None and on_behalf_of == position and len(titles) == 1:
        on_behalf_of = None
    units = [*sign, *signers]
    first = min(u.line for u in units)
    last = max(u.end_line or u.line for u in units)
    return maker(Signature)(
        prefixes=prefixes,
        on_behalf_of=on_behalf_of,
        position=position,
        signer=signer.text if signer else None,
        line=first,
        end_line=last if last != first else None,
        start=min(u.start for u in units),
        end=max(u.end for u in units),
        chain=[u.text for u in sign if not is_signature_note(u.text)],
    )
