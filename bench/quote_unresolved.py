"""Where the speaker is, for every gold quote the pipeline finds but gives no speaker.

    PYTHONPATH=src HF_HUB_OFFLINE=1 OMP_NUM_THREADS=1 nice -n 19 .venv/bin/python \
        bench/quote_unresolved.py --cache DIR bench/gold/*.json

For each such quote (``newsweave eval facts`` matching, bench/quote_errors.py's stories):
the nearest mention of the gold speaker outside quotations (a word of the gold name, case
kept for names) relative to the quote (same sentence before/after, the sentences before in
its paragraph, the previous paragraph, further back, later), the label spaCy gives that
mention (a lower-case word: a description), what the quote's sentence holds (a speech verb
whose subject is a pronoun, a description or a name; none: a partial or standalone quote),
and whether the quote before it in the article went to the gold speaker. Prints counts.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quote_errors as QE  # noqa: E402  (bench script beside this one)

from newsweave.evaluate import facts as ev  # noqa: E402
from newsweave.facts import quotes as Q  # noqa: E402
from newsweave.facts.entities import EntityIndex  # noqa: E402

_PRONOUNS = {"he", "she", "they", "it", "we", "i"}


def _where(sent: int, para: int, after: bool) -> str:
    if sent == 0:
        return "same sentence, " + ("after" if after else "before")
    if para == 0:
        return "same paragraph, " + ("a later sentence" if after else "an earlier sentence")
    if para == -1:
        return "previous paragraph"
    return "2+ paragraphs before" if para < 0 else "a later paragraph"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--cache", required=True)
    args = ap.parse_args(argv)
    tables: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for _path, cluster in QE.quote_clusters(args.gold):
        story, articles, index, docs = QE.prepare(cluster, Path(args.cache))
        _h, _gq, _pq, missed, _extra, found = QE.score(cluster, story, articles, index, docs)
        entities = EntityIndex(story.entities)
        parsed: dict[int, tuple] = {}
        for g in missed:
            got = [
                p["speaker"]
                for p in found
                if p["source"] == g["source"] and ev.texts_match(g["text"], p["text"])
            ]
            if not got or any(got):
                continue  # not found, or given to someone
            probe = " ".join(g["text"].split()[:4])
            ai = next((i for i, a in enumerate(story.articles) if probe in a.text), None)
            if ai is None:
                continue
            if ai not in parsed:
                aq = Q._ArticleQuotes(story.articles[ai], docs[ai], entities)  # noqa: SLF001
                parsed[ai] = (aq, aq.run())
            aq, run = parsed[ai]
            pos = aq.text.find(probe)
            qi = next(
                (k for k, r in enumerate(run) if r[0].open <= pos < max(r[0].close, r[0].open + 1)),
                None,
            )
            if qi is None:
                continue
            q, _content, partial, _sp, _verb = run[qi]
            s0 = aq.sent_no(q.open)
            start, end = aq.frame(q)
            tokens = ev.speaker_tokens(g["speaker"])
            mentions = []
            for t in aq.doc:
                if (
                    aq.in_quotation(t.idx)
                    or t.lower_ not in tokens
                    or (t.is_stop and not t.text[:1].isupper())
                ):
                    continue
                ent = aq.ent_of.get(t.i)
                label = (
                    ent.label_
                    if ent is not None
                    else ("description" if t.text[:1].islower() else "no label")
                )
                mentions.append(
                    (
                        abs(aq.sent_no(t.idx) - s0),
                        t.idx >= q.close,
                        aq.sent_no(t.idx) - s0,
                        aq.text.count("\n", 0, t.idx) - aq.text.count("\n", 0, q.open),
                        label,
                    )
                )
            tables["all"]["quotes"] += 1
            if mentions:
                _d, after, sent, para, label = min(mentions)
                tables["where"][_where(sent, para, after)] += 1
                tables["label"][label] += 1
            else:
                tables["where"]["not named in the article"] += 1
            cues = aq.cues_in(start, end)
            if cues:
                head = aq.subject_of(cues[0], aq.is_cue(cues[0]) or "speech")
                kind = (
                    "no subject"
                    if head is None
                    else "pronoun"
                    if head.lower_ in _PRONOUNS
                    else "name"
                    if head.text[:1].isupper()
                    else "description"
                )
                tables["sentence"]["speech verb, subject: " + kind] += 1
            else:
                tables["sentence"][
                    "no speech verb, "
                    + (
                        "partial"
                        if partial
                        else "standalone"
                        if aq._stands_alone(  # noqa: SLF001
                            q, start, end
                        )
                        else "other"
                    )
                ] += 1
            prev = [r for r in run[:qi] if not r[2]]
            psp = prev[-1][3].name if prev and prev[-1][3] else None
            tables["previous quote's speaker"][
                "is the gold speaker"
                if psp and ev.speakers_match(g["speaker"], psp)
                else "another / none"
            ] += 1
    print(json.dumps({k: dict(v.most_common()) for k, v in tables.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
