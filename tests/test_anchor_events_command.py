"""manage.py anchor_events --jsonl: its output, its errors, and its score on the real anchors of ../shared."""
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent
# regression floors on ../shared/data/anchors_dev.jsonl: the figures reached, rounded down; they only go up
TOLERANT_FLOOR = 0.60
EXACT_FLOOR = 0.51


def run(path):
    out = io.StringIO()
    call_command("anchor_events", "--jsonl", str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def write(tmp_path, docs):
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return p


def test_one_line_per_document_with_every_event_in_order(tmp_path):
    text = "The ministers met on Tuesday. They will meet again next month."
    docs = [
        {"id": "d1", "dct": "2019-03-14", "text": text, "gold": "ignored", "events": [
            {"id": "e2", "start": text.index("meet"), "end": text.index("meet") + 4},
            {"id": "e1", "start": text.index("met"), "end": text.index("met") + 3},
        ]},
        {"id": "d2", "dct": "2019-03-14", "text": "Nothing here.", "events": []},
    ]
    out = run(write(tmp_path, docs))
    assert [o["id"] for o in out] == ["d1", "d2"]
    e2, e1 = out[0]["events"]
    assert (e1["id"], e1["earliest"], e1["latest"], e1["reason"]) == ("e1", "2019-03-12", "2019-03-12", "own clause")
    assert (e2["id"], e2["earliest"], e2["latest"]) == ("e2", "2019-04-01", "2019-04-30")
    assert set(e1) == {"id", "earliest", "latest", "value", "reason"}
    assert out[1]["events"] == []


@pytest.mark.parametrize("line,message", [
    ("{not json", "bad JSON"),
    ('{"id": "x", "text": "a"}', '"dct"'),
    ('{"id": "x", "dct": "2019-13-01", "text": "a", "events": []}', "not a date"),
    ('{"id": "x", "dct": "2019-03-14", "text": "abc", "events": [{"id": "e", "start": 2, "end": 9}]}', "outside the text"),
    ('{"id": "x", "dct": "2019-03-14", "text": "abc", "events": [{"id": "e", "start": "a"}]}', "integer"),
    ('{"id": "x", "dct": "2019-03-14", "text": "abc", "events": {}}', "must be a list"),
])
def test_bad_input_is_refused_with_the_line(tmp_path, line, message):
    p = tmp_path / "bad.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message) as e:
        run(p)
    assert "line 1" in str(e.value)


@pytest.mark.shared
def test_the_real_anchor_corpus_stays_above_its_floor(shared_dir, tmp_path):
    gold = shared_dir / "data" / "anchors_dev.jsonl"
    docs = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    inp = write(tmp_path, [{"id": d["id"], "dct": d["dct"], "text": d["text"],
                            "events": [{"id": e["id"], "start": e["start"], "end": e["end"]} for e in d["events"]]}
                           for d in docs])
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as f:
        subprocess.run([sys.executable, str(ROOT / "manage.py"), "anchor_events", "--jsonl", str(inp)],
                       stdout=f, check=True, cwd=ROOT)
    spec = importlib.util.spec_from_file_location("score_anchors", shared_dir / "tools" / "score_anchors.py")
    sa = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sa)
    system = {d["id"]: {e["id"]: e for e in d["events"]} for d in map(json.loads, out.read_text().splitlines())}
    pairs = [(system[d["id"]][e["id"]], e["gold"]) for d in docs for e in d["events"]]
    assert len(pairs) == 1487
    tolerant = sum(sa.dated(s, g) for s, g in pairs) / len(pairs)
    exact = sum(sa.exact(s, g) for s, g in pairs) / len(pairs)
    assert tolerant >= TOLERANT_FLOOR and exact >= EXACT_FLOOR, (tolerant, exact)
