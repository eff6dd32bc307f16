"""Actors and places: canonical names, titles as roles, in-article coreference, demonyms, capitals,
venues, datelines. Texts are written for these tests."""
import pytest

from events.extraction import actors


@pytest.mark.parametrize("line, place", [
    ("WASHINGTON (Reuters) - U.S. Secretary of State John Kerry will travel to Japan.", "Washington"),
    ("CAIRO – 28 October 2022: Egypt's foreign minister arrived in Algeria on Friday.", "Cairo"),
    ("ABU DHABI, Jan 30 (Reuters) - Israel and the UAE signed a memorandum.", "Abu Dhabi"),
    ("BEIJING — Chinese President Xi Jinping met his French counterpart on Thursday.", "Beijing"),
    ("MOSCOW, June 7. /TASS/. Russian President Vladimir Putin met Israeli Prime Minister Benjamin Netanyahu.", "Moscow"),
])
def test_it_finds_the_dateline(line, place):
    end, found = actors.dateline(line)
    assert found == place
    assert line[end:].lstrip()[0].isupper()
    assert "(" not in line[end:end + 3]


@pytest.mark.parametrize("line", [
    "Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin in Moscow.",
    "U.S. and Japanese leaders met on security in June 2011 in Washington.",
    "NATO leaders gathered in Vilnius on Tuesday.",
])
def test_a_sentence_is_not_a_dateline(line):
    assert actors.dateline(line) == (0, None)


@pytest.mark.parametrize("name, country", [
    ("Russian", "Russia"), ("Moscow", "Russia"), ("the United States", "United States"), ("U.S.", "United States"),
    ("Israeli", "Israel"), ("Finish", "Finland"), ("Algerian", "Algeria"), ("Paris", "France"),
])
def test_demonyms_and_capitals_stand_for_their_state(name, country):
    assert actors.country_of(name) == country


def test_short_aliases_only_match_in_capitals():
    assert actors.country_of("US") == "United States"
    assert actors.country_of("us") is None


@pytest.mark.parametrize("venue, shown, country", [
    ("the Kremlin", "Kremlin, Moscow", "Russia"),
    ("White House", "White House, Washington", "United States"),
    ("Zhongnanhai", "Zhongnanhai, Beijing", "China"),
    ("Moscow", "Moscow", "Russia"),
    ("Algeria", "Algeria", "Algeria"),
])
def test_a_venue_is_in_its_city(venue, shown, country):
    assert actors.place_of(venue) == (shown, country)


def register(nlp, text):
    doc = nlp(text)
    return doc, actors.ArticleActors(doc)


def tok(doc, word, nth=0):
    return [t for t in doc if t.text == word][nth]


def test_a_surname_and_a_title_are_the_person_named_before(nlp):
    doc, reg = register(nlp, (
        "Prime Minister Benjamin Netanyahu arrived in Moscow on Monday.\n"
        "Netanyahu laid a wreath at the Tomb of the Unknown Soldier.\n"
        "The prime minister later met business leaders."))
    first = reg.resolve(tok(doc, "Netanyahu", 0))
    later = reg.resolve(tok(doc, "Netanyahu", 1))
    title = reg.resolve(tok(doc, "minister", 0))
    assert first[0] is later[0] is title[0]
    assert first[0].name == "Benjamin Netanyahu"
    assert first[0].role == "Prime Minister"
    assert "Netanyahu" in first[0].aliases  # for the database to recognise him in other articles
    assert first[0].kind == "person"


def test_a_full_name_after_the_surname_upgrades_the_actor(nlp):
    doc, reg = register(nlp, "Modi and Biden hold talks\nIndian Prime Minister Narendra Modi met President Joe Biden.")
    assert reg.resolve(tok(doc, "Modi", 0))[0].name == "Narendra Modi"
    assert reg.resolve(tok(doc, "Biden", 0))[0].name == "Joe Biden"


def test_a_pronoun_is_the_last_person_named(nlp):
    doc, reg = register(nlp, "Russia sent Deputy Foreign Minister Mikhail Bogdanov to Paris.\nHe reminded reporters of the plan.")
    assert [a.name for a in reg.resolve(tok(doc, "He"))] == ["Mikhail Bogdanov"]


def test_the_two_men_are_the_two_people_just_named(nlp):
    doc, reg = register(nlp, "Putin told Netanyahu that Israel mattered when the two men sat down to talk.")
    assert [a.name for a in reg.resolve(tok(doc, "men"))] == ["Putin", "Netanyahu"]


def test_a_capital_used_as_an_actor_is_its_state(nlp):
    doc, reg = register(nlp, "A day after Moscow called for the renewal of talks, Israeli officials met.")
    assert [a.name for a in reg.resolve(tok(doc, "Moscow"))] == ["Russia"]
    assert [a.name for a in reg.resolve(tok(doc, "officials"))] == ["Israel"]


def test_the_dateline_place_is_not_an_actor(nlp):
    text = "MOSCOW (Reuters) - Chinese Foreign Minister Wang Yi met his Indian counterpart in New Delhi."
    doc = nlp(text)
    end, _ = actors.dateline(text)
    skip = {t.i for t in doc if t.idx < end}
    reg = actors.ArticleActors(doc, skip=skip)
    assert reg.resolve(tok(doc, "MOSCOW")) == []
    assert reg.place(tok(doc, "MOSCOW")) is None
    assert reg.place(tok(doc, "Delhi")) == "New Delhi"


def test_london_places_that_share_a_name_with_a_far_city_are_london_venues():
    # GeoNames' largest Westminster is in Colorado; the one the news names is London's
    assert actors.place_of("Westminster") == ("Westminster, London", "United Kingdom")
    assert actors.place_of("Heathrow")[0] == "Heathrow, London"


@pytest.mark.parametrize("word, state", [("Ukrainian", "Ukraine"), ("Mauritanian", "Mauritania"), ("Kenyan", "Kenya"),
                                         ("Christian", None), ("Parisian", None)])
def test_a_demonym_made_from_the_states_name_is_that_state(word, state):
    from events.extraction.actors import country_of

    assert country_of(word) == state
