"""Clustering's entities without a second NER pass over what the run parsed already (issue 22).

cluster's entity signal is the named entities of each article's title and lead. A run parses
every article fully before clustering (stories.prepare_articles), so the lead's entities come
from that parse and only titles go through NER; the shared tok2vec, which en_core_web_sm's NER
does not read, is not run for them."""

from __future__ import annotations

import pytest

from newsweave import cluster, nlp
from newsweave.config import load_config
from newsweave.model import Article

LEAD = (
    "Mayor Ingrid Sandvold opened the new Falkberg ferry terminal in Tromsvik on Monday. "
    "The terminal, built by Nordhavn Marine, will serve four islands. "
)
# padding that pushes a later name past the lead (cluster.LEAD_CHARS characters)
FILLER = "Passengers waited on the quay while the first boat was loaded with cars. " * 10
TAIL = "Later, Governor Piotr Wasilewski praised the project in a speech in Krakow."
TITLE = "Sandvold opens Falkberg terminal"


def _spacy_or_skip():
    try:
        return nlp.get_nlp(True)
    except Exception as exc:  # noqa: BLE001 - model package missing
        pytest.skip(f"spaCy model not available: {exc}")


class _NerSpy:
    """Records the texts spaCy's ``Language.pipe`` runs through NER (NER enabled and not
    disabled for the call)."""

    def __init__(self, model, monkeypatch) -> None:
        from spacy.language import Language

        self.texts: list[str] = []
        real = Language.pipe
        spy = self

        def pipe(self, texts, *args, **kwargs):
            texts = list(texts)
            if "ner" in self.pipe_names and "ner" not in (kwargs.get("disable") or ()):
                spy.texts += [t if isinstance(t, str) else t.text for t in texts]
            return real(self, texts, *args, **kwargs)

        monkeypatch.setattr(Language, "pipe", pipe)


def _article(title: str | None = TITLE) -> Article:
    return Article(id="a1", source="invented.txt", title=title, text=LEAD + FILLER + TAIL)


def test_cluster_ner_does_not_run_the_shared_tok2vec(monkeypatch):
    model = _spacy_or_skip()
    if "ner" in model.get_pipe("tok2vec").listening_components:
        pytest.skip("this model's NER reads the shared tok2vec")
    expected = cluster.extract_entities([LEAD])

    def refuse(*args, **kwargs):
        raise AssertionError("the shared tok2vec ran for NER alone")

    monkeypatch.setattr(model.get_pipe("tok2vec"), "pipe", refuse)
    assert cluster.extract_entities([LEAD]) == expected
    assert expected  # Sandvold, Falkberg, Tromsvik, Nordhavn Marine: something was found


def test_featurize_reads_the_lead_entities_from_the_run_parse(monkeypatch):
    model = _spacy_or_skip()
    article = _article()
    nlp.forget_parses()
    doc = nlp.parse([article.text])[0]  # what prepare_articles does before clustering
    spy = _NerSpy(model, monkeypatch)
    state = cluster.ClusterState()
    feats = cluster.featurize([article], state, embeddings=nlp.embed(["x"]))
    nlp.forget_parses()
    # only the title went through NER: not the lead a second time
    assert spy.texts == [TITLE]
    lead_end = len(cluster.lead_text(article))
    in_lead = {
        cluster._entity_key(e.text)
        for e in doc.ents
        if e.label_ in cluster.ENTITY_LABELS and e.end_char <= lead_end
    }
    after = {
        cluster._entity_key(e.text)
        for e in doc.ents
        if e.label_ in cluster.ENTITY_LABELS and e.start_char > lead_end
    }
    assert in_lead and after  # the invented text has names on both sides of the lead's end
    assert in_lead <= feats.ents[0]
    assert not after & feats.ents[0]  # the governor named late in the article is not lead
    assert cluster.extract_entities([TITLE])[0] <= feats.ents[0]


def test_head_entities_without_a_parse_run_ner_over_the_head(monkeypatch):
    model = _spacy_or_skip()
    article = _article(title=None)
    nlp.forget_parses()
    spy = _NerSpy(model, monkeypatch)
    got = cluster.head_entities([article])
    assert spy.texts == [cluster.head_text(article)]
    assert got == cluster.extract_entities([cluster.head_text(article)])


def test_the_pipeline_parses_each_article_once_with_ner(monkeypatch, tmp_path):
    """A whole run: every text reaching NER is an article's full text (the run's one parse);
    clustering adds no NER pass over titles and leads of articles without a title."""
    from newsweave.pipeline import weave_articles

    model = _spacy_or_skip()
    spy = _NerSpy(model, monkeypatch)
    nlp.forget_parses()
    arts = [
        Article(
            id=f"a{i}",
            source=f"a{i}.txt",
            title=None,
            text=LEAD + FILLER + TAIL.replace("Krakow", city),
        )
        for i, city in enumerate(("Krakow", "Gdansk"))
    ]
    config = load_config(None, **{"cluster.mode": "always"})
    weave_articles(arts, config)
    nlp.forget_parses()
    texts = {a.text for a in arts}
    assert spy.texts and all(t in texts for t in spy.texts)
