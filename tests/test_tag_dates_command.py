"""manage.py tag_dates: FILE --dct and --jsonl, and its errors."""
import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("tag_dates", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def test_file_with_dct(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Lavrov will be meeting on Wednesday. He met Soini on Thursday.", encoding="utf-8")
    [out] = run(str(p), "--dct", "2016-06-07")
    tx = out["timexes"]
    assert [(t["text"], t["type"], t["value"], t["earliest"], t["latest"]) for t in tx] == [
        ("Wednesday", "DATE", "2016-06-08", "2016-06-08", "2016-06-08"),
        ("Thursday", "DATE", "2016-06-02", "2016-06-02", "2016-06-02"),
    ]
    text = p.read_text(encoding="utf-8")
    assert all(text[t["start"]:t["end"]] == t["text"] for t in tx)


def test_jsonl_ignores_other_keys_and_keeps_order(tmp_path):
    p = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "dct": "2013-09-26", "title": "x", "gold": [], "text": "Kerry will travel next week."},
        {"id": "b", "dct": "1998-01-08", "text": "Prices fell now, as they did over a decade ago – ünïcode."},
    ]
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    out = run("--jsonl", str(p))
    assert [o["id"] for o in out] == ["a", "b"]
    assert [t["value"] for t in out[0]["timexes"]] == ["2013-W40"]
    b = out[1]["timexes"]
    assert [t["value"] for t in b] == ["PRESENT_REF", "PAST_REF"]
    assert b[1]["earliest"] is None and b[1]["latest"] == "1988-01-08"


def test_jsonl_from_stdin(monkeypatch):
    out = run("--jsonl", "-", stdin=json.dumps({"id": 1, "dct": "2016-06-07", "text": "It ends tomorrow."}),
              monkeypatch=monkeypatch)
    assert out == [{"id": 1, "timexes": [{"start": 8, "end": 16, "text": "tomorrow", "type": "DATE",
                                          "value": "2016-06-08", "earliest": "2016-06-08", "latest": "2016-06-08"}]}]


@pytest.mark.parametrize("args,message", [
    (("--dct", "2016-06-07"), "FILE"),
    (("/no/such/file.txt", "--dct", "2016-06-07"), "no such file"),
])
def test_errors_for_bad_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("tag_dates", *args, stdout=io.StringIO())


def test_bad_date_and_missing_dct(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Friday", encoding="utf-8")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("tag_dates", str(p), "--dct", "07/06/2016", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--dct"):
        call_command("tag_dates", str(p), stdout=io.StringIO())


def test_bad_json_line_says_which_line(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"id": "a", "dct": "2016-06-07", "text": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("tag_dates", "--jsonl", str(p), stdout=io.StringIO())
    p.write_text('{"id": "a", "dct": "2016-13-07", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        call_command("tag_dates", "--jsonl", str(p), stdout=io.StringIO())
    p.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1"):
        call_command("tag_dates", "--jsonl", str(p), stdout=io.StringIO())


@pytest.mark.shared
def test_seed_file(shared_dir):
    [out] = run(str(shared_dir / "corpus" / "seed" / "seed.txt"), "--dct", "2016-06-07")
    values = {(t["text"], t["value"]) for t in out["timexes"]}
    assert {("Monday", "2016-06-06"), ("Thursday", "2016-06-02"), ("Wednesday", "2016-06-08"),
            ("over a decade ago", "PAST_REF")} <= values
