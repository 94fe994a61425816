"""``newsweave eval facts --show --json`` over many gold files in one process, one JSON file per
gold file, to compare two versions of the code byte for byte (issue 19, ninth session).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python bench/eval_all_gold.py \
        --out before/ bench/gold/*.json          # on the old code, then --out after/ on the new
    diff -r before/ after/
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from newsweave.evaluate.facts import evaluate

    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.gold:
        res = evaluate(path, show=True)
        text = json.dumps(res, indent=1, ensure_ascii=False, sort_keys=True)
        (args.out / (Path(path).stem + ".json")).write_text(text + "\n", encoding="utf-8")
        print(path, json.dumps(res.get("totals", {})), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
