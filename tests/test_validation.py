"""What every way in refuses or repairs before anything is stored: language, publication date, encoding."""
import json
from datetime import UTC, date, datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from events import ingest
from events.models import Article, Event
from events.validation import IngestError, decode_bytes, looks_english, max_published, validate
from tests.test_ingest import TASS, meeting, mention

GERMAN = (
    "Der französische Präsident ist am Dienstag zu einem zweitägigen Staatsbesuch in Berlin eingetroffen. "
    "Bei einem Treffen mit dem Bundeskanzler ging es vor allem um die Unterstützung für die Ukraine und um "
    "die gemeinsame Verteidigungspolitik der Europäischen Union."
)
GERMAN_14 = "Bundeskanzler Scholz empfing am Montag den polnischen Regierungschef Tusk zu Gesprächen im Kanzleramt in Berlin."
FRENCH = (
    "Le ministre des Affaires étrangères s'est entretenu mardi à Paris avec son homologue allemand. Les deux "
    "hommes ont évoqué la situation au Proche-Orient et la préparation du prochain sommet européen, prévu à "
    "Bruxelles à la fin du mois."
)
SPANISH = (
    "El presidente del Gobierno español se reunió el jueves en Madrid con el primer ministro portugués para "
    "hablar de la crisis energética. Ambos dirigentes firmaron un acuerdo de cooperación y anunciaron una "
    "cumbre bilateral para el próximo otoño."
)
NAME_HEAVY = (
    "U.S. Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing on Sunday, "
    "with Taiwan, Ukraine and fentanyl high on the agenda.",
    "Indian Prime Minister Narendra Modi, Japanese Prime Minister Fumio Kishida, Australian Prime Minister "
    "Anthony Albanese and U.S. President Joe Biden met in Hiroshima on Saturday.",
)


class TestLanguage:
    @pytest.mark.parametrize("text", [GERMAN, GERMAN_14, FRENCH, SPANISH])
    def test_german_french_and_spanish_news_is_refused(self, text):
        assert not looks_english(text)
        with pytest.raises(IngestError, match="does not look like English"):
            validate(text, date(2016, 6, 7), None)

    @pytest.mark.parametrize("text", NAME_HEAVY)
    def test_a_name_heavy_english_lead_is_english(self, text):
        assert looks_english(text)

    def test_below_the_minimum_length_there_is_no_check(self, settings):
        short = "Der Bundeskanzler empfing gestern den polnischen Regierungschef"
        assert looks_english(short)
        settings.LANGUAGE_CHECK_MIN_WORDS = 5
        assert not looks_english(short)

    @pytest.mark.shared
    def test_every_article_of_the_shared_corpus_is_english(self, shared_dir):
        texts = [(p.name, json.loads(p.read_text(encoding="utf-8"))["text"])
                 for p in sorted((shared_dir / "corpus" / "dev").glob("*.json"))]
        texts.append(("seed.txt", (shared_dir / "corpus" / "seed" / "seed.txt").read_text(encoding="utf-8")))
        assert len(texts) >= 20
        assert [name for name, text in texts if not looks_english(text)] == []


def _at(monkeypatch, when: datetime):
    monkeypatch.setattr(timezone, "now", lambda: when)


class TestPublicationDate:
    @pytest.mark.parametrize("published", [date(1, 1, 1), date(1899, 12, 31)])
    def test_dates_before_the_setting_are_refused(self, published):
        with pytest.raises(IngestError, match=f"{published.isoformat()} is before 1900-01-01"):
            validate(TASS, published, None)

    def test_the_earliest_date_is_a_setting(self, settings):
        assert validate(TASS, date(1900, 1, 1), None)[1] == date(1900, 1, 1)
        settings.MIN_PUBLISHED_DATE = "1950-01-01"
        with pytest.raises(IngestError, match="before 1950-01-01"):
            validate(TASS, date(1949, 12, 31), None)

    def test_the_latest_date_is_today_in_utc_plus_14(self, monkeypatch):
        _at(monkeypatch, datetime(2026, 12, 1, 9, 59, tzinfo=UTC))  # 23:59 on 1 Dec in Kiribati
        assert max_published() == date(2026, 12, 1)
        with pytest.raises(IngestError, match="future"):
            validate(TASS, date(2026, 12, 2), None)
        _at(monkeypatch, datetime(2026, 12, 1, 10, 0, tzinfo=UTC))  # 2 Dec has begun there
        assert validate(TASS, date(2026, 12, 2), None)[1] == date(2026, 12, 2)
        with pytest.raises(IngestError, match="future"):
            validate(TASS, date(2026, 12, 3), None)


class TestEncoding:
    def test_a_byte_order_mark_is_dropped_and_the_article_is_found_again(self, db, tmp_path, monkeypatch, capsys):
        monkeypatch.setattr(ingest, "extract_candidates", lambda text, published, title: [meeting(mention(1))])
        plain, bom = tmp_path / "plain.txt", tmp_path / "bom.txt"
        plain.write_bytes(TASS.encode("utf-8"))
        bom.write_bytes(b"\xef\xbb\xbf" + TASS.encode("utf-8"))
        call_command("ingest", str(bom), "--published", "2016-06-07")
        assert Article.objects.get().title == "Putin and Netanyahu meet at the Kremlin"
        call_command("ingest", str(plain), "--published", "2016-06-07")
        assert "already ingested" in capsys.readouterr().out and Article.objects.count() == 1

    @pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
    def test_a_western_legacy_encoding_is_detected(self, db, tmp_path, monkeypatch, encoding):
        monkeypatch.setattr(ingest, "extract_candidates", lambda text, published, title: [])
        text = ("Talks in Genève\nThe ministers met in Genève and Zürich on Monday, said Señor Pérez, "
                "after a déjà-vu week of café diplomacy.")
        if encoding == "cp1252":
            text += " The “summit” — they said — cost €5m."
        path = tmp_path / "a.txt"
        path.write_bytes(text.encode(encoding))
        call_command("ingest", str(path), "--published", "2016-06-07")
        assert Article.objects.get().text == text

    def test_binary_data_is_refused(self, db, tmp_path):
        path = tmp_path / "a.bin"
        path.write_bytes(bytes(range(256)) * 4)
        with pytest.raises(CommandError, match="binary"):
            call_command("ingest", str(path), "--published", "2016-06-07")
        assert Article.objects.count() == 0

    def test_another_detected_encoding_is_read(self):
        text = "Министр иностранных дел России провёл переговоры в Москве с коллегой из Китая."
        assert decode_bytes(text.encode("cp1251")) == text


@pytest.mark.django_db
class TestMetadataAgain:
    @pytest.fixture(autouse=True)
    def candidates(self, monkeypatch):
        from events.extraction.types import Timex

        def extract(text, published, title):
            day = Timex(0, 10, "on Tuesday", "DATE", f"{published:%Y-%m-%d}", published, published, "day")
            return [meeting(mention(1), date=day)]

        monkeypatch.setattr(ingest, "extract_candidates", extract)

    def test_other_metadata_is_reported_and_nothing_changes(self, tmp_path, capsys):
        path = tmp_path / "a.txt"
        path.write_text(TASS, encoding="utf-8")
        call_command("ingest", str(path), "--published", "2016-06-07", "--url", "https://example.org/a")
        capsys.readouterr()
        call_command("ingest", str(path), "--published", "2016-06-08", "--url", "https://example.org/b",
                     "--title", "Another title")
        out = capsys.readouterr().out
        assert "published: stored 2016-06-07, given 2016-06-08" in out
        assert "'https://example.org/a'" in out and "'https://example.org/b'" in out and "Another title" in out
        assert "--update-metadata" in out
        a = Article.objects.get()
        assert (a.published, a.url) == (date(2016, 6, 7), "https://example.org/a")

    def test_update_metadata_redates_the_events_and_keeps_editors_work(self, tmp_path, capsys):
        path = tmp_path / "a.txt"
        path.write_text(TASS, encoding="utf-8")
        call_command("ingest", str(path), "--published", "2016-06-07")
        Event.objects.update(location="Moscow", edited=True)
        edited = Event.objects.get()
        call_command("ingest", str(path), "--published", "2016-06-14", "--update-metadata")
        assert "updated its metadata (published 2016-06-07 → 2016-06-14)" in capsys.readouterr().out
        edited.refresh_from_db()
        assert (edited.date_earliest, edited.location) == (date(2016, 6, 7), "Moscow")
        assert Article.objects.get().published == date(2016, 6, 14)
        Event.objects.update(edited=False)
        call_command("ingest", str(path), "--published", "2016-06-21", "--update-metadata")
        event = Event.objects.get()
        assert (event.date_earliest, event.date_latest) == (date(2016, 6, 21), date(2016, 6, 21))
        assert event.mentions.count() == 1


def test_the_ingest_command_refuses_a_foreign_article(db, tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Staatsbesuch in Berlin\n" + GERMAN, encoding="utf-8")
    with pytest.raises(CommandError, match="English"):
        call_command("ingest", str(path), "--published", "2016-06-07")
    assert Article.objects.count() == 0
