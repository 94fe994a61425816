"""The stage clock of bench/bench_pipeline.py charges time to the innermost stage (issue 22)."""

from __future__ import annotations

from tests.factories import load_bench


def _load():
    return load_bench("bench_pipeline")


def test_time_is_charged_to_the_innermost_stage(monkeypatch):
    bench = _load()
    ticks = iter([0.0, 1.0, 3.0, 6.0, 10.0, 15.0])
    monkeypatch.setattr(bench.time, "process_time", lambda: next(ticks))
    clock = bench.StageClock()  # t=0
    clock.enter("summarize")  # t=1
    clock.enter("embeddings")  # t=3: summarize 2
    clock.exit()  # t=6: embeddings 3
    clock.exit()  # t=10: summarize 4 more
    assert clock.totals == {"summarize": 6.0, "embeddings": 3.0}
    assert clock.by_caller == {"embeddings (summarize)": 3.0}
    assert clock.calls == {"summarize": 1, "embeddings": 1}


def test_wrapped_generator_charges_each_item():
    bench = _load()

    def gen(n):
        yield from range(n)

    timed = bench._timed_gen(gen, "parse")
    assert list(timed(3)) == [0, 1, 2]
    assert bench.CLOCK.calls["parse"] == 5  # the call itself, three items, the end


def test_combine_removes_start_up_from_two_child_runs(tmp_path, capsys, monkeypatch):
    """--combine: per-article cost = (cost(N) - cost(10)) / (N - 10), naive ratio beside it."""
    import json

    bench = _load()
    monkeypatch.setattr(bench, "MDS", tmp_path)  # exists: the data check passes

    def run(n, cpu, naive):
        nw = {
            "cpu": cpu,
            "wall": 1.0,
            "maxrss_mb": 1.0,
            "stories": 1,
            "skipped": 0,
            "stages": {"parse": cpu / 2},
            "by_caller": {},
        }
        out = {
            "n": n,
            "newsweave": nw,
            "naive": {"cpu": naive, "spacy": 0.0, "encode": naive, "cpu_1thread": naive},
        }
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(out))
        return str(path)

    assert bench.main(["--combine", run(10, 12.0, 5.0), run(110, 22.0, 45.0), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert abs(figures["newsweave_cpu_per_article"] - 0.1) < 1e-9
    assert abs(figures["stages_cpu_per_article"]["parse"] - 0.05) < 1e-9
    assert abs(figures["ratio_naive_1thread_over_newsweave"] - 4.0) < 1e-9
