"""Where the spaCy parse goes and who reads it (issue 22).

Usage (from the repository root; needs ../shared/data):

    PYTHONPATH=src .venv/bin/python bench/parse_consumers.py --articles 250

Over the first N articles of ``story_clustering/mds_clusters_dev.jsonl``, cleaned as a run
cleans them:

1. CPU seconds per article of each component of newsweave's spaCy pipeline (``nlp.get_nlp``),
   each component's ``pipe`` over all the docs in turn, one thread, and of the NER pass
   clustering used to make over every title and lead (with and without the shared tok2vec,
   which en_core_web_sm's NER does not read);
2. the share of sentences (and tokens) whose parse each consumer reads: quotes (a quotation
   mark, a speech-verb lemma of ``facts.quotes.SPEECH_LEMMAS`` or "according to"), figures
   (a digit or a number word: the figures pre-filter's trigger), the timeline / timex (a time
   expression found by ``timex.find_timexes``), any of the three; entities read NER
   everywhere; the share of tokens in sentences that can hold no named entity (no digit, no
   capital after the first word, an opening function word, no time or number word), which is
   what NER restricted to "where entities are wanted" could skip.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MDS = REPO.parent / "shared" / "data" / "story_clustering" / "mds_clusters_dev.jsonl"
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]|''|``")
_TIME_OR_NUMBER = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|weeks?|months?|years?|ago|morning|afternoon|evening"
    r"|night|weekend|decades?|century|season|spring|summer|autumn|fall|winter|annual|daily"
    r"|weekly|first|second|third|last|next|once|twice|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|thousand|million|billion|dozen|half|quarter|noon|midnight)\b",
    re.I,
)


def load(n: int):
    from newsweave.config import Config
    from newsweave.ingest import load_articles

    lines = [ln for ln in MDS.read_text(encoding="utf-8").splitlines() if ln.strip()][:n]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.jsonl"
        path.write_text(
            "".join(
                json.dumps({"id": json.loads(ln)["doc_id"], "text": json.loads(ln)["text"]}) + "\n"
                for ln in lines
            ),
            encoding="utf-8",
        )
        articles, _ = load_articles([str(path)], Config().ingest)
    return articles


def components(articles) -> None:
    from newsweave import cluster, nlp
    from newsweave.clean import clean_article

    texts = [clean_article(a).text for a in articles]
    model = nlp.get_nlp(True)
    t = time.process_time()
    docs = [model.make_doc(x) for x in texts]
    cost = {"tokenizer": time.process_time() - t}
    for name, proc in model.pipeline:
        t = time.process_time()
        docs = list(proc.pipe(docs, batch_size=nlp.SPACY_BATCH))
        cost[name] = time.process_time() - t
    n = len(texts)
    print(f"{n} articles, {sum(len(d) for d in docs)} tokens; CPU s/article per component:")
    for name, c in cost.items():
        print(f"  {name:16s} {c / n:.4f}")
    print(f"  {'total':16s} {sum(cost.values()) / n:.4f}")
    heads = [cluster.head_text(a) for a in articles]
    for keep in (("tok2vec", "ner"), ("ner",)):
        off = [p for p in model.pipe_names if p not in keep]
        t = time.process_time()
        list(model.pipe(heads, batch_size=64, disable=off))
        print(f"  NER over titles+leads ({' + '.join(keep)}): {(time.process_time() - t) / n:.4f}")


def consumers(articles) -> None:
    from newsweave import nlp, timex
    from newsweave.config import Config
    from newsweave.facts import figures, quotes
    from newsweave.stories import prepare_articles

    prepared = prepare_articles(articles, Config(), [])
    docs = nlp.parse([a.text for a in prepared])
    openers = set(nlp.STOP_WORDS) | set(
        "however meanwhile but and so yet still now then thus also although though while when"
        " after before if as because since".split()
    )
    sents = 0
    counts = dict.fromkeys(("quotes", "figures", "timex", "any", "ner"), 0)
    tokens = dict.fromkeys((*counts, "all"), 0)
    for a, doc in zip(prepared, docs, strict=True):
        times = [t.start for t in timex.find_timexes(a.text)]
        for s in a.sentences:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            n = len(span)
            first = re.search(r"[A-Za-z]+", s.text)
            hit = {
                "quotes": bool(_QUOTE_MARK.search(s.text))
                or "according to" in s.text
                or any(t.lemma_ in quotes.SPEECH_LEMMAS for t in span),
                "figures": bool(figures._TRIGGER.search(s.text)),
                "timex": any(s.start <= x < s.end for x in times),
            }
            hit["any"] = any(hit.values())
            hit["ner"] = bool(first) and (
                any(c.isdigit() for c in s.text)
                or any(c.isupper() for c in s.text[first.end() :])
                or (first.group()[0].isupper() and first.group().lower() not in openers)
                or bool(_TIME_OR_NUMBER.search(s.text))
            )
            sents += 1
            tokens["all"] += n
            for k, v in hit.items():
                counts[k] += v
                tokens[k] += n * v
    print(f"{len(prepared)} articles, {sents} sentences; share of sentences / tokens:")
    for k, label in (
        ("quotes", "quotes read the parse"),
        ("figures", "figures read it"),
        ("timex", "timeline / timex read it"),
        ("any", "any of the three"),
        ("ner", "can hold a named entity"),
    ):
        print(f"  {label:28s} {counts[k] / sents:.3f} / {tokens[k] / tokens['all']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=250, help="first N articles (default 250)")
    args = ap.parse_args(argv)
    articles = load(args.articles)
    components(articles)
    consumers(articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
