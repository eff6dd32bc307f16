"""The anchoring sieves, one behaviour each, on sentences written for these tests.

Each case gives a text, its publication date, the event word (its first occurrence, or the n-th), and the
interval the engine must give it, with the sieve that decides."""
from datetime import date

import pytest

from events.extraction.anchoring import SIEVES, anchor_doc
from events.extraction.anchoring.story import dateline_day


def anchor(nlp, text, pub, word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    doc = nlp(text)
    (a,) = anchor_doc(doc, pub, [(start, start + len(word))])
    return a


THU = date(2019, 3, 14)  # a Thursday


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # own clause: a date on the event word
    ("The two foreign ministers met on Tuesday in Vienna.", "met", date(2019, 3, 12), date(2019, 3, 12), "own clause"),
    # own clause through a support verb: the noun takes the verb's date
    ("The delegations held talks on Monday in Geneva.", "talks", date(2019, 3, 11), date(2019, 3, 11), "own clause"),
    # a preposition of bound makes the date an end of the interval
    ("Police have solved none of the killings since 2015.", "killings", date(2015, 1, 1), THU, "own clause"),
    # ... but a present-perfect verb or state still holds: from then on, open
    ("The border crossing has been closed since 2015.", "closed", date(2015, 1, 1), None, "own clause"),
    ("The new ferry service will run from March 30.", "run", date(2019, 3, 30), None, "own clause"),
    ("The observers will stay in the city until Friday.", "stay", THU, date(2019, 3, 15), "own clause"),
    ("The reactor had been shut down before 2000.", "shut", None, date(2000, 1, 1), "own clause"),
    # governing clause: coordinated predicates share the date
    ("The envoy flew to Oslo on Sunday and signed the accord.", "signed", date(2019, 3, 10), date(2019, 3, 10),
     "governing clause"),
    # a purpose infinitive under a dated clause starts then and stays open
    ("On Monday the rebels promised to release the hostages.", "release", date(2019, 3, 11), None,
     "purpose after its clause"),
    # an aspectual verb's infinitive happens when it does
    ("On Monday the villagers began to return to their homes.", "return", date(2019, 3, 11), date(2019, 3, 11),
     "governing clause"),
    # a stretch of time that ends on the story's day
    ("Share prices have fallen sharply in the last 24 hours.", "fallen", date(2019, 3, 13), THU, "recent span"),
    # ... and one that starts on it bounds what lies ahead; a past act "within weeks" of another is not bounded
    ("Aid convoys will reach the villages within the next two weeks.", "reach", THU, date(2019, 3, 28), "recent span"),
    ("The panel will publish its findings within a year.", "publish", THU, date(2020, 3, 13), "recent span"),
    ("The hostage died within weeks of his capture.", "died", THU, THU, "tense"),
    # vague expressions stay open intervals
    ("The two governments will sign the treaty in the coming weeks.", "sign", THU, None, "vague"),
    ("The minister recently visited the refugee camps.", "visited", None, THU, "vague"),
    # a present adverbial clause refers ahead
    ("The talks will resume when the mediator returns to the capital.", "returns", THU, None, "clause ahead"),
    # an event noun with no date outside a past clause is under way
    ("The crisis threatens the whole region.", "crisis", THU, None, "noun under way"),
    # an event noun in a present-perfect clause lies before the story's day
    ("The blockade has been a disaster for the fishermen.", "disaster", None, THU, "noun in a perfect clause"),
    # a simple-present state (not a report or a view) holds around the story's day, unbounded
    ("The island owes its creditors billions of dollars.", "owes", None, None, "present state"),
    ("Rebel fighters are holding the airport.", "holding", None, None, "present state"),
    ("Officials say the ferry sank in the storm.", "say", THU, THU, "tense"),
    # the object of a verb that asks for, orders or proposes an event lies ahead of that verb's time
    ("On Monday the opposition called for an early election.", "election", date(2019, 3, 11), None,
     "directed ahead"),
    ("The regional bloc ordered a blockade of the northern ports.", "blockade", THU, None, "directed ahead"),
    # ... unless the event has a date of its own
    ("The mediators proposed a meeting in Geneva next Saturday.", "meeting", date(2019, 3, 16), date(2019, 3, 16),
     "own clause"),
    # a past relative clause or background clause with no date tells what came before the news
    ("Exiles who fled when the junta seized power returned to the capital.", "seized", None, THU,
     "background past"),
    ("Exiles who fled when the junta seized power returned to the capital.", "fled", None, THU, "background past"),
    ("The court freed two journalists arrested during the protests.", "arrested", None, THU, "background past"),
    ("The court freed two journalists arrested during the protests.", "freed", THU, THU, "tense"),
    # tense fallbacks
    ("The president resigned, his office said.", "resigned", THU, THU, "tense"),
    ("The committee will publish its findings.", "publish", THU, None, "tense"),
    ("Officials had warned of unrest.", "warned", None, THU, "tense"),
])
def test_each_sieve(nlp, text, word, earliest, latest, sieve):
    word, nth = word if isinstance(word, tuple) else (word, 0)
    a = anchor(nlp, text, THU, word, nth)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


def test_a_repeated_mention_takes_the_date_of_the_earlier_one(nlp):
    text = "The referendum will be held on May 5. Monarchists hope to win the referendum."
    first, second = text.index("referendum"), text.rindex("referendum")
    a, b = anchor_doc(nlp(text), THU, [(first, first + 10), (second, second + 10)])
    assert (a.sieve, a.earliest, a.latest) == ("own clause", date(2019, 5, 5), date(2019, 5, 5))
    assert (b.sieve, b.earliest, b.latest) == ("same event before", date(2019, 5, 5), date(2019, 5, 5))
    # asked alone, the second mention has no earlier event to repeat
    (c,) = anchor_doc(nlp(text), THU, [(second, second + 10)])
    assert c.sieve != "same event before"


@pytest.mark.parametrize("text,first,again,other", [
    # a verb of the same stem acting on the same named party
    ("The army's invasion of Moldavia on May 3 shocked the region. The junta said it invaded Moldavia over water.",
     "invasion", "invaded", ("invaded Moldavia", "invaded Wallachia")),
    # another word for the same event of the same named party
    ("Governor Bravo was assassinated in Tirana on May 3. His widow said Bravo's murder had shocked the country.",
     "assassinated", "murder", ("Bravo's murder", "Mayor Lenk's murder")),
])
def test_the_same_event_told_again_in_other_words_takes_its_date(nlp, text, first, again, other):
    spans = [(text.index(w), text.index(w) + len(w)) for w in (first, again)]
    _, b = anchor_doc(nlp(text), THU, spans)
    assert (b.sieve, b.earliest, b.latest) == ("same event before", date(2018, 5, 3), date(2018, 5, 3))
    # of another party, it is another event
    changed = text.replace(*other)
    spans = [(changed.index(w), changed.index(w) + len(w)) for w in (first, again)]
    _, c = anchor_doc(nlp(changed), THU, spans)
    assert c.sieve != "same event before"


def test_an_undated_report_by_the_source_of_a_dated_one_was_made_that_day(nlp):
    text = ("The ceasefire is holding, army spokesman Ivan Petrov said on Monday. "
            "Petrov said at a news conference that the convoys would move.")
    a = anchor(nlp, text, THU, "said", 1)
    assert (a.sieve, a.earliest, a.latest) == ("speaker's day", date(2019, 3, 11), date(2019, 3, 11))
    # another source's report is not dated by it
    other = text.replace("Petrov said at", "The mayor said at")
    b = anchor(nlp, other, THU, "said", 1)
    assert (b.sieve, b.earliest, b.latest) == ("tense", THU, THU)


def test_a_dated_dateline_sets_the_story_day(nlp):
    text = "HANOI, March 14 (Xinhua) -- The two foreign ministers met yesterday in Hanoi."
    a = anchor(nlp, text, date(2006, 3, 16), "met")
    assert (a.earliest, a.latest) == (date(2006, 3, 13), date(2006, 3, 13))
    # without the dateline, "yesterday" is the day before publication
    b = anchor(nlp, "The two foreign ministers met yesterday in Hanoi.", date(2006, 3, 16), "met")
    assert (b.earliest, b.latest) == (date(2006, 3, 15), date(2006, 3, 15))


def test_an_undated_event_of_a_dated_dateline_is_on_that_day(nlp):
    text = "JAKARTA, Jan. 9 (AP) -- The president inaugurated the new harbour."
    a = anchor(nlp, text, date(2005, 1, 11), "inaugurated")
    assert (a.sieve, a.earliest, a.latest) == ("tense", date(2005, 1, 9), date(2005, 1, 9))


@pytest.mark.parametrize("head,pub,day", [
    ("HANOI, March 14 (Xinhua) -- text", date(2006, 3, 16), date(2006, 3, 14)),
    ("WASHINGTON, Nov. 2, 1998 (AP) - text", date(1998, 11, 3), date(1998, 11, 2)),
    # a dateline late in December read in January is last year's
    ("BEIJING, Dec. 31 (Xinhua) -- text", date(2007, 1, 2), date(2006, 12, 31)),
    ("CAIRO – 28 October 2022: The minister met his counterpart.", date(2022, 10, 29), date(2022, 10, 28)),
    ("WASHINGTON (Reuters) - no date here", date(2006, 3, 16), None),
    ("March 14 was a quiet day in the capital.", date(2006, 3, 16), None),
])
def test_dateline_day(head, pub, day):
    assert dateline_day(head, pub) == day


def test_a_trip_covers_its_own_length_and_its_sub_events_lie_within_it(nlp):
    text = "The president began a three-day visit to Peru on Monday. He met the mayor of Lima and toured a museum."
    for word in ("visit", "met", "toured"):
        a = anchor(nlp, text, THU, word)
        assert (a.earliest, a.latest) == (date(2019, 3, 11), date(2019, 3, 13)), word
    assert anchor(nlp, text, THU, "met").sieve == "within a trip"


def test_a_trip_ended_on_a_day_ends_there(nlp):
    # a participle that frames a statement happens with it: the statement's day dates the visit's end
    text = "Ending a two-day visit to Mozambique, the minister told reporters on Saturday that ties were strong."
    a = anchor(nlp, text, date(2018, 9, 29), "visit")
    assert (a.earliest, a.latest) == (date(2018, 9, 28), date(2018, 9, 29))
    # what is told is still not dated by the telling
    b = anchor(nlp, text, date(2018, 9, 29), "were")
    # (it is dated by its own tense, as of publication, not by the governing clause of the telling)
    assert (b.sieve, b.earliest, b.latest) == ("tense", date(2018, 9, 29), date(2018, 9, 29))
    # a noun that names the end does the same
    text = "The premier flew home on Saturday afternoon at the end of his two-day official visit to Kenya."
    c = anchor(nlp, text, date(2018, 9, 29), "visit")
    assert (c.earliest, c.latest) == (date(2018, 9, 28), date(2018, 9, 29))


@pytest.mark.parametrize("text,word,day", [
    ("During his visit to Peru on Monday, the president met the mayor of Lima.", "met", date(2019, 3, 11)),
    ("A day after the talks on Monday, the two ministers signed a trade accord.", "signed", date(2019, 3, 12)),
    # an event told as the setting of another ("at the talks", "in his visit") frames it
    ("At the talks on Monday in Vienna, the two ministers signed a trade accord.", "signed", date(2019, 3, 11)),
])
def test_an_event_anchored_on_another_takes_its_date(nlp, text, word, day):
    doc = nlp(text)
    other = "visit" if "visit" in text else "talks"
    spans = [(text.index(w), text.index(w) + len(w)) for w in (word, other)]
    a, _ = anchor_doc(doc, THU, spans)
    assert (a.sieve, a.earliest, a.latest) == ("on another event", day, day)


def test_reported_speech_is_not_dated_by_the_statement(nlp):
    text = "The spokesman said on Monday that the ministers had met in secret and will meet again in Oslo."
    said, met, meet = (anchor(nlp, text, THU, w) for w in ("said", "met", "meet"))
    assert (said.earliest, said.latest) == (date(2019, 3, 11), date(2019, 3, 11))
    assert (met.earliest, met.latest) == (None, THU)  # before the story's day, not on Monday
    assert (meet.earliest, meet.latest) == (THU, None)


def test_trip_sub_events_take_the_trips_date(nlp):
    text = ("The prime minister arrived in Lima on Wednesday for a two-day visit and laid a wreath at the "
            "monument.")
    a = anchor(nlp, text, THU, "laid")
    assert (a.earliest, a.latest) == (date(2019, 3, 13), date(2019, 3, 13))


def test_the_sieves_are_named_and_stated_and_the_last_always_decides(nlp):
    names = [n for n, _, _ in SIEVES]
    assert len(names) == len(set(names)) and all(rule for _, rule, _ in SIEVES)
    assert names[-1] == "tense"
    # an isolated word with no verb at all still gets an interval
    a = anchor(nlp, "Talks.", THU, "Talks")
    assert a is not None and a.sieve in names


def test_a_span_with_no_token_gives_none(nlp):
    doc = nlp("They met.")
    assert anchor_doc(doc, THU, [(4, 4), (5, 8)])[0] is None
    assert anchor_doc(doc, THU, [(5, 8)])[0].sieve == "tense"


def test_extract_reads_weekdays_and_yesterday_against_the_datelines_day(nlp):
    from events.extraction import pipeline

    text = ("Ministers meet in Hanoi\n"
            "HANOI, March 14 (Xinhua) -- Vietnam's foreign minister met his Lao counterpart in Hanoi yesterday "
            "for talks on border cooperation.")
    [ev] = [e.to_json() for e in pipeline.extract(text, date(2006, 3, 16), nlp=nlp)]
    assert (ev["type"], ev["date"]["earliest"], ev["date"]["latest"]) == ("meeting", "2006-03-13", "2006-03-13")
    # the dateline is where and when the story was filed, not an event's place
    assert ev["location"] == "Hanoi"


def test_a_past_narrative_goes_on_in_its_own_time(nlp):
    story = ("In June 2017 the army seized the airport. The rebels fled to the hills. "
             "The mediator said the talks would resume.")
    fled = anchor(nlp, story, THU, "fled")
    assert (fled.sieve, fled.earliest, fled.latest) == ("narrative past", date(2017, 6, 1), date(2017, 6, 30))
    # a report in the next sentence is the source's telling, on the story's day, not part of the flashback
    told = story.replace("The rebels fled to the hills.", "The rebels said they fled to the hills.")
    said = anchor(nlp, told, THU, "said")
    assert (said.sieve, said.earliest, said.latest) == ("tense", THU, THU)
    # it reaches the next sentence only, and a sentence with a date of its own keeps it
    later = anchor(nlp, story.replace("The mediator said", "The mediator left. Officials said"), THU, "left")
    assert (later.sieve, later.earliest) == ("tense", THU)
    far = story.replace("The rebels fled", "The mayor stayed. The rebels fled")
    assert anchor(nlp, far, THU, "fled").sieve == "tense"
    dated = anchor(nlp, story.replace("fled to the hills", "fled to the hills on Monday"), THU, "fled")
    assert (dated.sieve, dated.earliest) == ("own clause", date(2019, 3, 11))
    # a sentence dated on the story's day starts no flashback
    today = anchor(nlp, story.replace("In June 2017", "On Thursday"), THU, "fled")
    assert (today.sieve, today.earliest, today.latest) == ("tense", THU, THU)


@pytest.mark.parametrize("text,word", [
    ("The minister can sign the accord without seeking the approval of parliament.", "seeking"),
    ("The envoy's visit was aimed at heading off a new border dispute.", "heading"),
    ("The opposition insisted on holding a referendum before signing the treaty.", "signing"),
])
def test_a_gerund_of_aim_or_sequel_lies_ahead(nlp, text, word):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == ("gerund ahead", THU, None)


def test_a_gerund_of_means_or_cause_is_not_ahead(nlp):
    a = anchor(nlp, "The rebels took the town by cutting its water supply.", THU, "cutting")
    assert a.sieve != "gerund ahead"


PRESENT_STORY = ("Rebels are closing in on the capital. Residents are fleeing the city. The army says it holds "
                 "the airport. Prices are rising in the markets. The roads are full of cars. Aid agencies warn "
                 "of hunger. The rebels seized the northern province. The government is asking for help.")


def test_in_a_story_told_in_the_present_an_undated_past_is_background(nlp):
    a = anchor(nlp, PRESENT_STORY, THU, "seized")
    assert (a.sieve, a.earliest, a.latest) == ("present-told past", None, THU)
    # the present perfect steps back in the same way
    b = anchor(nlp, PRESENT_STORY.replace("The rebels seized", "The rebels have seized"), THU, "seized")
    assert (b.sieve, b.earliest, b.latest) == ("present-told past", None, THU)


def test_in_a_story_told_in_the_past_the_undated_past_is_the_news(nlp):
    past = ("Rebels closed in on the capital. Residents fled the city. The army said it held the airport. "
            "The rebels seized the northern province.")
    a = anchor(nlp, past, THU, "seized")
    assert (a.sieve, a.earliest, a.latest) == ("tense", THU, THU)


def test_a_date_at_hand_sets_the_time_of_a_past_told_in_the_present(nlp):
    dated = PRESENT_STORY.replace("Aid agencies warn of hunger.", "Aid agencies warn of hunger today.")
    a = anchor(nlp, dated, THU, "seized")
    assert (a.sieve, a.earliest, a.latest) == ("tense", THU, THU)


def test_the_lead_of_a_story_told_in_the_present_tells_the_news_of_the_day(nlp):
    lead = "Rebels are closing in on the capital. The rebels seized the northern province. " + PRESENT_STORY
    a = anchor(nlp, lead, THU, "seized")
    assert (a.sieve, a.earliest, a.latest) == ("tense", THU, THU)


def test_a_date_inside_a_participle_on_a_noun_below_the_event_is_not_the_events(nlp):
    # "set on Aug. 6" dates the record, not the leaving; the leaving is of the story's day
    text = "Stocks rose on Thursday, leaving the index within 70 points of its record high set on Aug. 6."
    a = anchor(nlp, text, THU, "leaving")
    assert (a.earliest, a.latest) == (THU, THU) and a.sieve != "own clause"
    # a participle on the event noun itself still dates it
    b = anchor(nlp, "The talks held in Geneva on Monday ended without a deal.", THU, "talks")
    assert b.earliest == b.latest == date(2019, 3, 11)


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # a gerund under a preposition of aim below a dated clause is a purpose: from that day on, open
    ("On Monday the two envoys conferred on setting up a joint border patrol.", "setting", date(2019, 3, 11), None,
     "purpose after its clause"),
    # ... but the deed a judging word is about ("criticized them for hiding") shares the judgement's date
    ("Last year the ministers criticized the agency for hiding the figures.", "hiding", date(2018, 1, 1),
     date(2018, 12, 31), "governing clause"),
    # an undated deed that a word of judging or charging is about was done before it
    ("Prosecutors accused the mayor of taking bribes.", "taking", None, THU, "deed judged before"),
    ("The police arrested two men suspected of smuggling weapons.", "smuggling", None, THU, "deed judged before"),
    # ... while an untensed gerund of aim with no date still lies ahead
    ("The opposition is working toward building a coalition.", "building", THU, None, "gerund ahead"),
])
def test_aims_and_judged_deeds(nlp, text, word, earliest, latest, sieve):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


def test_a_judged_deed_lies_before_the_judgement_date(nlp):
    text = "In nineteen ninety-one a state court convicted the banker of helping to defraud investors."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("convicted", "helping")]
    judged, deed = anchor_doc(nlp(text), THU, spans)
    assert (judged.earliest, judged.latest) == (date(1991, 1, 1), date(1991, 12, 31))
    assert (deed.sieve, deed.earliest, deed.latest) == ("deed judged before", None, date(1991, 12, 31))


def test_a_perfect_since_a_dated_event_holds_from_it_on(nlp):
    text = "Some 40,000 cars have been built since the plant opened in May 2017."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("built", "opened")]
    built, opened = anchor_doc(nlp(text), THU, spans)
    assert (opened.earliest, opened.latest) == (date(2017, 5, 1), date(2017, 5, 31))
    assert (built.sieve, built.earliest, built.latest) == ("on another event", date(2017, 5, 1), None)
    # a simple past "after" the event is not bounded by it
    text = text.replace("have been built since", "were built after")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("built", "opened")]
    built, _ = anchor_doc(nlp(text), THU, spans)
    assert built.sieve != "on another event"


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # an undated noun naming a thing said has been said when it is talked of
    ("The minister was dismayed by the leaks about the budget.", "leaks", None, THU, "said before"),
    ("The reform was adopted over fierce objections from the farmers.", "objections", None, THU, "said before"),
    ("The mayor denied the accusations made by his rival.", "accusations", None, THU, "said before"),
    # ... and so was what a source is quoted as saying
    ("The agency quoted witnesses as saying that tanks patrol the streets.", "saying", None, THU, "said before"),
    # ... while another event noun is still under way
    ("The crisis threatens the whole region.", "crisis", THU, None, "noun under way"),
])
def test_a_thing_said_was_said_before(nlp, text, word, earliest, latest, sieve):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # a going or coming in the progressive is a move under way or at hand: the story's day, not a state
    ("Thousands of exiles are returning to the capital.", "returning", THU, THU, "tense"),
    # ... while another progressive is a process under way, and a simple-present move a habit or a state
    ("Rebel fighters are holding the airport.", "holding", None, None, "present state"),
    ("Exports go to the port by rail.", "go", None, None, "present state"),
])
def test_a_move_in_the_progressive_is_of_the_story_day(nlp, text, word, earliest, latest, sieve):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


def test_a_standing_condition_outlasts_the_past_clause_that_names_it(nlp):
    text = "The airline cut its flights to the island in the wake of the crisis."
    a = anchor(nlp, text, THU, "crisis")
    assert (a.sieve, a.earliest, a.latest) == ("noun under way", THU, None)
    # another event noun of a past clause is not under way
    b = anchor(nlp, text.replace("crisis", "storm"), THU, "storm")
    assert (b.sieve, b.earliest, b.latest) == ("tense", THU, THU)


def test_a_stretch_up_to_the_story_day_is_a_past_time_for_the_narrative(nlp):
    text = "Police have recorded 14 killings in the city since 2015. Three of the victims were stabbed."
    a = anchor(nlp, text, THU, "stabbed")
    assert (a.sieve, a.earliest, a.latest) == ("narrative past", date(2015, 1, 1), THU)
    # the story's own day is no earlier time
    b = anchor(nlp, text.replace("since 2015", "today"), THU, "stabbed")
    assert (b.sieve, b.earliest, b.latest) == ("tense", THU, THU)


def test_the_background_of_a_dated_past_clause_lies_before_its_date(nlp):
    text = "In 2016 the banker was convicted of defrauding investors who bought worthless bonds."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("convicted", "bought")]
    _, bought = anchor_doc(nlp(text), THU, spans)
    assert (bought.sieve, bought.earliest, bought.latest) == ("background past", None, date(2016, 12, 31))
    # under an undated clause, before the story's day
    text = text.replace("In 2016 the", "The")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("convicted", "bought")]
    _, bought = anchor_doc(nlp(text), THU, spans)
    assert (bought.sieve, bought.earliest, bought.latest) == ("background past", None, THU)


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # the to-infinitive of a refusal or a raising verb is told at that verb's time, not ahead of it
    ("The minister declined to discuss the talks.", "discuss", THU, THU, "with its verb"),
    ("The two sides appear to agree on the border.", "agree", THU, THU, "with its verb"),
    ("On Monday the minister declined to discuss the talks.", "discuss", date(2019, 3, 11), date(2019, 3, 11),
     "governing clause"),
    # ... while a promise's infinitive lies ahead
    ("The minister promised to discuss the talks.", "discuss", THU, None, "tense"),
])
def test_an_infinitive_told_at_its_verbs_time(nlp, text, word, earliest, latest, sieve):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # a process that runs on (an investigation, a search) is under way in a past or perfect clause too
    ("Agents joined the search for the missing hikers.", "search", THU, None, "noun under way"),
    ("Officials have widened the investigation into the fire.", "investigation", THU, None, "noun under way"),
    # ... unless the clause ends it; another noun of a perfect clause lies before the story's day
    ("The long standoff has finished.", "standoff", None, THU, "noun in a perfect clause"),
    ("Officials have published the report on the fire.", "report", None, THU, "noun in a perfect clause"),
])
def test_a_process_that_runs_on_is_under_way(nlp, text, word, earliest, latest, sieve):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


@pytest.mark.parametrize("text,word,earliest,latest", [
    # an event told as beginning on a date runs from it, with no end told
    ("The strike began on Monday.", "strike", date(2019, 3, 11), None),
    ("The dockers began picketing the port on Monday.", "picketing", date(2019, 3, 11), None),
    ("A wave of protests that began last week has spread to the south.", "protests", date(2019, 3, 4), None),
    # ... while one told as ending on it is that day's
    ("The strike ended on Monday.", "strike", date(2019, 3, 11), date(2019, 3, 11)),
])
def test_an_event_that_began_on_a_date_runs_from_it(nlp, text, word, earliest, latest):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == ("own clause", earliest, latest)


@pytest.mark.parametrize("text,word,earliest,latest,sieve", [
    # a judgement or reading the source gives is of the story's day, not a state of the world
    ("The broker estimates the flats are worth half their price.", "estimates", THU, THU, "tense"),
    ("The new accord calls for closer ties between the ports.", "calls", THU, THU, "tense"),
    ("The island owes its creditors billions of dollars.", "owes", None, None, "present state"),
])
def test_a_view_in_the_present_is_of_the_story_day(nlp, text, word, earliest, latest, sieve):
    a = anchor(nlp, text, THU, word)
    assert (a.sieve, a.earliest, a.latest) == (sieve, earliest, latest)


def test_a_means_happens_with_its_act(nlp):
    text = "The rebels will weaken the town by cutting its water supply."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("weaken", "cutting")]
    weaken, cutting = anchor_doc(nlp(text), THU, spans)
    assert (weaken.earliest, weaken.latest) == (THU, None)
    assert (cutting.sieve, cutting.earliest, cutting.latest) == ("by its means", THU, None)
    # with no event asked about above it, the gerund falls to its own (lack of) tense
    (alone,) = anchor_doc(nlp(text), THU, [spans[1]])
    assert alone.sieve == "tense"
