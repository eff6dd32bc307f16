"""General behaviours of the extractor, each shown on a small article written for the test.

The articles retell real diplomatic events in our own words; each test states one behaviour:
nominal events presented in a phrase, the narrative day, negation/conditions/called-off plans,
attachment of dates to their own clause, type choice, splitting and merging."""
from datetime import date

import pytest

from tests.extracting import extract, names, of_type

# ---------------------------------------------------------------------------------------------- nominal events in a phrase

def test_a_call_told_with_its_parties_after_a_preposition_is_an_event(nlp):
    text = ("ANKARA (Reuters) - Turkey announced the grain corridor on July 22 after a phone call between "
            "Tayyip Erdogan and Volodymyr Zelenskiy.\n")
    calls = of_type(extract(nlp, text, date(2022, 7, 23)), "phone_call")
    assert len(calls) == 1
    assert calls[0].date.earliest == calls[0].date.latest == date(2022, 7, 22)


def test_a_call_that_settles_something_in_a_telephone_call_on_a_date(nlp):
    text = "The two foreign ministers settled the wording in a telephone call on March 3.\n"
    calls = of_type(extract(nlp, text, date(2021, 3, 10)), "phone_call")
    assert len(calls) == 1 and calls[0].date.earliest == date(2021, 3, 3)


def test_talks_at_a_place_after_a_preposition_are_talks_of_the_narrative_day(nlp):
    text = ("PARIS (Reuters) - French President Emmanuel Macron and German Chancellor Angela Merkel agreed on "
            "Thursday to develop a joint fighter jet.\n"
            "After three hours of talks at the Elysee Palace, the two leaders told a joint news conference that "
            "work would start next year.\n")
    events = extract(nlp, text, date(2017, 7, 13))
    talks = of_type(events, "talks", "meeting")
    press = of_type(events, "press_conference")
    assert len(talks) == 1 and len(press) == 1
    for ev in talks + press:
        assert ev.date.earliest == ev.date.latest == date(2017, 7, 13)


def test_talks_that_ran_for_hours_are_an_event(nlp):
    text = ("Chinese President Xi Jinping and Russian President Vladimir Putin signed a joint statement on "
            "Tuesday in Moscow.\n"
            "After talks that lasted several hours, Xi called the relationship special.\n")
    talks = of_type(extract(nlp, text, date(2023, 3, 21)), "talks", "meeting")
    assert len(talks) == 1 and talks[0].date.earliest == date(2023, 3, 21)


def test_the_first_summit_in_a_phrase_is_presented(nlp):
    text = ("SEOUL (Yonhap) -- The leaders of South Korea and Japan agreed Sunday to restore visits, at the "
            "first bilateral summit in twelve years.\n")
    summits = of_type(extract(nlp, text, date(2023, 5, 7)), "summit", "conference")
    assert len(summits) == 1 and summits[0].date.earliest == date(2023, 5, 7)


def test_a_possessed_visit_with_its_destination_is_a_visit(nlp):
    text = "Modi recalled his visit to Washington in June 2023 and thanked his hosts.\n"
    visits = of_type(extract(nlp, text, date(2024, 2, 1)), "visit")
    assert len(visits) == 1
    assert (visits[0].date.earliest, visits[0].date.latest) == (date(2023, 6, 1), date(2023, 6, 30))


def test_a_summit_dated_by_its_relative_clause(nlp):
    text = "Biden spoke to reporters at the close of the two-day summit, which opened on Saturday in Rome.\n"
    summits = of_type(extract(nlp, text, date(2021, 10, 31)), "summit", "conference")
    assert len(summits) == 1 and summits[0].date.earliest == date(2021, 10, 30)


def test_expected_somewhere_for_ceremonies_is_a_planned_ceremony(nlp):
    text = "Macron is expected in Warsaw on May 3 for ceremonies marking the constitution's anniversary.\n"
    cer = of_type(extract(nlp, text, date(2025, 4, 20)), "ceremony")
    assert len(cer) == 1 and cer[0].status == "planned" and cer[0].date.earliest == date(2025, 5, 3)


# ---------------------------------------------------------------------------------------------- the narrative day

def test_follow_up_events_take_the_day_the_lead_sentence_sets(nlp):
    text = ("GENEVA (Reuters) - The United States and Russia agreed on Saturday on a plan to remove chemical "
            "weapons from Syria.\n"
            "John Kerry and Sergei Lavrov presented the plan at a joint news conference in Geneva.\n"
            "Obama later spoke by phone with French President Francois Hollande.\n")
    events = extract(nlp, text, date(2013, 9, 14))
    for ev in of_type(events, "press_conference", "phone_call"):
        assert ev.date.earliest == ev.date.latest == date(2013, 9, 14)
    assert len(of_type(events, "press_conference", "phone_call")) == 2


def test_later_does_not_follow_a_flashback_in_the_paragraph_before(nlp):
    text = ("VIENNA (Reuters) - Iran and six powers reached an agreement on Tuesday after weeks of talks.\n"
            "The deal builds on an interim accord struck in Geneva in November 2013.\n"
            "In Washington, Obama defended the deal. He later spoke by phone with Benjamin Netanyahu.\n")
    call = of_type(extract(nlp, text, date(2015, 7, 14)), "phone_call")[0]
    assert call.date.earliest == call.date.latest == date(2015, 7, 14)


def test_a_past_perfect_event_does_not_take_the_narrative_day(nlp):
    text = ("MOSCOW (Reuters) - Putin and Erdogan agreed on Monday to set up a buffer zone.\n"
            "The two leaders had previously met Rouhani at a summit.\n")
    events = extract(nlp, text, date(2018, 9, 17))
    for ev in of_type(events, "summit", "meeting"):
        assert ev.date.earliest != date(2018, 9, 17)


# ---------------------------------------------------------------------------------------------- not events

def test_a_verb_whose_subject_is_negated_by_no_is_no_event(nlp):
    text = "No agreement was signed in Geneva on Friday, officials said.\n"
    assert of_type(extract(nlp, text, date(2020, 1, 12)), "signing", "ceremony") == []


def test_a_meeting_under_an_if_condition_is_no_event(nlp):
    text = "Trump wrote on Saturday that if Kim accepted, he would meet him at the border.\n"
    assert of_type(extract(nlp, text, date(2019, 6, 29)), "meeting", "talks") == []


def test_a_plan_the_clause_calls_off_is_no_event(nlp):
    text = "The visit had first been planned for early May but was postponed after the minister fell ill.\n"
    assert of_type(extract(nlp, text, date(2023, 6, 1)), "visit") == []


def test_a_conjoined_verb_with_its_own_object_does_not_call_off_the_event(nlp):
    text = "Scholz met Macron in Paris on Monday and postponed the vote on the budget.\n"
    assert len(of_type(extract(nlp, text, date(2023, 6, 7)), "meeting", "talks")) == 1


# ---------------------------------------------------------------------------------------------- dates and attachment

def test_a_date_in_a_subordinate_clause_with_its_own_subject_is_not_the_events(nlp):
    text = ("Israel and Morocco signed the declaration at a ceremony in Rabat on Tuesday, the first such accord "
            "since Jordan made peace with Israel in 1994.\n")
    signings = of_type(extract(nlp, text, date(2020, 12, 23)), "signing", "ceremony")
    assert len(signings) == 1
    assert signings[0].date.earliest == signings[0].date.latest == date(2020, 12, 22)


def test_before_the_ceremony_finds_the_ceremony_told_before(nlp):
    text = ("Israel signed the accords at a White House ceremony on Tuesday.\n"
            "Before the ceremony, Trump met Netanyahu in the Oval Office.\n")
    meeting = of_type(extract(nlp, text, date(2020, 9, 16)), "meeting")[0]
    assert meeting.date.earliest == date(2020, 9, 15)


def test_coordinated_days_of_next_week_make_one_span(nlp):
    text = "Next week Biden hosts dozens of leaders in Washington for a Summit for Democracy on Thursday and Friday.\n"
    summits = of_type(extract(nlp, text, date(2021, 12, 1)), "summit", "conference", "meeting")
    assert len(summits) == 1 and summits[0].type == "summit"
    assert (summits[0].date.earliest, summits[0].date.latest) == (date(2021, 12, 9), date(2021, 12, 10))


# ---------------------------------------------------------------------------------------------- type, splitting, merging

def test_meet_separately_with_two_partners_is_two_meetings(nlp):
    text = ("Blinken will meet separately with Indian Foreign Minister Subrahmanyam Jaishankar and Japanese "
            "Foreign Minister Yoshimasa Hayashi in New Delhi on Thursday.\n")
    meetings = of_type(extract(nlp, text, date(2023, 2, 28)), "meeting", "talks")
    assert len(meetings) == 2
    assert {frozenset(names(m)) for m in meetings} == {
        frozenset({"Blinken", "Subrahmanyam Jaishankar"}), frozenset({"Blinken", "Yoshimasa Hayashi"})}


def test_meetings_told_after_a_colon_are_instances_of_the_summits_named_before(nlp):
    text = ("The earlier US-North Korea summits were held in Asia: Trump met Kim Jong Un in Singapore in June "
            "2018, and Trump did so in Hanoi in February 2019.\n")
    summits = of_type(extract(nlp, text, date(2019, 7, 1)), "summit")
    assert sorted(s.date.value for s in summits) == ["2018-06", "2019-02"]


def test_reaching_an_agreement_is_the_talks_concluding(nlp):
    text = "Negotiators for Armenia and Azerbaijan reached an agreement in Washington on Friday.\n"
    talks = of_type(extract(nlp, text, date(2025, 8, 9)), "talks")
    assert len(talks) == 1 and talks[0].date.earliest == date(2025, 8, 8)


def test_leading_a_delegation_to_a_city_is_a_visit(nlp):
    text = "Jared Kushner led a delegation to Rabat on Dec. 22 aboard the first direct flight.\n"
    visits = of_type(extract(nlp, text, date(2020, 12, 24)), "visit")
    assert len(visits) == 1 and visits[0].date.earliest == date(2020, 12, 22)


def test_a_headline_at_the_city_joins_the_event_at_a_venue_of_that_city(nlp):
    title = "Bush and Putin meet in Bratislava"
    text = ("BRATISLAVA, Slovakia (Reuters) - U.S. President George W. Bush and Russian President Vladimir Putin "
            "held talks at Bratislava Castle on Thursday.\n")
    events = extract(nlp, text, date(2005, 2, 24), title=title)
    assert len(of_type(events, "meeting", "talks")) == 1


def test_planting_a_tree_is_a_ceremony_apart_from_the_welcome(nlp):
    text = ("Indian Prime Minister Narendra Modi and Chinese President Xi Jinping met in Wuhan on Friday.\n"
            "A military band played at a welcoming ceremony for Modi.\n"
            "In the evening the two leaders planted a tree beside the East Lake.\n")
    cer = of_type(extract(nlp, text, date(2018, 4, 27)), "ceremony")
    assert len(cer) == 2


def test_the_summit_of_a_mountain_is_no_summit(nlp):
    text = "Moon has often said he hopes to reach the summit of Mount Paektu one day.\n"
    assert of_type(extract(nlp, text, date(2018, 4, 27)), "summit", "conference") == []


def test_talks_of_the_summit_leaders_on_its_day_are_the_summit(nlp):
    text = ("SINGAPORE (Reuters) - U.S. President Donald Trump and North Korean leader Kim Jong Un signed a "
            "statement on Tuesday at their first summit.\n"
            "The two leaders shook hands before they sat down for talks at the Capella hotel.\n")
    events = extract(nlp, text, date(2018, 6, 12))
    assert len(of_type(events, "summit", "talks", "meeting")) == 1


def test_a_follow_up_event_on_the_same_day_happens_where_the_event_before_did(nlp):
    text = ("MOSCOW (Reuters) - Vladimir Putin and Tayyip Erdogan held talks in Sochi on Monday.\n"
            "Defence ministers Sergei Shoigu and Hulusi Akar then signed a memorandum.\n")
    sig = of_type(extract(nlp, text, date(2018, 9, 17)), "signing")[0]
    assert sig.date.earliest == date(2018, 9, 17)
    assert sig.location and "Sochi" in sig.location


def test_being_in_talks_is_no_event_of_its_own(nlp):
    text = "Iran is in talks with the European Union over its nuclear programme, diplomats said.\n"
    assert of_type(extract(nlp, text, date(2021, 5, 1)), "talks", "meeting") == []


def test_even_if_is_a_concession_not_a_condition(nlp):
    text = "Erdogan met Putin in Sochi on Friday, even if no deal on grain was reached.\n"
    assert len(of_type(extract(nlp, text, date(2023, 9, 4)), "meeting", "talks")) == 1


def test_a_visit_that_was_delayed_on_its_way_still_happened(nlp):
    text = "Macron visited Beijing on Wednesday and was delayed by a sandstorm.\n"
    assert len(of_type(extract(nlp, text, date(2023, 4, 6)), "visit")) == 1


def test_the_day_of_a_statement_is_not_the_day_of_the_story(nlp):
    text = ("WASHINGTON (Reuters) - The State Department said on Monday that Blinken would travel to Beijing.\n"
            "Blinken met Wang Yi in Jakarta, officials added.\n")
    meeting = of_type(extract(nlp, text, date(2023, 7, 17)), "meeting")[0]
    assert meeting.date.earliest is None or meeting.date.earliest != date(2023, 7, 17)


def test_a_phone_call_does_not_take_the_place_of_the_event_before(nlp):
    text = ("Biden met Xi in Bali on Monday.\n"
            "On Monday Biden also spoke by phone with Ukrainian President Volodymyr Zelenskiy.\n")
    call = of_type(extract(nlp, text, date(2022, 11, 14)), "phone_call")[0]
    assert call.location is None


def test_a_visit_framing_a_later_day_is_the_visit_that_began_on_arrival(nlp):
    text = ("MOSCOW (Reuters) - Xi Jinping and Vladimir Putin signed a statement on Tuesday, on the second day of "
            "Xi's state visit to Russia.\n"
            "Xi arrived in Moscow on Monday and held informal talks with Putin.\n")
    visits = of_type(extract(nlp, text, date(2023, 3, 22)), "visit")
    assert len(visits) == 1 and visits[0].date.earliest == date(2023, 3, 20)


def test_a_visit_told_only_as_the_frame_of_a_signing_takes_its_day(nlp):
    text = ("Vladimir Putin and Kim Jong Un signed a treaty on Wednesday during Putin's first visit to Pyongyang "
            "in 24 years.\n")
    visits = of_type(extract(nlp, text, date(2024, 6, 19)), "visit")
    assert len(visits) == 1 and visits[0].date.earliest == date(2024, 6, 19)


def test_the_guest_a_host_welcomes_for_a_summit_takes_part(nlp):
    text = ("PALM BEACH, Florida (Reuters) - U.S. President Donald Trump welcomed Chinese President Xi Jinping to "
            "his Mar-a-Lago resort on Thursday for a two-day summit.\n")
    summit = of_type(extract(nlp, text, date(2017, 4, 7)), "summit")[0]
    assert {"Donald Trump", "Xi Jinping"} <= names(summit)


def test_first_as_a_sequence_adverb_keeps_the_narrative_day(nlp):
    text = ("GENEVA (AP) - Joe Biden and Vladimir Putin met for nearly four hours on Wednesday at a lakeside villa.\n"
            "Putin held a news conference first; Biden spoke to reporters later at a separate news conference.\n")
    press = of_type(extract(nlp, text, date(2021, 6, 17)), "press_conference")
    assert len(press) == 2 and all(p.date.earliest == date(2021, 6, 16) for p in press)


def test_an_agreement_hoped_for_is_no_event(nlp):
    text = "Negotiators hope to reach a broader agreement on prisoner exchanges by the end of the year.\n"
    assert of_type(extract(nlp, text, date(2022, 7, 23)), "talks") == []


def test_a_dateline_with_region_and_date_is_no_participant(nlp):
    text = ("BRATISLAVA, Slovakia, Feb 24 (Reuters) - U.S. President George W. Bush and Russian President "
            "Vladimir Putin held talks at Bratislava Castle on Thursday.\n")
    talks = of_type(extract(nlp, text, date(2005, 2, 24)), "talks")[0]
    assert names(talks) == {"George W. Bush", "Vladimir Putin"}


def test_the_two_presidents_are_the_last_pair_of_presidents(nlp):
    text = ("U.S. President George W. Bush and Russian President Vladimir Putin held talks in Bratislava on "
            "Thursday.\n"
            "On Wednesday Bush held talks with German Chancellor Gerhard Schroeder in Mainz.\n"
            "The two presidents last met in November in Santiago.\n")
    last = [e for e in of_type(extract(nlp, text, date(2005, 2, 24)), "meeting", "talks")
            if e.date.value == "2004-11"][0]
    assert names(last) == {"George W. Bush", "Vladimir Putin"}


def test_the_two_as_a_subject_is_the_pair_told_before(nlp):
    text = ("Kim Jong Un travelled to Russia last September and met Vladimir Putin at the Vostochny Cosmodrome.\n"
            "The two first met in Vladivostok in April 2019.\n")
    first = [e for e in of_type(extract(nlp, text, date(2024, 6, 19)), "meeting") if e.date.value == "2019-04"][0]
    assert names(first) == {"Kim Jong Un", "Vladimir Putin"}


def test_hours_of_talks_are_a_length_not_a_date(nlp):
    text = ("SOCHI, Russia, Oct. 22 (Xinhua) -- Russian President Vladimir Putin and his Turkish counterpart "
            "Recep Tayyip Erdogan reached an agreement on Tuesday after more than six hours of talks in Sochi.\n")
    talks = of_type(extract(nlp, text, date(2019, 10, 23)), "talks")
    assert len(talks) == 1 and talks[0].date.earliest == date(2019, 10, 22)
    assert {"Vladimir Putin", "Recep Tayyip Erdogan"} <= names(talks[0])


def test_verbs_joined_to_a_past_perfect_look_back_too(nlp):
    text = ("HELSINKI (Reuters) - Donald Trump met Vladimir Putin in Helsinki on Monday.\n"
            "Trump had attended a NATO summit in Brussels and visited Britain before flying to Finland.\n")
    events = extract(nlp, text, date(2018, 7, 17))
    for ev in of_type(events, "visit"):
        assert ev.date.earliest != date(2018, 7, 16)


def test_a_past_meeting_inside_a_plan_occurred(nlp):
    text = ("Joe Biden will meet Xi Jinping on Wednesday in San Francisco.\n"
            "The meeting will be their first encounter since they met in Bali last November.\n")
    bali = [e for e in of_type(extract(nlp, text, date(2023, 11, 14)), "meeting") if e.date.value == "2022-11"][0]
    assert bali.status == "occurred"


def test_a_finite_past_tense_under_a_plan_occurred(nlp):
    text = ("Donald Trump and Xi Jinping agreed on Saturday to resume trade negotiations after the two leaders met "
            "in Osaka.\n")
    met = [e for e in of_type(extract(nlp, text, date(2019, 6, 29)), "meeting", "talks") if e.status == "occurred"]
    assert met


def test_the_day_of_a_decision_is_not_the_day_of_what_was_decided(nlp):
    text = ("OSAKA, Japan (Reuters) - Donald Trump and Xi Jinping agreed on Saturday to resume trade negotiations "
            "after the two leaders met in Osaka.\n")
    events = extract(nlp, text, date(2019, 6, 29))
    assert [e for e in events if e.status == "planned" and e.date.earliest == date(2019, 6, 29)] == []
    assert [e for e in of_type(events, "meeting") if e.status == "occurred" and e.date.earliest == date(2019, 6, 29)]


def test_a_reference_gives_the_date_but_the_event_its_status(nlp):
    text = ("Pope Francis arrived in Baghdad on Friday.\n"
            "On Sunday, the last full day of the trip, he is due to visit Mosul.\n")
    mosul = [e for e in of_type(extract(nlp, text, date(2021, 3, 7)), "visit") if e.date.earliest == date(2021, 3, 7)]
    assert len(mosul) == 1 and mosul[0].status == "planned"


def test_a_travel_verb_the_tagger_took_for_a_noun_after_a_name(nlp):
    text = ("OSAKA, Japan (Reuters) - Donald Trump and Xi Jinping met on Saturday.\n"
            "Trump leaves for Seoul later on Saturday and will hold talks with South Korean President Moon Jae-in "
            "on Sunday.\n")
    visits = of_type(extract(nlp, text, date(2019, 6, 29)), "visit")
    assert len(visits) == 1 and visits[0].date.earliest == date(2019, 6, 29) and "Donald Trump" in names(visits[0])


def test_a_condition_inside_what_was_said_leaves_the_saying_alone(nlp):
    text = ("Bush told a news conference on Tuesday that the blockade might be extended to Aqaba if it is a hole "
            "for trade.\n")
    press = of_type(extract(nlp, text, date(1990, 8, 15)), "press_conference")
    assert len(press) == 1 and press[0].date.earliest == date(1990, 8, 14)


def test_an_agreement_under_which_someone_agreed_is_no_talks(nlp):
    text = "Ritter's return tests the agreement under which Iraq agreed to give inspectors full access.\n"
    assert of_type(extract(nlp, text, date(1998, 3, 6)), "talks") == []


def test_a_destination_with_no_visitor_is_no_visit(nlp):
    text = ("The president offered to help Jordan because 40 percent of its exports go to Iraq.\n")
    assert of_type(extract(nlp, text, date(1990, 8, 16)), "visit") == []


# ---------------------------------------------------------------------------------------------- dates of other nouns' clauses

HANOI = (
    "HANOI (Reuters) - President Barack Obama said on Monday that the United States is lifting the arms embargo on "
    "Vietnam, as he held talks with President Tran Dai Quang at the Presidential Palace on the first full day of a "
    "visit that began late on Sunday.\n"
    "Obama was greeted at a welcoming ceremony before the talks. At a joint news conference after the talks, Obama "
    "said the decision was not about China.\n"
    "Later on Monday Obama met separately with Prime Minister Nguyen Xuan Phuc and with Communist Party chief "
    "Nguyen Phu Trong.\n"
)


def test_an_as_clause_happens_on_the_day_of_its_dated_main_verb(nlp):
    events = extract(nlp, HANOI, date(2016, 5, 23))
    talks = [e for e in of_type(events, "talks", "meeting") if "Tran Dai Quang" in names(e)]
    assert len(talks) == 1
    assert talks[0].date.earliest == talks[0].date.latest == date(2016, 5, 23)


def test_a_date_in_a_relative_clause_on_another_noun_dates_that_noun_only(nlp):
    events = extract(nlp, HANOI, date(2016, 5, 23))
    # "a visit that began late on Sunday": the visit began on Sunday ...
    assert [e for e in of_type(events, "visit") if e.date.earliest == date(2016, 5, 22)]
    # ... but the narrative day after the lead is the day of its main event, Monday
    for ev in of_type(events, "ceremony", "press_conference"):
        assert ev.date.earliest == ev.date.latest == date(2016, 5, 23), ev


def test_met_separately_with_one_and_with_another_is_two_meetings(nlp):
    events = extract(nlp, HANOI, date(2016, 5, 23))
    meetings = [e for e in of_type(events, "meeting") if names(e) & {"Nguyen Xuan Phuc", "Nguyen Phu Trong"}]
    assert len(meetings) == 2
    assert {n for e in meetings for n in names(e)} >= {"Nguyen Xuan Phuc", "Nguyen Phu Trong"}
    for ev in meetings:
        assert "Tran Dai Quang" not in names(ev)
        assert ev.date.earliest == ev.date.latest == date(2016, 5, 23)


def test_a_when_clause_under_a_dated_statement_that_looks_back_keeps_its_own_time(nlp):
    # "when they had met": a look back, not the day of the saying
    text = ("Chinese Foreign Minister Wang Yi said on Tuesday that the two sides had agreed on the plan when "
            "they had met in Beijing in March.\n")
    met = [e for e in of_type(extract(nlp, text, date(2023, 6, 20)), "meeting", "talks")]
    assert all(e.date.earliest != date(2023, 6, 20) for e in met)


# ---------------------------------------------------------------------------------------------- own dates keep events apart

def test_a_reference_with_its_own_later_date_does_not_pull_the_event_to_it(nlp):
    text = ("LAHORE (Reuters) - Indian Prime Minister Narendra Modi made a surprise stop in Pakistan on Friday, the "
            "first visit by an Indian leader in more than a decade.\n"
            "Modi and Pakistani Prime Minister Nawaz Sharif held talks at Sharif's estate near Lahore.\n"
            "The foreign secretaries meet in Islamabad in mid-January to set out a schedule for wider talks.\n")
    events = extract(nlp, text, date(2015, 12, 25))
    talks = [e for e in of_type(events, "talks", "meeting") if "Nawaz Sharif" in names(e)]
    assert len(talks) == 1
    assert talks[0].status == "occurred" and talks[0].date.earliest == talks[0].date.latest == date(2015, 12, 25)
    assert all("wider talks" not in [m.trigger for m in e.mentions] for e in talks)


def test_two_mentions_with_different_days_of_their_own_stay_two_events(nlp):
    text = ("TOKYO (Reuters) - South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida held "
            "talks in Tokyo on Thursday, the first such visit in 12 years.\n"
            "On Friday, President Yoon will meet Japanese business leaders before returning home.\n")
    events = extract(nlp, text, date(2023, 3, 16))
    days = sorted(e.date.earliest for e in of_type(events, "talks", "meeting"))
    assert days == [date(2023, 3, 16), date(2023, 3, 17)]


BIDEN = ("WASHINGTON (Reuters) - President Joe Biden will meet Russian President Vladimir Putin in Geneva on June 16, "
         "the White House said on Friday.\n"
         "Biden travels to Britain on June 9 for the Group of Seven summit in Cornwall from June 11 to 13, then goes "
         "to Brussels for a NATO summit on June 14.\n")


def test_a_travel_verb_s_second_date_written_after_the_summit_it_travels_for_is_the_summit_s(nlp):
    events = extract(nlp, BIDEN, date(2021, 5, 28))
    g7 = [e for e in of_type(events, "summit") if "Group of Seven" in names(e)]
    assert len(g7) == 1 and (g7[0].date.earliest, g7[0].date.latest) == (date(2021, 6, 11), date(2021, 6, 13))
    trips = [e for e in of_type(events, "visit") if e.location == "United Kingdom"]
    assert trips and trips[0].date.earliest == date(2021, 6, 9)
    geneva = [e for e in of_type(events, "meeting", "talks", "summit") if "Vladimir Putin" in names(e)]
    assert len(geneva) == 1 and geneva[0].date.earliest == geneva[0].date.latest == date(2021, 6, 16)


def test_a_summit_a_trip_goes_to_is_where_that_trip_goes(nlp):
    nato = [e for e in of_type(extract(nlp, BIDEN, date(2021, 5, 28)), "summit") if "NATO" in names(e)]
    assert len(nato) == 1 and nato[0].location == "Brussels"
    assert nato[0].date.earliest == nato[0].date.latest == date(2021, 6, 14)


def test_differently_named_summits_are_not_one_summit(nlp):
    text = ("President Joe Biden will meet Russian President Vladimir Putin for a summit in Geneva, the White House "
            "said on Friday.\n"
            "Biden will attend the Group of Seven summit in Cornwall from June 11 to 13 and a NATO summit in Brussels "
            "on June 14.\n")
    events = extract(nlp, text, date(2021, 5, 28))
    summits = of_type(events, "summit")
    spans = {(e.date.earliest, e.date.latest) for e in summits}
    assert (date(2021, 6, 11), date(2021, 6, 13)) in spans and (date(2021, 6, 14), date(2021, 6, 14)) in spans
    geneva = [e for e in summits if "Vladimir Putin" in names(e)]
    # the Geneva summit is told with no day of its own: not the Group of Seven's days
    assert len(geneva) == 1 and geneva[0].date.earliest != date(2021, 6, 11)
    assert all(not ({"Group of Seven", "NATO"} & names(e)) for e in geneva)


def test_an_event_takes_the_most_specific_own_date_of_its_mentions(nlp):
    # "the talks this week" is the Monday talks: the week does not blur the day
    text = ("Chinese President Xi Jinping arrived in Moscow on Monday for talks with Russian President Vladimir "
            "Putin.\n"
            "The Kremlin said Putin would discuss Ukraine with Xi at the talks this week.\n")
    talks = [e for e in of_type(extract(nlp, text, date(2023, 3, 20)), "talks", "meeting") if "Vladimir Putin" in names(e)]
    assert len(talks) == 1 and talks[0].date.earliest == talks[0].date.latest == date(2023, 3, 20)


def test_a_while_clause_after_a_dated_statement_is_on_the_statement_s_day(nlp):
    text = ("Secretary of State Mike Pompeo said on Wednesday the sanctions would stay, as he met South Korean "
            "Foreign Minister Kang Kyung-wha in Seoul at the end of a tour that began last week.\n")
    met = [e for e in of_type(extract(nlp, text, date(2018, 10, 10)), "meeting", "talks") if "Kang Kyung-wha" in names(e)]
    assert len(met) == 1 and met[0].date.earliest == met[0].date.latest == date(2018, 10, 10)


def test_a_when_clause_of_a_past_reported_event_does_not_take_the_saying_s_day(nlp):
    text = ("German Chancellor Angela Merkel said on Friday that she raised human rights when she met Chinese Premier "
            "Li Keqiang.\n")
    met = [e for e in of_type(extract(nlp, text, date(2018, 7, 6)), "meeting", "talks") if "Li Keqiang" in names(e)]
    assert len(met) == 1 and met[0].date.earliest != date(2018, 7, 6)


# ---------------------------------------------------------------------------------------------- status and type of a told event

def test_talks_told_in_the_past_beside_an_agreement_about_the_future_happened(nlp):
    text = ("Lee and Kan agree to restart shuttle diplomacy\n"
            "SEOUL (AP) - South Korean President Lee Myung-bak and Japanese Prime Minister Naoto Kan agreed on "
            "Thursday to resume regular visits between their leaders, as they held talks in Seoul.\n")
    (talks,) = of_type(extract(nlp, text, date(2010, 11, 11)), "talks", "meeting")
    assert talks.status == "occurred"
    assert talks.date.earliest == talks.date.latest == date(2010, 11, 11)
    assert names(talks) == {"Lee Myung-bak", "Naoto Kan"}


def test_a_meeting_that_a_source_calls_a_summit_is_the_summit(nlp):
    text = ("Obama and Medvedev to hold first summit in Moscow on July 6\n"
            "WASHINGTON (Reuters) - President Barack Obama will meet Russian President Dmitry Medvedev in "
            "Moscow on July 6, the White House said on Tuesday.\n")
    events = extract(nlp, text, date(2009, 6, 2))
    (summit,) = of_type(events, "summit", "meeting", "talks")
    assert summit.type == "summit" and summit.status == "planned"
    assert summit.date.earliest == date(2009, 7, 6)


# ---------------------------------------------------------------------------------------------- ceremonies

def test_laying_a_foundation_stone_is_a_ceremony_and_doing_the_same_later_repeats_it(nlp):
    text = ("ISLAMABAD (Reuters) - Pakistani Prime Minister Imran Khan laid the foundation stone of the Kartarpur "
            "corridor on Nov. 28.\n"
            "Indian Vice President Venkaiah Naidu did the same two days earlier on the Indian side of the border.\n")
    cer = of_type(extract(nlp, text, date(2018, 12, 3)), "ceremony")
    assert len(cer) == 2
    by_day = {c.date.earliest: names(c) for c in cer}
    assert "Venkaiah Naidu" in by_day[date(2018, 11, 26)]
    assert date(2018, 11, 28) in by_day


def test_leaders_opening_a_corridor_is_a_ceremony(nlp):
    text = ("DERA BABA NANAK, India (Reuters) - Indian Prime Minister Narendra Modi opened the Kartarpur corridor "
            "to Sikh pilgrims on Saturday.\n")
    cer = of_type(extract(nlp, text, date(2019, 11, 9)), "ceremony")
    assert len(cer) == 1 and cer[0].date.earliest == date(2019, 11, 9)


def test_a_guest_greeted_with_a_ceremony_takes_part_with_the_host_of_the_lead(nlp):
    text = ("HANOI (Reuters) - Vietnamese President Tran Dai Quang welcomed U.S. President Barack Obama on Monday, "
            "the first day of his visit.\n"
            "Obama was greeted with an official welcoming ceremony in the courtyard of the Presidential Palace.\n")
    cer = of_type(extract(nlp, text, date(2016, 5, 23)), "ceremony")
    assert len(cer) == 1 and cer[0].date.earliest == date(2016, 5, 23)
    assert {"Barack Obama", "Tran Dai Quang"} <= names(cer[0])


def test_onlookers_of_a_signing_take_part_in_it(nlp):
    text = ("HANOI (Reuters) - U.S. President Barack Obama and Vietnamese President Tran Dai Quang held talks in Hanoi on Monday.\n"
            "The two presidents looked on as company executives signed a deal for the budget carrier VietJet to buy "
            "100 Boeing aircraft.\n")
    sig = of_type(extract(nlp, text, date(2016, 5, 23)), "signing")
    assert len(sig) == 1 and sig[0].date.earliest == date(2016, 5, 23)
    assert {"Barack Obama", "Tran Dai Quang"} <= names(sig[0])


# ---------------------------------------------------------------------------------------------- "the first/last ... to visit"

def test_becoming_the_first_to_visit_on_a_day_is_a_planned_visit_that_day(nlp):
    text = ("WASHINGTON (Reuters) - Barack Obama will travel to Asia next week, the White House said on Friday.\n"
            "He leaves on Wednesday for Japan, where he will attend the Group of Seven summit on Thursday and Friday "
            "and on Friday become the first sitting U.S. president to visit Hiroshima.\n")
    visits = [v for v in of_type(extract(nlp, text, date(2016, 5, 20)), "visit") if v.location == "Hiroshima"]
    assert len(visits) == 1 and visits[0].status == "planned"
    assert visits[0].date.earliest == visits[0].date.latest == date(2016, 5, 27)


def test_the_first_minister_to_visit_since_a_year_is_the_trip_already_told(nlp):
    text = ("CANBERRA (Reuters) - Foreign Minister Penny Wong will travel to Moscow on Tuesday for talks with Sergei "
            "Lavrov.\n"
            "She will be the first Australian foreign minister to visit Russia since 2017.\n")
    visits = of_type(extract(nlp, text, date(2023, 1, 16)), "visit")
    assert len(visits) == 1 and visits[0].date.earliest == date(2023, 1, 17)


def test_the_last_leader_to_visit_was_someone_dates_his_visit_by_his_clause(nlp):
    text = ("LAHORE (Reuters) - Indian Prime Minister Narendra Modi made a surprise stop in Lahore on Friday and met "
            "Nawaz Sharif.\n"
            "The last Indian prime minister to visit Pakistan was Atal Bihari Vajpayee, who attended a regional "
            "summit in Islamabad in January 2004.\n")
    visits = of_type(extract(nlp, text, date(2015, 12, 25)), "visit")
    old = [v for v in visits if "Atal Bihari Vajpayee" in names(v)]
    assert len(old) == 1 and old[0].date.value == "2004-01"
    assert all(v.date.earliest != date(2015, 12, 25) for v in old)


def test_a_trip_without_a_date_takes_the_date_of_the_event_it_travels_for(nlp):
    text = ("WASHINGTON (Reuters) - Joe Biden will make his first trip abroad as president next month, the White "
            "House said on Monday.\n"
            "He travels to Britain on June 11 for the G7 summit, then goes to Brussels for a NATO summit on June 14.\n")
    visits = [v for v in of_type(extract(nlp, text, date(2021, 6, 1)), "visit") if v.location == "Brussels"]
    assert len(visits) == 1 and visits[0].date.earliest == visits[0].date.latest == date(2021, 6, 14)


def test_cabinet_board_party_and_shareholders_meetings_are_no_diplomatic_events(nlp):
    text = ("TOKYO (Reuters) - Prime Minister Shinzo Abe met Vladimir Putin in Vladivostok on Friday.\n"
            "Back in Tokyo, Abe chaired a cabinet meeting on Tuesday, the ruling party held a party meeting on "
            "Wednesday, and Toyota held its shareholders' meeting a day after a board meeting.\n")
    meetings = of_type(extract(nlp, text, date(2016, 9, 9)), "meeting", "talks", "conference")
    assert len(meetings) == 1 and names(meetings[0]) == {"Shinzo Abe", "Vladimir Putin"}


def test_an_agreement_they_signed_in_a_year_is_a_signing_in_that_year(nlp):
    text = ("ST PETERSBURG (Reuters) - Russian President Vladimir Putin and Chinese President Jiang Zemin met on "
            "Monday and praised the friendship treaty they signed in 2001.\n")
    sig = of_type(extract(nlp, text, date(2002, 6, 10)), "signing")
    assert len(sig) == 1 and sig[0].date.value == "2001"


def test_talks_that_began_on_a_day_run_to_the_story_day(nlp):
    text = ("BEIJING (Reuters) - North Korea and the United States reached a deal on Friday at the end of six-party "
            "talks in Beijing that began on Monday.\n")
    talks = of_type(extract(nlp, text, date(2007, 2, 16)), "talks", "meeting")
    assert len(talks) == 1
    assert (talks[0].date.earliest, talks[0].date.latest) == (date(2007, 2, 12), date(2007, 2, 16))


def test_a_party_congress_is_no_diplomatic_event(nlp):
    text = ("HANOI (Reuters) - Chinese President Xi Jinping held talks with Nguyen Phu Trong in Beijing on Monday.\n"
            "The visit came a week after the Communist Party congress that ended on Oct. 22.\n")
    events = extract(nlp, text, date(2022, 10, 31))
    assert of_type(events, "conference", "summit") == []
    assert all(e.date.earliest != date(2022, 10, 22) for e in events)


# ---------------------------------------------------------------------------------------------- regnal names

def test_a_king_is_not_the_president_who_shares_his_name(nlp):
    text = ("Iraqi President Saddam Hussein rejected the demand on Sunday.\n"
            "King Hussein of Jordan met President George Bush at Kennebunkport on Thursday.\n")
    (meeting,) = of_type(extract(nlp, text, date(1990, 8, 17)), "meeting")
    assert names(meeting) == {"King Hussein", "George Bush"}


def test_regnal_numerals_do_not_make_two_monarchs_one(nlp):
    text = ("Queen Elizabeth II welcomed Chinese President Xi Jinping at Buckingham Palace on Tuesday.\n"
            "On Wednesday Xi met King Abdullah II of Jordan in London.\n")
    names_seen = {p.name for e in extract(nlp, text, date(2015, 10, 22)) for p in e.participants}
    assert "Queen Elizabeth II" in names_seen
    assert not any("Abdullah" in n and "Elizabeth" in n for n in names_seen)
    meetings = of_type(extract(nlp, text, date(2015, 10, 22)), "meeting")
    assert all("Queen Elizabeth II" not in names(m) for m in meetings if m.date.earliest == date(2015, 10, 21))
    # and each meeting has both of its participants: the queen's on Tuesday, the king's on Wednesday
    by_day = {m.date.earliest: m for m in meetings}
    assert names(by_day[date(2015, 10, 20)]) == {"Queen Elizabeth II", "Xi Jinping"}
    assert names(by_day[date(2015, 10, 21)]) == {"Xi Jinping", "King Abdullah II"}
    assert by_day[date(2015, 10, 21)].location == "London"


# ---------------------------------------------------------------------------------------------- places: origins and cities

def test_a_place_named_as_where_the_visitor_came_from_is_not_where_he_is_received(nlp):
    text = ("Kenyan President Uhuru Kenyatta arrived in Addis Ababa on Monday for a two-day visit to Ethiopia.\n"
            "Kenyatta, who flew in from neighbouring Uganda where he had been on a state visit, was welcomed on "
            "arrival by Ethiopian Prime Minister Abiy Ahmed.\n")
    events = extract(nlp, text, date(2018, 6, 4))
    welcomes = [e for e in events if e.type in ("meeting", "ceremony") and "Uhuru Kenyatta" in names(e)]
    assert welcomes
    assert all(e.location != "Uganda" for e in welcomes)


def test_a_meeting_placed_in_a_country_is_in_the_one_city_of_it_the_article_names(nlp):
    text = ("Indian Prime Minister Narendra Modi met Nepalese Prime Minister Sushil Koirala in Nepal on Monday.\n"
            "The two leaders discussed a hydropower project, officials in Kathmandu said.\n")
    meetings = of_type(extract(nlp, text, date(2014, 8, 4)), "meeting", "talks")
    assert len(meetings) == 1
    assert meetings[0].location == "Kathmandu"


def test_a_visit_keeps_its_country_and_two_cities_leave_a_meeting_in_the_country(nlp):
    text = ("Indian Prime Minister Narendra Modi visited Japan on Monday and met Japanese Prime Minister "
            "Shinzo Abe in the country.\n"
            "Officials in Tokyo and Osaka welcomed the rail deal.\n")
    events = extract(nlp, text, date(2014, 9, 1))
    visits = of_type(events, "visit")
    meetings = of_type(events, "meeting", "talks")
    assert visits and all(v.location == "Japan" for v in visits)
    assert meetings and all(m.location in (None, "Japan") for m in meetings)


def test_a_city_naming_an_agreement_does_not_make_its_state_a_party(nlp):
    text = ("Delegates from 60 countries signed the Vienna nuclear safety accord at a ceremony in New York on "
            "Tuesday.\n")
    signings = of_type(extract(nlp, text, date(2019, 3, 13)), "signing", "ceremony")
    assert signings
    assert all("Austria" not in names(s) for s in signings)


def test_talks_told_in_a_where_clause_of_a_dated_visit_take_the_visits_dates(nlp):
    text = ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Wednesday.\n"
            "In January, Scholz made his first trip to Japan as chancellor, where he held talks with Prime Minister "
            "Fumio Kishida.\n")
    events = extract(nlp, text, date(2023, 3, 15))
    talks = [e for e in of_type(events, "talks", "meeting") if "Fumio Kishida" in names(e)]
    assert len(talks) == 1
    assert (talks[0].date.earliest, talks[0].date.latest) == (date(2023, 1, 1), date(2023, 1, 31))


def test_a_round_of_talks_with_its_own_date_and_partner_is_an_event(nlp):
    # the date and the partner hang on "round", the quantity the talks act through
    text = ("Dutch Defence Minister Joris Kamp will meet Polish lawmakers later Thursday.\n"
            "In a first round of talks late Wednesday with Polish Defence Minister Marek Nowak, Kamp pledged "
            "more air defence, a spokesman said.\n")
    events = extract(nlp, text, date(2023, 3, 9))
    talks = [e for e in of_type(events, "talks", "meeting") if "Marek Nowak" in names(e)]
    assert len(talks) == 1
    assert talks[0].date.earliest == talks[0].date.latest == date(2023, 3, 8)
    assert {"Joris Kamp", "Marek Nowak"} <= names(talks[0])


def test_being_in_talks_with_someone_is_no_event(nlp):
    text = "The Dutch government is in talks with the European Commission about the budget.\n"
    assert of_type(extract(nlp, text, date(2023, 3, 9)), "talks", "meeting") == []


def test_being_in_talks_at_a_point_in_time_is_the_talks_of_that_time(nlp):
    text = ("Two envoys of the African Union, Amara Diallo and Kofi Mensah, were in talks last night in Niamey "
            "hoping to free three kidnapped engineers.\n")
    talks = of_type(extract(nlp, text, date(2019, 6, 12)), "talks", "meeting")
    assert len(talks) == 1 and talks[0].location == "Niamey"
    assert (talks[0].date.earliest, talks[0].date.latest) == (date(2019, 6, 11), date(2019, 6, 11))


@pytest.mark.parametrize("text", [
    "The two governments have been in talks for years about the border.\n",
    "Ghana has been in talks with Togo since March about the border.\n",
])
def test_being_in_talks_over_a_span_is_no_event(nlp, text):
    assert of_type(extract(nlp, text, date(2019, 6, 12)), "talks", "meeting") == []


def test_a_visit_told_at_its_start_with_its_destination_is_an_event(nlp):
    text = ("Portuguese Prime Minister Rui Matos said on Monday, at the start of a three-day visit to Luanda, "
            "that the two countries wanted closer ties in oil.\n")
    visits = of_type(extract(nlp, text, date(2005, 11, 28)), "visit")
    assert len(visits) == 1 and visits[0].location == "Luanda"
    assert (visits[0].date.earliest, visits[0].date.latest) == (date(2005, 11, 28), date(2005, 11, 30))


def test_the_end_of_the_visit_only_refers_to_it(nlp):
    text = "Portuguese Prime Minister Rui Matos said on Wednesday, at the end of the visit, that ties were good.\n"
    assert of_type(extract(nlp, text, date(2005, 11, 30)), "visit") == []


def test_a_headline_state_is_the_person_whose_title_names_it(nlp):
    # the title names the state ("Indian PM"), the body the person whose title says Indian
    text = ("Indian Prime Minister Rajiv Mehta arrived here Tuesday for a three-day official visit to Singapore "
            "to boost political and economic ties, officials said.\n")
    visits = of_type(extract(nlp, text, date(2003, 4, 15), title="Indian PM lands in Singapore under rain"), "visit")
    assert len(visits) == 1 and "Rajiv Mehta" in names(visits[0])


def test_a_hyphenated_name_is_a_pair_of_states_only_when_both_sides_are_states(nlp):
    text = "Leaders gathered on Monday for the Ibero-American Summit in Santo Domingo.\n"
    summits = of_type(extract(nlp, text, date(2023, 3, 27)), "summit")
    assert summits and "United States" not in names(summits[0])
    text = "China-Germany consultations were held in Berlin on Tuesday.\n"
    assert {"China", "Germany"} <= names(of_type(extract(nlp, text, date(2023, 6, 21)), "talks", "meeting")[0])


def test_a_summit_raised_from_to_be_held_is_an_event_with_its_date_and_place(nlp):
    text = ("The two ministers also praised the Nordic-Baltic Summit to be held on May 14 and 15 in Tallinn, "
            "with a focus on energy.\n")
    summits = of_type(extract(nlp, text, date(2024, 5, 10)), "summit")
    assert len(summits) == 1 and summits[0].location and "Tallinn" in summits[0].location
    assert summits[0].status == "planned"
    assert (summits[0].date.earliest, summits[0].date.latest) == (date(2024, 5, 14), date(2024, 5, 15))


def test_a_summit_in_two_weeks_is_planned_and_does_not_date_the_story(nlp):
    # 1997-04-08 is a Tuesday: "in two weeks" is the week of 21 April
    text = ("TOKYO (AFP) - The defence secretary won assurances that a law would be passed in time for a "
            "US-Japan summit in two weeks, a spokesman said Tuesday.\n"
            "The secretary planned to visit troops at two bases before meetings with members of parliament.\n")
    events = extract(nlp, text, date(1997, 4, 8))
    (summit,) = of_type(events, "summit", "conference")
    assert summit.status == "planned"
    assert (summit.date.earliest, summit.date.latest) == (date(1997, 4, 21), date(1997, 4, 27))
    for ev in events:
        if ev is not summit:
            assert ev.date.earliest is None or ev.date.earliest < date(1997, 4, 21), ev


def test_a_possessive_in_an_argument_of_a_verb_is_its_subjects(nlp):
    # "his" is Lavrov's, the subject of "briefed", not Kerry's, the last man named before it
    text = "Lavrov briefed Kerry on Monday about his visit to Pyongyang, a Russian diplomat said.\n"
    (visit,) = of_type(extract(nlp, text, date(2015, 6, 3)), "visit")
    assert "Lavrov" in names(visit) and "Kerry" not in names(visit)


def test_talks_an_act_was_done_in_on_the_sidelines_of_a_summit_take_the_summits_days(nlp):
    # 2005-12-04 is a Sunday: "at the weekend" is 3-4 December, "on Thursday" is 1 December
    text = ("Mbeki, the mediator, discussed the crisis in talks with French President Jacques Chirac, on the "
            "sidelines of a summit held at the weekend in Bamako.\n"
            "The prime minister raised the dispute in talks with Chancellor Angela Merkel, on the sidelines of a "
            "European summit held on Thursday in Brussels.\n")
    talks = of_type(extract(nlp, text, date(2005, 12, 4)), "talks", "meeting")
    by_partner = {p: t for t in talks for p in names(t)}
    chirac, merkel = by_partner["Jacques Chirac"], by_partner["Angela Merkel"]
    assert (chirac.date.earliest, chirac.date.latest) == (date(2005, 12, 3), date(2005, 12, 4))
    assert chirac.date.earliest and (merkel.date.earliest, merkel.date.latest) == (date(2005, 12, 1), date(2005, 12, 1))


def test_being_in_talks_is_a_state_not_an_event(nlp):
    text = "Britain is in talks with the European Union about fishing rights, officials said on Monday.\n"
    assert of_type(extract(nlp, text, date(2020, 3, 2)), "talks", "meeting") == []


def test_a_noun_with_its_own_date_and_partner_presents_its_event(nlp):
    # 2015-06-03 is a Wednesday: "last week" is 25-31 May
    text = "Kerry spoke to senators about his talks last week with Iranian Foreign Minister Javad Zarif.\n"
    (talks,) = of_type(extract(nlp, text, date(2015, 6, 3)), "talks", "meeting")
    assert {"Kerry", "Javad Zarif"} <= names(talks)
    assert (talks.date.earliest, talks.date.latest) == (date(2015, 5, 25), date(2015, 5, 31))


def test_travelling_to_see_someone_is_a_meeting_with_them(nlp):
    # 2005-02-06 is a Sunday
    text = ("The envoy will fly to Amman on Monday to see King Abdullah at his palace.\n"
            "Later he went to see the damage in the old city.\n")
    events = extract(nlp, text, date(2005, 2, 6))
    (meeting,) = of_type(events, "meeting", "talks")
    assert "King Abdullah" in names(meeting) or "Abdullah" in names(meeting)
    assert meeting.status == "planned" and meeting.date.earliest == meeting.date.latest == date(2005, 2, 7)


def test_signing_the_document_again_by_its_signatories_is_the_signing_told_before(nlp):
    text = ("Ukraine and Poland on Monday signed an agreement on border crossings in Warsaw, officials said.\n"
            "Ukrainian Foreign Minister Dmytro Kuleba and Polish Foreign Minister Zbigniew Rau signed the document "
            "on behalf of the two governments.\n")
    signings = of_type(extract(nlp, text, date(2021, 5, 4)), "signing", "ceremony")
    assert len(signings) == 1
    assert {"Dmytro Kuleba", "Zbigniew Rau"} <= names(signings[0])
    assert signings[0].date.earliest == signings[0].date.latest == date(2021, 5, 3)


def test_legs_of_a_tour_lie_between_its_departure_and_its_end(nlp):
    # 2024-03-05 is a Tuesday: "on Friday" is 8 March
    text = ("Foreign Minister Elena Marquez held talks in Lima on Tuesday.\n"
            "Marquez will leave Lima on Friday afternoon to continue a tour to Chile, Bolivia and Paraguay, where she "
            "will end her trip on March 12.\n")
    visits = of_type(extract(nlp, text, date(2024, 3, 5)), "visit")
    legs = {v.location: v for v in visits if v.location in ("Chile", "Bolivia", "Paraguay")}
    assert set(legs) == {"Chile", "Bolivia", "Paraguay"} and len(visits) == 3
    for leg in legs.values():
        assert (leg.date.earliest, leg.date.latest) == (date(2024, 3, 8), date(2024, 3, 12)), leg


def test_a_second_verb_after_then_shares_the_subject(nlp):
    text = "Ms. Okafor held talks in Ghana today (Monday), then flew to Nairobi.\n"
    visits = of_type(extract(nlp, text, date(2024, 6, 3)), "visit")
    assert visits and all(any("Okafor" in n for n in names(v)) for v in visits)


def test_delegations_led_by_two_people_are_those_people(nlp):
    text = ("Later Monday, delegations led by Maria Mendes and her Kenyan counterpart, Joseph Kamau Otieno, are "
            "scheduled to begin discussions on trade, officials said.\n")
    (talks,) = of_type(extract(nlp, text, date(2024, 6, 3)), "talks", "meeting")
    people = " ".join(names(talks))
    assert "Mendes" in people and "Otieno" in people, names(talks)


def test_jointly_meeting_the_press_is_shared_with_the_partner_told_before(nlp):
    text = ("Japanese Prime Minister Fumio Kishida held talks with Australian Prime Minister Anthony Albanese "
            "in Perth on Saturday.\n"
            "While jointly meeting the press, Kishida said the two countries would deepen defence ties.\n")
    (press,) = of_type(extract(nlp, text, date(2022, 10, 22)), "press_conference")
    assert {"Fumio Kishida", "Anthony Albanese"} <= names(press)


def test_a_ceremony_for_the_demonym_leader_is_for_the_head_of_that_state_named_before(nlp):
    text = ("Chinese Premier Li Qiang held talks with visiting Spanish Prime Minister Pedro Sanchez in Beijing "
            "on Friday.\n"
            "Before the talks, Li held a welcome ceremony for the Spanish leader at the Great Hall of the People.\n")
    cer = of_type(extract(nlp, text, date(2023, 3, 31)), "ceremony")
    assert cer and "Pedro Sanchez" in names(cer[0]), [names(c) for c in cer]


def test_hosts_named_as_the_visitors_hosts_join_the_leg_to_their_state(nlp):
    text = ("Indonesian President Joko Widodo will pay state visits to Kenya and Tanzania from Aug. 20 to 24, "
            "the foreign ministry said on Monday.\n"
            "Widodo travels as guest of Kenyan President William Ruto and Tanzanian President John Magufuli.\n"
            "Widodo last visited Kenya in 2016.\n")
    visits = of_type(extract(nlp, text, date(2023, 8, 14)), "visit")
    kenya = [v for v in visits if v.location == "Kenya" and v.date.earliest and v.date.earliest.year == 2023]
    tanzania = [v for v in visits if v.location == "Tanzania"]
    assert kenya and "William Ruto" in names(kenya[0]) and "John Magufuli" not in names(kenya[0])
    assert tanzania and "John Magufuli" in names(tanzania[0])
    for old in (v for v in visits if v.date.latest and v.date.latest.year == 2016):
        assert "William Ruto" not in names(old)


def test_a_reference_with_their_adds_no_one_to_the_event_it_joins(nlp):
    text = ("Xi held formal talks with Obama at the White House on Friday.\n"
            "He also met U.S. Congress leaders.\n"
            "During their formal talks, Xi made a proposal on trade.\n")
    events = extract(nlp, text, date(2015, 9, 26))
    (talks,) = [e for e in of_type(events, "talks") if "Obama" in " ".join(names(e))]
    assert not any("Congress" in n for n in names(talks)), names(talks)
    (congress,) = [e for e in of_type(events, "meeting") if any("Congress" in n for n in names(e))]
    assert "United States" not in names(congress)


def test_a_headline_title_with_a_demonym_is_the_state_not_a_person(nlp):
    text = "Georgian FM visits Moscow to mend ties\nThe Georgian foreign minister arrived in Moscow on Wednesday.\n"
    for ev in extract(nlp, text, date(2006, 11, 1)):
        assert "Georgian FM" not in names(ev)


def test_a_family_name_the_tagger_cut_off_is_part_of_the_name(nlp):
    text = ("Foreign Minister Shah Mahmood Qureshi on Thursday arrived in Beijing for a two-day official visit.\n"
            "Upon landing, Qureshi was received by the ambassador, Moinul Haq.\n")
    (visit,) = of_type(extract(nlp, text, date(2020, 8, 21)), "visit")
    assert "Shah Mahmood Qureshi" in names(visit) and "Shah Mahmood" not in names(visit)


def test_the_visitor_attends_what_the_visit_is_for_and_the_events_own_name_takes_no_part(nlp):
    text = ("Foreign Minister Amara Diallo on Monday arrived in Dakar for a two-day visit to attend the second round "
            "of the Guinea-Senegal Joint Commission Strategic Dialogue.\n")
    talks = of_type(extract(nlp, text, date(2021, 3, 1)), "talks", "meeting", "conference")
    assert talks and "Amara Diallo" in names(talks[0])
    assert not any("Dialogue" in n for n in names(talks[0])), names(talks[0])


def test_whom_a_trip_is_made_to_see_hosts_it(nlp):
    # 2005-02-06 is a Sunday
    text = "Kerry will travel to Amman on Monday to see King Abdullah at his palace.\n"
    (visit,) = of_type(extract(nlp, text, date(2005, 2, 6)), "visit")
    assert any("Abdullah" in n for n in names(visit)) and any("Kerry" in n for n in names(visit))


def test_a_summit_that_closed_a_week_long_trip_dates_the_week_and_the_demonym_is_no_party(nlp):
    # 2018-07-16 is a Monday
    text = ("President Emmanuel Macron met Prime Minister Narendra Modi in New Delhi on Monday.\n"
            "The meeting closed a week-long Asian trip for Macron.\n")
    trips = [v for v in of_type(extract(nlp, text, date(2018, 7, 16)), "visit") if "trip" in v.mentions[0].trigger]
    assert trips, "no trip"
    assert (trips[0].date.earliest, trips[0].date.latest) == (date(2018, 7, 10), date(2018, 7, 16))
    assert not any("Asia" in n for n in names(trips[0]))


def test_the_two_countries_with_no_pair_told_are_the_first_two_states_of_the_article(nlp):
    # 2006-12-19 is a Tuesday
    text = ("Ukrainian president wins investment pledges\n"
            "Ukraine's President Viktor Yushchenko told South Korean business leaders on Tuesday that his economy "
            "would grow fast, noting that the two countries signed two agreements on Monday.\n")
    signings = of_type(extract(nlp, text, date(2006, 12, 19)), "signing")
    assert signings and {"Ukraine", "South Korea"} <= names(signings[0]), [names(s) for s in signings]


def test_telling_someone_during_a_visit_is_a_meeting_on_the_visits_days(nlp):
    # 1997-04-02 is a Wednesday: "last week" is 24-30 March
    text = ("Senator Alan Brooks told Prime Minister Tomiichi Murayama during a visit to Japan last week that the "
            "alliance would hold.\n")
    (meeting,) = of_type(extract(nlp, text, date(1997, 4, 2)), "meeting", "talks")
    assert {"Alan Brooks", "Tomiichi Murayama"} <= names(meeting)
    assert (meeting.date.earliest, meeting.date.latest) == (date(1997, 3, 24), date(1997, 3, 30))


def test_an_obligation_is_no_event_but_a_plan_is(nlp):
    text = ("Kenya and Ethiopia on Friday signed a border accord in Nairobi.\n"
            "Kenya still has to sign similar protocols with Somalia and Uganda.\n"
            "Ethiopia plans to sign a trade accord with Djibouti on Monday.\n")
    signings = of_type(extract(nlp, text, date(2021, 5, 7)), "signing")
    partners = [names(s) for s in signings]
    assert not any("Somalia" in p or "Uganda" in p for p in partners), partners
    assert [s.date.earliest for s in signings if s.status == "planned"] == [date(2021, 5, 10)], signings
