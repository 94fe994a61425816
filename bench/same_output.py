"""Dump what the default pipeline produces, to compare two versions byte for byte (issue 22).

Usage (from the repository root; needs ../shared/data):

    PYTHONPATH=src .venv/bin/python bench/same_output.py --out before/   # on the old code
    PYTHONPATH=src .venv/bin/python bench/same_output.py --out after/    # on the new code
    cmp before/stories.json after/stories.json && cmp before/tokens.tsv after/tokens.tsv

Runs what ``newsweave weave --cluster --db TMP`` does (default summarizer, facts on, every
article clustered, a temporary store) over the first N articles (default 120) of
``story_clustering/mds_clusters_dev.jsonl`` and writes into ``--out``:

- ``stories.json``: the JSON report of the run (``report.to_json``);
- ``report.md``: the Markdown report;
- ``tokens.tsv``: every token of every article's cleaned text, parsed with every spaCy
  component as the pipeline parses it (``nlp.parse(full=True)``) after a cold start, one line
  per token: text, POS, TAG, MORPH, LEMMA, DEP, head index, ENT_IOB, ENT_TYPE, sentence start;
  and the same for the parse without NER (``full=False``) in ``tokens_nofull.tsv``.

A speed-up that must not change any output is checked by running this before and after and
comparing the files (``--compare DIR1 DIR2`` prints which differ and the first differing line).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MDS = REPO.parent / "shared" / "data" / "story_clustering" / "mds_clusters_dev.jsonl"
FILES = ("stories.json", "report.md", "tokens.tsv", "tokens_nofull.tsv")


def write_corpus(n: int, out: Path) -> list[str]:
    """The first ``n`` articles of the dev file, without their gold cluster ids."""
    lines = [ln for ln in MDS.read_text(encoding="utf-8").splitlines() if ln.strip()][:n]
    ids = []
    with open(out, "w", encoding="utf-8") as fh:
        for line in lines:
            d = json.loads(line)
            ids.append(d["doc_id"])
            fh.write(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n")
    return ids


def token_lines(docs) -> list[str]:
    out = []
    for k, doc in enumerate(docs):
        out.append(f"# doc {k}")
        for t in doc:
            out.append(
                "\t".join(
                    [
                        t.text,
                        t.pos_,
                        t.tag_,
                        str(t.morph),
                        t.lemma_,
                        t.dep_,
                        str(t.head.i),
                        t.ent_iob_,
                        t.ent_type_,
                        str(t.is_sent_start),
                    ]
                )
            )
    return out


def dump(n: int, out_dir: Path) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from newsweave import nlp, report
    from newsweave.config import load_config
    from newsweave.pipeline import weave_result

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nw-same-") as tmp:
        corpus = Path(tmp) / "articles.jsonl"
        write_corpus(n, corpus)
        config = load_config(
            None, **{"cluster.mode": "always", "store.path": str(Path(tmp) / "run.db")}
        )
        result = weave_result([str(corpus)], config)
    # the corpus' temporary path is in every source field: written as CORPUS
    for name, text in (
        ("stories.json", report.to_json(result)),
        ("report.md", report.to_markdown(result)),
    ):
        (out_dir / name).write_text(text.replace(str(corpus), "CORPUS"), encoding="utf-8")
    texts = [a.text for s in result.stories for a in s.articles]
    nlp.forget_parses()
    (out_dir / "tokens.tsv").write_text(
        "\n".join(token_lines(nlp.parse(texts, full=True))) + "\n", encoding="utf-8"
    )
    (out_dir / "tokens_nofull.tsv").write_text(
        "\n".join(token_lines(nlp.parse(texts, full=False))) + "\n", encoding="utf-8"
    )
    for name in FILES:
        data = (out_dir / name).read_bytes()
        print(f"{name}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()[:16]}")
    print(f"{len(result.stories)} stories, {len(texts)} articles")


def compare(a: Path, b: Path) -> int:
    bad = 0
    for name in FILES:
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if x == y:
            print(f"{name}: identical ({len(x)} bytes)")
            continue
        bad += 1
        xl, yl = x.decode().splitlines(), y.decode().splitlines()
        first = next(
            (i for i, (p, q) in enumerate(zip(xl, yl, strict=False)) if p != q),
            min(len(xl), len(yl)),
        )
        print(f"{name}: DIFFERS at line {first + 1}")
        print(f"  {a}: {xl[first] if first < len(xl) else '<end>'}")
        print(f"  {b}: {yl[first] if first < len(yl) else '<end>'}")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--out", type=Path, help="directory to write the dumps into")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("DIR1", "DIR2"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not MDS.exists():
        print(f"same_output: {MDS} is missing (needs ../shared/data)", file=sys.stderr)
        return 1
    if args.out is None:
        ap.error("--out or --compare is required")
    dump(args.articles, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
