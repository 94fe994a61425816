"""Every entity that a switch of newsweave.facts.entities changes on the gold stories' texts.

    PYTHONPATH=src .venv/bin/python bench/entity_rule_changes.py [--together] [SWITCH ...]

For each story of bench/gold/*.json (each input once; articles cleaned as the pipeline cleans
them, then parsed), the story's entities with every named switch off are compared with those
with one switch on; entities (name, type, mention count) that disappear are printed "-", new
ones "+", each with the text around its first mentions, for checking by hand. Switches
default to the module's upper-case booleans. With ``--together`` the named switches are turned
on together (one comparison: all off vs all on). Needs ../shared (the Multi-News dev data).
"""

from __future__ import annotations

import glob
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def entities(story, docs, switches: dict[str, bool]) -> dict[tuple[str, str, int], list[str]]:
    from newsweave.facts import entities as ents_mod

    for name, value in switches.items():
        setattr(ents_mod, name, value)
    texts = {a.id: a.text for a in story.articles}
    out = {}
    for e in ents_mod.extract_entities(story, docs):
        around = []
        for m in e.mentions[:3]:
            t = texts[m.ref.article_id]
            around.append(t[max(0, m.ref.start - 45) : m.ref.end + 30].replace("\n", " "))
        out[(e.name, e.type, len(e.mentions))] = around
    return out


def main(argv: list[str]) -> int:
    from newsweave import nlp
    from newsweave.clean import clean_article
    from newsweave.evaluate.facts import load_cluster_articles
    from newsweave.facts import entities as ents_mod
    from newsweave.model import Story

    together = "--together" in argv
    argv = [a for a in argv if a != "--together"]
    names = argv or [
        k
        for k, v in vars(ents_mod).items()
        if k.isupper() and isinstance(v, bool) and k != "TYPE_CHECKING"
    ]
    seen: set[str] = set()
    stories = 0
    changed: dict[str, int] = dict.fromkeys(["+".join(names)] if together else names, 0)
    for path in sorted(glob.glob("bench/gold/*.json")):
        for cluster in json.loads(Path(path).read_text(encoding="utf-8")).get("clusters", []):
            spec = cluster.get("input") or {}
            key = json.dumps(spec, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            try:
                articles = [clean_article(a) for a in load_cluster_articles(spec)]
            except Exception as exc:  # noqa: BLE001 - a missing input is reported, not fatal
                print("SKIP", cluster.get("id"), exc)
                continue
            articles = [a for a in articles if a.text]
            docs = nlp.parse([a.text for a in articles])
            articles = nlp.split_sentences(articles, docs)
            story = Story(id="s", headline="h", articles=tuple(articles))
            off = dict.fromkeys(names, False)
            base = entities(story, docs, off)
            for name in ["+".join(names)] if together else names:
                new = entities(story, docs, {**off, **dict.fromkeys(name.split("+"), True)})
                if set(new) == set(base):
                    continue
                changed[name] += 1
                print("==", name, cluster.get("id"))
                for e in sorted(set(base) - set(new)):
                    print("  -", e, "|", " || ".join(base[e]))
                for e in sorted(set(new) - set(base)):
                    print("  +", e, "|", " || ".join(new[e]))
                sys.stdout.flush()
            stories += 1
    print("stories", stories, "changed:", changed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
