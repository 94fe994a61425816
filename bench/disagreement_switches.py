"""How often the figure switches that change grouping, not detection, change what is flagged as
a disagreement, over every story of the gold files (issue 19, eighth session).

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 .venv/bin/python \
        bench/disagreement_switches.py bench/gold/*.json [--switch TALLY_ROLES] [--show]

Only five gold clusters score disagreements (bench/gold/facts.json, none with a gold
disagreement), so ``newsweave eval facts`` cannot choose between such settings; this script
counts instead, per story and per setting, the groups flagged as a disagreement and the figures
whose time changes. Each story is read, cleaned and deduplicated as one story
(:func:`newsweave.stories.prepare_articles`) and parsed once; figures are then extracted and
grouped with each switch on and off (no paraphrase test: ``similar=None``). With ``--show``
every flagged group that a switch adds or removes, and every figure whose time it changes, is
printed, for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _flagged(groups) -> set[tuple]:
    return {
        tuple(sorted((m.ref.article_id, m.ref.start, m.value) for m in g.members))
        for g in groups
        if g.disagreement
    }


def main(argv: list[str] | None = None) -> int:
    from newsweave import nlp
    from newsweave.config import load_config
    from newsweave.evaluate.facts import load_cluster_articles
    from newsweave.facts import figures
    from newsweave.stories import prepare_articles

    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--switch", action="append", default=[])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    switches = args.switch or ["TALLY_ROLES", "RELATIVE_CLAUSE_TIME"]
    shipped = {n: getattr(figures, n) for n in switches}
    config = load_config(None, one_story=True)
    out: dict = {"stories": 0, "switches": {n: {"stories_changed": 0} for n in switches}}
    for n in switches:
        out["switches"][n].update(flagged_on=0, flagged_off=0, times_changed=0, examples=[])
    for path in args.gold:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for cluster in data.get("clusters", []):
            try:
                articles = load_cluster_articles(cluster.get("input") or {})
            except Exception as exc:  # noqa: BLE001 - a missing input is reported, not fatal
                print(f"skip {path}:{cluster.get('id')}: {exc}", file=sys.stderr)
                continue
            articles = prepare_articles(articles, config, [])
            if not articles:
                continue
            docs = nlp.parse([a.text for a in articles])
            out["stories"] += 1
            for n in switches:
                res = {}
                for on in (False, True):
                    setattr(figures, n, on)
                    figs = figures.extract_figures(articles, docs)
                    res[on] = (figs, _flagged(figures.group_figures(figs)))
                setattr(figures, n, shipped[n])
                row = out["switches"][n]
                row["flagged_on"] += len(res[True][1])
                row["flagged_off"] += len(res[False][1])
                times = sum(
                    a.time != b.time for a, b in zip(res[True][0], res[False][0], strict=False)
                )
                row["times_changed"] += times
                if args.show:
                    texts = {a.id: a.text for a in articles}
                    for a, b in zip(res[True][0], res[False][0], strict=False):
                        if a.time != b.time:
                            t = texts[a.ref.article_id]
                            row["examples"].append(
                                {
                                    "story": f"{path}:{cluster.get('id')}",
                                    "time_on": a.time,
                                    "time_off": b.time,
                                    "text": " ".join(
                                        t[max(0, a.ref.start - 100) : a.ref.end + 140].split()
                                    ),
                                }
                            )
                if res[True][1] != res[False][1] or times:
                    row["stories_changed"] += 1
                if args.show:
                    for kind, diff in (
                        ("added", res[True][1] - res[False][1]),
                        ("removed", res[False][1] - res[True][1]),
                    ):
                        for members in diff:
                            row["examples"].append(
                                {"story": f"{path}:{cluster.get('id')}", kind: members}
                            )
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
