"""Small articles, one behaviour each: what the extractor finds, with which date, who and where.

Each case is (text, publication date, expected events), an expected event being (type, status, earliest,
latest, participants that must be among the event's, location or None). The articles are written for
these tests, retelling real diplomatic events in our own words."""
from datetime import date

import pytest

from events.extraction import pipeline

D = date

CASES = {
    "a phone call received from someone": (
        "Egyptian President Abdel Fattah al-Sisi received a phone call from Saudi Crown Prince Mohammed bin Salman"
        " on Sunday, the presidency said.\n",
        D(2022, 4, 3),
        [("phone_call", "occurred", D(2022, 4, 3), D(2022, 4, 3), {"Abdel Fattah al-Sisi", "Mohammed bin Salman"}, None)],
    ),
    "a passive signing with its signatories": (
        "An agreement on space cooperation was signed by Secretary of State Antony Blinken and Japanese Ambassador"
        " Koji Tomita in Washington on Thursday.\n",
        D(2023, 1, 14),
        [("signing", "occurred", D(2023, 1, 12), D(2023, 1, 12), {"Antony Blinken", "Koji Tomita"}, "Washington")],
    ),
    "a signing after the talks is on the day of the talks": (
        "Chinese President Xi Jinping held talks with Vietnamese leader Nguyen Phu Trong in Beijing on Monday.\n"
        "After the talks, the two leaders witnessed the signing of 13 cooperation documents.\n",
        D(2022, 11, 2),
        [("talks", "occurred", D(2022, 10, 31), D(2022, 10, 31), {"Xi Jinping", "Nguyen Phu Trong"}, "Beijing"),
         # after the talks, on their day and where they were held
         ("signing", "occurred", D(2022, 10, 31), D(2022, 10, 31), {"Xi Jinping", "Nguyen Phu Trong"}, "Beijing")],
    ),
    "a king is not the crown prince who shares his name": (
        "Saudi Crown Prince Mohammed bin Salman arrived in Cairo on Monday.\n"
        "Sisi had visited Riyadh in March, where he met King Salman.\n",
        D(2022, 4, 5),
        [("visit", "occurred", D(2022, 4, 4), D(2022, 4, 4), {"Mohammed bin Salman", "Egypt"}, "Cairo"),
         ("visit", "occurred", D(2022, 3, 1), D(2022, 3, 31), {"Saudi Arabia"}, "Riyadh"),
         # a regnal name keeps its title, so that it is told apart from others of that name across articles
         ("meeting", "occurred", D(2022, 3, 1), D(2022, 3, 31), {"Sisi", "King Salman"}, "Riyadh")],
    ),
    "someone due to travel is the one who travels": (
        "German Chancellor Olaf Scholz is due to travel to Brussels on Thursday.\n",
        D(2022, 10, 25),
        [("visit", "planned", D(2022, 10, 27), D(2022, 10, 27), {"Olaf Scholz", "Belgium"}, "Brussels")],
    ),
    "an invitation to visit is a planned visit by the guest": (
        "Turkish President Recep Tayyip Erdogan invited Russian President Vladimir Putin to visit Turkey in December.\n",
        D(2022, 8, 30),
        [("visit", "planned", D(2022, 12, 1), D(2022, 12, 31), {"Vladimir Putin", "Turkey"}, "Turkey")],
    ),
    "a planned summit and the meeting held at it are one event": (
        "U.S. President Joe Biden and Indian Prime Minister Narendra Modi are expected to meet again at the G20"
        " summit in New Delhi in September.\n",
        D(2023, 6, 25),
        [("summit", "planned", D(2023, 9, 1), D(2023, 9, 30), {"Joe Biden", "Narendra Modi"}, "New Delhi")],
    ),
    "a welcome ceremony before the talks": (
        "Japanese Prime Minister Fumio Kishida held talks with Chinese Premier Li Qiang in Tokyo on Friday.\n"
        "Prior to the talks, Kishida held a welcome ceremony for Li.\n",
        D(2023, 11, 5),
        [("talks", "occurred", D(2023, 11, 3), D(2023, 11, 3), {"Fumio Kishida", "Li Qiang"}, "Tokyo"),
         ("ceremony", "occurred", D(2023, 11, 3), D(2023, 11, 3), {"Fumio Kishida", "Li Qiang"}, "Tokyo")],
    ),
    "a visit during which something was signed keeps its own visitor": (
        "Israel and the United Arab Emirates signed a memorandum of understanding on water on Sunday during a visit"
        " by Israeli President Isaac Herzog.\n",
        D(2022, 1, 31),
        [("signing", "occurred", D(2022, 1, 30), D(2022, 1, 30), {"Israel", "United Arab Emirates"}, None),
         ("visit", "occurred", D(2022, 1, 30), D(2022, 1, 30), {"Isaac Herzog"}, None)],
    ),
    "a refusal and a cancelled trip are no events": (
        "The crown prince refused to attend a planned summit in Jerusalem last year.\n"
        "Blinken called off his trip to Beijing in February.\n",
        D(2023, 6, 1),
        [],
    ),
    "a funeral attended by leaders named in a list": (
        "Hundreds of world leaders, including U.S. President Joe Biden and French President Emmanuel Macron, attended"
        " the state funeral of Queen Elizabeth II at Westminster Abbey on Monday.\n",
        D(2022, 9, 20),
        [("ceremony", "occurred", D(2022, 9, 19), D(2022, 9, 19), {"Joe Biden", "Emmanuel Macron"}, "Westminster Abbey")],
    ),
    "two days before the summit is two days earlier": (
        "U.S. President Donald Trump and North Korean leader Kim Jong Un held a summit in Hanoi on Wednesday.\n"
        "Two days before the summit, U.S. envoy Stephen Biegun met North Korean officials in Hanoi.\n",
        D(2019, 3, 1),
        [("summit", "occurred", D(2019, 2, 27), D(2019, 2, 27), {"Donald Trump", "Kim Jong Un"}, "Hanoi"),
         ("meeting", "occurred", D(2019, 2, 25), D(2019, 2, 25), {"Stephen Biegun"}, "Hanoi")],
    ),
    "a week after the talks is seven days later": (
        "Lavrov and Kerry held talks in Geneva on Monday.\n"
        "A week after the talks, Kerry flew to Paris.\n",
        D(2015, 3, 20),
        [("talks", "occurred", D(2015, 3, 16), D(2015, 3, 16), {"Lavrov", "Kerry"}, "Geneva"),
         ("visit", "occurred", D(2015, 3, 23), D(2015, 3, 23), {"Kerry", "France"}, "Paris")],
    ),
    "a meeting on Monday and Wednesday is one span": (
        "Israeli Prime Minister Benjamin Netanyahu met Russian President Vladimir Putin in Moscow on Monday and"
        " Wednesday.\n",
        D(2018, 5, 11),
        [("meeting", "occurred", D(2018, 5, 7), D(2018, 5, 9), {"Benjamin Netanyahu", "Vladimir Putin"}, "Moscow")],
    ),
    "a day after the talks is the next day": (
        "Lavrov and Kerry held talks in Geneva on Monday.\n"
        "A day after the talks, Kerry flew to Paris.\n",
        D(2015, 3, 5),
        [("talks", "occurred", D(2015, 3, 2), D(2015, 3, 2), {"Lavrov", "Kerry"}, "Geneva"),
         ("visit", "occurred", D(2015, 3, 3), D(2015, 3, 3), {"Kerry", "France"}, "Paris")],
    ),
    "a where-clause happens at the place it modifies": (
        "U.S. Secretary of State Antony Blinken arrived in Cairo from Riyadh, where he met Saudi Crown Prince"
        " Mohammed bin Salman on Monday.\n",
        D(2024, 2, 6),
        [("visit", "occurred", D(2024, 2, 5), D(2024, 2, 5), {"Antony Blinken", "Egypt"}, "Cairo"),
         ("meeting", "occurred", D(2024, 2, 5), D(2024, 2, 5), {"Antony Blinken", "Mohammed bin Salman"}, "Riyadh")],
    ),
    "hosting, a news conference after the meeting and a call to come": (
        "Turkish President Recep Tayyip Erdogan hosted Ukrainian President Volodymyr Zelensky in Istanbul on Friday.\n"
        "\"We will continue our talks with both sides,\" Erdogan told a joint news conference after the meeting.\n"
        "\"I hope we can meet President Putin soon,\" Zelensky said.\n"
        "Erdogan said he would speak to Russian President Vladimir Putin by phone next week.\n",
        D(2023, 7, 8),
        [("meeting", "occurred", D(2023, 7, 7), D(2023, 7, 7), {"Recep Tayyip Erdogan", "Volodymyr Zelensky"}, "Istanbul"),
         ("press_conference", "occurred", D(2023, 7, 7), D(2023, 7, 7), {"Recep Tayyip Erdogan"}, "Istanbul"),
         ("phone_call", "planned", D(2023, 7, 10), D(2023, 7, 16), {"Recep Tayyip Erdogan", "Vladimir Putin"}, None)],
    ),
    "meeting again is another meeting": (
        "Biden and Xi met in Bali last November.\n"
        "The two leaders met again in Woodside on Wednesday.\n",
        D(2023, 11, 17),
        [("meeting", "occurred", D(2022, 11, 1), D(2022, 11, 30), {"Biden", "Xi"}, "Bali"),
         ("meeting", "occurred", D(2023, 11, 15), D(2023, 11, 15), {"Biden", "Xi"}, "Woodside")],
    ),
    "a bare surname is the principal of that name, a hyphenated given name is whole": (
        "President Moon Jae-in will hold a summit with U.S. President Donald Trump in Washington on April 11.\n"
        "First lady Kim Jung-sook will separately meet with Melania Trump.\n"
        "Trump and North Korean leader Kim Jong-un held their second summit in Hanoi in February.\n",
        D(2019, 3, 30),
        [("summit", "planned", D(2019, 4, 11), D(2019, 4, 11), {"Moon Jae-in", "Donald Trump"}, "Washington"),
         ("meeting", "planned", D(2019, 4, 11), D(2019, 4, 11), {"Kim Jung-sook", "Melania Trump"}, "Washington"),
         ("summit", "occurred", D(2019, 2, 1), D(2019, 2, 28), {"Donald Trump", "Kim Jong-un"}, "Hanoi")],
    ),
    # the guidelines name a state only when no person of it is named: Li Qiang stands for China
    "two countries joined by a hyphen: their leaders take part": (
        "Chinese Premier Li Qiang held the seventh round of China-Germany consultations with Chancellor Olaf Scholz"
        " in Berlin on Tuesday.\n",
        D(2023, 6, 21),
        [("talks", "occurred", D(2023, 6, 20), D(2023, 6, 20), {"Li Qiang", "Olaf Scholz"}, "Berlin")],
    ),
    "here is the dateline's place, and only then": (
        "SEOUL, March 26 (Yonhap) -- Foreign Minister Yun Byung-se will prepare for a visit here by U.S."
        " Secretary of State John Kerry in April, officials said.\n",
        D(2013, 3, 26),
        [("visit", "planned", D(2013, 4, 1), D(2013, 4, 30), {"John Kerry"}, "Seoul")],
    ),
    "a count of meetings is not an event": (
        "Putin and Erdogan have met several times since 2020 and often talk by phone.\n",
        D(2023, 5, 2),
        [],
    ),
    "a habit is not an event": (
        "The foreign ministers of the two countries meet every year in Brussels.\n",
        D(2023, 5, 2),
        [],
    ),
    "a title's event stands when the body tells it otherwise": (
        "Putin to visit India next month\n"
        "The Kremlin gave no details of the programme, which officials in New Delhi are still preparing.\n",
        D(2021, 11, 10),
        [("visit", "planned", D(2021, 12, 1), D(2021, 12, 31), {"Putin", "India"}, "India")],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_case(nlp, name):
    text, published, expected = CASES[name]
    events = pipeline.extract(text, published, nlp=nlp)
    got = [(e.type, e.status, e.date.earliest, e.date.latest, {p.name for p in e.participants}, e.location)
           for e in events]
    assert len(got) == len(expected), got
    for (etype, status, lo, hi, people, place), g in zip(expected, got, strict=True):
        assert g[:4] == (etype, status, lo, hi), got
        assert people <= g[4], got
        assert g[5] == place, got


def test_a_past_tense_event_stays_occurred_whatever_the_date(nlp):
    text = "Netanyahu last visited Paris in July, when he attended a ceremony at the Elysee Palace.\n"
    events = pipeline.extract(text, D(2018, 6, 6), nlp=nlp)
    assert [e.type for e in events] == ["visit", "ceremony"]
    assert all(e.status == "occurred" for e in events)


def test_an_event_after_the_talks_keeps_its_after_marker(nlp):
    # the signing is dated by the talks it followed: their day, marked AFTER (the talks themselves are not)
    text, published, _ = CASES["a signing after the talks is on the day of the talks"]
    talks, signing = pipeline.extract(text, published, nlp=nlp)
    assert (talks.type, talks.date.mod) == ("talks", None)
    assert (signing.type, signing.date.mod) == ("signing", "AFTER")
    assert (signing.date.earliest, signing.date.latest) == (D(2022, 10, 31), D(2022, 10, 31))


def test_coordinated_days_make_one_span_with_their_words(nlp):
    text, published, _ = CASES["a meeting on Monday and Wednesday is one span"]
    (meeting,) = pipeline.extract(text, published, nlp=nlp)
    assert meeting.date.text == "Monday and Wednesday"
