"""Output digests of a checkout: the samples, the real corpus and generated documents, each parsed and
written as JSON and YAML, reduced to one SHA-256 per document and format.

Used by ``tests/test_same_output.py`` (this checkout against a baseline revision, each in its own
process) and runnable on its own:

    python tests/same_output.py SRC OUT.json [--generated 1000]

``SRC`` is the ``src`` folder whose ``nq57parse`` is imported (``-``: the installed one). The documents are generated in the parent
(``generated_documents``) and handed to the child as a JSON file, so both sides parse the same texts.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS_DOCS = ROOT.parent / "shared" / "corpus" / "docs"

# Structural markers mixed among the samples' lines (the shapes every stage reads).
MARKERS = (
    "1.",
    "1.1.",
    "1.1.1.",
    "I.",
    "IV.",
    "a)",
    "đ)",
    "-",
    "+",
    "Điều 1.",
    "Điều 2. Hiệu lực thi hành",
    "Chương I",
    "CHƯƠNG II",
    "Mục 1",
    "Phần thứ nhất",
    "PHỤ LỤC",
    "QUYẾT ĐỊNH:",
    "QUYẾT ĐỊNH",
    "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
    "Nơi nhận:",
    "| TT | Tên nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |",
    "|---|---|---|---|",
    "| 1 | Xây dựng kế hoạch | Vụ Pháp chế | Quý IV/2025 |",
    "Số: 12/QĐ-UBND",
    "Hà Nội, ngày 31 tháng 12 năm 2025",
    "KT. BỘ TRƯỞNG",
    "TM. ỦY BAN NHÂN DÂN",
    "Nguyễn Văn An",
    "- 12 -",
    "Trang 3",
    "[1] Ghi chú",
)


def generated_documents(count: int, seed: int = 18) -> list[tuple[str, str]]:
    """``count`` (name, text) pairs: half are samples with lines dropped, repeated and numbers
    changed, half are lines of the samples shuffled among structural markers."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    pool = sorted({line for text in texts for line in text.splitlines() if line.strip()})
    out = []
    for i in range(count):
        if i % 2 == 0:
            lines = []
            for line in rng.choice(texts).splitlines():
                roll = rng.random()
                if roll < 0.05:
                    continue
                if roll < 0.08:
                    lines.append(line)
                if roll > 0.9:
                    line = "".join(str((int(c) + 3) % 10) if c.isdigit() else c for c in line)
                lines.append(line)
        else:
            lines = [
                rng.choice(MARKERS) if rng.random() < 0.3 else rng.choice(pool)
                for _ in range(rng.randint(1, 120))
            ]
        out.append((f"generated-{i:04d}.txt", "\n".join(lines) + "\n"))
    return out


def input_files() -> list[Path]:
    """The samples and, when present, the real corpus."""
    files = sorted(SAMPLES.glob("*.txt"))
    if CORPUS_DOCS.is_dir():
        files += sorted(CORPUS_DOCS.glob("*.txt"))
    return files


_CHILD = r"""
import hashlib, json, sys
if sys.argv[1]:
    sys.path.insert(0, sys.argv[1])
from nq57parse.errors import InputError
from nq57parse.export import to_json, to_yaml
from nq57parse.pipeline import parse_file, parse_text
job = json.loads(open(sys.argv[2], encoding="utf-8").read())
out = {}
def record(name, doc):
    out[name + " json"] = hashlib.sha256(to_json(doc).encode()).hexdigest()
    out[name + " yaml"] = hashlib.sha256(to_yaml(doc).encode()).hexdigest()
for path in job["files"]:
    try:
        record(path, parse_file(path))
    except InputError as exc:
        out[path + " error"] = str(exc)
for name, text in job["texts"]:
    record(name, parse_text(text, path=name))
json.dump(out, open(sys.argv[3], "w", encoding="utf-8"), indent=0, sort_keys=True)
"""


def digests(src: Path | None, work: Path, generated: int = 1000) -> dict[str, str]:
    """Digest of every output of the ``nq57parse`` under ``src`` (None: the installed one), run in a
    fresh process."""
    job = work / "job.json"
    if not job.exists():
        job.write_text(
            json.dumps({"files": [str(f) for f in input_files()], "texts": generated_documents(generated)}),
            encoding="utf-8",
        )
    result = work / f"digests-{abs(hash(str(src)))}.json"
    subprocess.run([sys.executable, "-c", _CHILD, str(src or ""), str(job), str(result)], check=True)
    return json.loads(result.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src")
    parser.add_argument("out")
    parser.add_argument("--generated", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = None if args.src == "-" else Path(args.src).resolve()
        found = digests(src, Path(tmp), args.generated)
    Path(args.out).write_text(json.dumps(found, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(found)} digests → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
