"""The grammar of the temporal tagger: one regular expression per kind of expression.

Each entry of PATTERNS is (kind, compiled regex). Month and weekday names are matched with their
capital letter only (so "may" the modal and "march" the verb never match); everything else is
case-insensitive through scoped (?i:...) groups. Spans follow TimeML: prepositions ("on", "in") are
left out, determiners and modifiers ("the", "early", "about") are kept.
"""
from __future__ import annotations

import re

from .temporal_lexicon import APPROX_RE, DAYNUM, DAYWORD, MONTH, NUM, SEASONS, UNIT, WEEKDAY, YEAR4

B = r"(?<![\w'’-])"  # left word boundary that also refuses a hyphen or apostrophe before
E = r"(?![\w])"
RANGE = r"\s*(?:-|–|—|to|and|through|until|till)\s*"
# a range across months written with a dash is one expression ("April 30-May 2", "Sept. 30 – Oct. 1"); with "to"
# or "through" TimeML tags the two dates apart ("Aug. 26 to Oct. 20")
SPAN_TO = r"\s*(?:-|–|—)\s*"
SPELLED_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[\s-]+(?:hundred|oh[\s-]+\w+|{SPELLED_TENS}|ten|eleven|twelve|thirteen|fourteen"
    rf"|fifteen|sixteen|seventeen|eighteen|nineteen)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five"
    rf"|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{SPELLED_TENS}))?)"
)
PART_OF = (r"(?:the\s+)?(?:beginning|start|middle|end|close|turn|rest|remainder|bulk|first\s+half|second\s+half"
           r"|last\s+half|latter\s+half|first\s+(?:few\s+)?(?:days|week|weeks)|last\s+(?:few\s+)?(?:days|week|weeks)"
           r"|second\s+week|third\s+week|fourth\s+week|final\s+(?:days|week|weeks))\s+of")
EARLY = rf"(?:(?:the\s+)?(?:early|mid|late|earlier|later)|{PART_OF}|(?:early|late)\s+in|sometime\s+in|some\s+time\s+in)"
REL = (r"(?:last|next|this|this\s+coming|this\s+past|the\s+coming|the\s+past|the\s+last|the\s+previous|the\s+preceding"
       r"|the\s+following|the\s+next|the\s+current|the\s+latest|the\s+same|that|coming|current|previous|past)")
YEAR_REF = rf"(?:{YEAR4}|'\d\d|(?i:last|this|next)\s+year)"
ZONE = r"(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|CEST|(?i:local\s+time))"
TIME_OF_DAY = (rf"(?:\d{{1,2}}(?::\d\d)?\s*(?i:a\.m\.|p\.m\.|am|pm)(?:\s+{ZONE})?|(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*(?i:hrs|hours|h))?\s+{ZONE}"
               r"|(?i:noon|midnight|midday))")
DAY_TAIL = rf"(?:(?P<t_rd>(?i:today|tonight|yesterday|tomorrow))|(?P<t_wd>{WEEKDAY})|(?P<t_mon>{MONTH})\s*(?P<t_d>{DAYNUM}))"


def _c(p: str) -> re.Pattern:
    return re.compile(p)


PATTERNS: list[tuple[str, re.Pattern]] = [
    # "Saturday, April 25", "Oct. 15, 1999", "October 2-3", "Friday Oct. 13", "March 3rd"
    ("mdy", _c(rf"{B}(?:(?:(?i:this\s+coming|this\s+past|this|next|last)\s+)?(?P<wd>{WEEKDAY}),?\s+(?:(?i:the)\s+)?)?(?P<mon>{MONTH})\s*(?P<d1>{DAYNUM}|(?i:{DAYWORD})(?![\w-]))"
               rf"(?:{RANGE}(?P<d2>{DAYNUM})(?![\s.]*{MONTH})|{SPAN_TO}(?P<mon2>{MONTH})\s*(?P<d2b>{DAYNUM}))?"
               rf"(?:(?:,|\s)\s*(?P<y>{YEAR4}|(?i:{SPELLED_YEAR})))?(?![\d%]|,\d|\.\d|:\d)")),
    # "28 October 2022", "the 3rd of May", "1-2 November"
    ("dmy", _c(rf"(?<![\w$£€.,:/-])(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<d1>{DAYNUM})"
               rf"(?:(?:\s+(?P<mon0>{MONTH}))?{SPAN_TO}(?P<d2>{DAYNUM})|{RANGE}(?P<d2a>{DAYNUM}))?\s+(?:(?i:of)\s+)?(?P<mon>{MONTH})(?:,?\s*(?P<y>{YEAR4}))?(?![\d])")),
    # 2016-06-07, 6/7/2016
    ("iso", _c(r"(?<![\w/.-])(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>0?[1-9]|1[0-2])-(?P<d>[0-3]?\d)(?![\w/-])")),
    ("us_numeric", _c(r"(?<![\w/.-])(?P<m>0?[1-9]|1[0-2])/(?P<d>[0-3]?\d)/(?P<y>(?:1[5-9]|20)\d\d|\d\d)(?![\w/])")),
    # "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "around 7:15 p.m.", "noon Thursday"
    ("clock", _c(rf"{B}(?P<approx>(?i:around|about|approximately|at\s+about|at\s+around)\s+)?(?P<clock>{TIME_OF_DAY})"
                 rf"(?:,?\s+(?:(?i:on)\s+)?{DAY_TAIL})?(?!\w)")),
    # "the night of June 3", "the morning of Saturday, 4 June": one expression, the part of that day
    ("pod_of", _c(rf"{B}(?:(?i:the|that))\s+(?P<pod>(?i:morning|afternoon|evening|night))\s+(?i:of)\s+(?:(?P<wd>{WEEKDAY})(?:,?\s+(?:(?i:the)\s+)?)?)?"
                  rf"(?:(?P<mon>{MONTH})\s*(?P<d1>{DAYNUM})(?:,?\s*(?P<y>{YEAR4}))?|(?P<d1b>{DAYNUM})\s+(?:(?i:of)\s+)?(?P<monb>{MONTH})(?:\s+(?P<yb>{YEAR4}))?)?"
                  rf"(?![\d])")),
    # "November 2014", "early May 2013", "January nineteen ninety-seven", "June last year"
    ("month_year", _c(rf"{B}(?:(?P<mod>(?i:{EARLY}))[\s-]+)?(?P<mon>{MONTH})(?:\s+(?i:of))?,?\s*(?:(?P<y>{YEAR4})"
                      rf"|'(?P<yy>\d\d)|(?P<sy>(?i:{SPELLED_YEAR}))|(?P<rel>(?i:last|this|next))\s+(?i:year))(?![\d])")),
    # "2015-2016", "1990-91"
    ("year_range", _c(rf"(?<![\w$£€#.,/:'’-])(?P<y1>{YEAR4})\s*[-–/]\s*(?P<y2>{YEAR4}|\d\d)(?![\w%-]|,\d|\.\d)")),
    # "Christmas", "New Year's Day", "last Thanksgiving", "Easter 1998"
    ("holiday", _c(rf"{B}(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?(?P<h>Christmas(?:\s+(?:Eve|Day))?|New\s+Year's(?:\s+(?:Eve|Day))?"
                   rf"|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Halloween|Valentine's\s+Day|Independence\s+Day"
                   rf"|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Boxing\s+Day)(?:,?\s+(?P<y>{YEAR4}))?(?![\w-])")),
    # "last May", "this coming September"
    ("month_rel", _c(rf"{B}(?:(?P<mod>(?i:{EARLY}))[\s-]+)?(?P<rel>(?i:last|next|this|this\s+coming|this\s+past|the\s+coming|the\s+past|coming|past))\s+(?P<mon>{MONTH})")),
    # "May", "early May", "mid-November", "the first week of April"
    ("month", _c(rf"{B}(?:(?P<mod>(?i:{EARLY}))[\s-]+)?(?P<mon>{MONTH})")),
    # "Tuesday", "late Tuesday afternoon", "last Friday", "the previous Friday", "Saturday night"
    ("weekday", _c(rf"{B}(?:(?P<pre>(?i:early|late|earlier|later|mid-?morning|mid-?afternoon|mid-?day|noon|midnight|"
                   rf"\d{{1,2}}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)))\s+)?"
                   rf"(?:(?P<rel>(?i:last|next|this(?:\s+(?:coming|past))?|the\s+(?:previous|following|next|preceding|coming|past|same)|that|coming|past))\s+)?"
                   rf"(?P<wd>{WEEKDAY})(?:,?\s+(?P<pod>(?i:morning|afternoon|evening|night)))?")),
    # "yesterday", "late yesterday", "tomorrow morning", "the day before yesterday"
    ("relday", _c(rf"{B}(?:(?P<pre>(?i:early|late|earlier|later|mid-?morning|mid-?afternoon|mid-?day|the\s+day\s+(?:before|after)))[\s-]+)?"
                  rf"(?P<rd>(?i:today|tonight|yesterday|tomorrow))(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?{E}")),
    # "this morning", "last night", "that evening", "later this afternoon", "mid afternoon"
    ("pod", _c(rf"{B}(?P<rel>(?i:(?:(?:later|earlier|early|late)\s+)?this|last|that|the|(?:early|late)\s+that|(?:early|late|mid(?!night))[\s-]?|the\s+(?:next|following|same|previous)))"
               rf"\s*(?P<pod>(?i:morning|afternoon|evening|night)){E}")),
    # "fighting erupted overnight", "overnight shelling"
    ("overnight", _c(rf"{B}(?P<x>(?i:overnight))(?![\w-])")),
    # "last week", "earlier this month", "early next year", "the following day", "the past year", "this summer"
    ("relunit", _c(rf"{B}(?:(?P<mod>(?i:{EARLY}|sometime|some\s+time|around))[\s-]+)?(?P<rel>(?i:{REL}))\s+"
                   rf"(?P<fiscal>(?i:fiscal|calendar)\s+)?(?P<unit>(?i:weekend|week|month|year|quarter|decade|century|half|day|{SEASONS}))"
                   rf"(?P<orso>(?i:\s+or\s+so))?(?![\w-])")),
    # "the day before", "the day after", "the next day"
    ("dayanaph", _c(rf"{B}(?P<x>(?i:the\s+day\s+(?:before|after)|the\s+(?:next|following|previous|preceding)\s+day|that\s+day|the\s+same\s+day|the\s+day))(?![\w-])")),
    # "the third quarter", "third-quarter", "the fiscal first quarter", "next year's first quarter",
    # "the third quarter of 1990", "the 1988 second quarter", "the last half of 1989", "first half"
    ("quarter", _c(rf"{B}(?:(?P<det>(?i:the|its|this|that|a|an|their|his|her|our))\s+)?(?:(?P<adj>(?i:flat|strong|weak|disappointing|difficult|tough|slow|sluggish|record|same|current|latest|comparable|crucial|important))\s+)?"
                   rf"(?:(?P<ypre>{YEAR4}(?:'s)?|(?i:this|last|next)\s+year's|(?i:year-?earlier|year-?ago))\s+)?(?P<fiscal>(?i:fiscal|calendar)[\s-]+)?"
                   rf"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter))[\s-]+(?P<unit>(?i:quarter|half|period))"
                   rf"(?:\s+(?i:of)\s+(?:(?P<fy>(?i:fiscal|calendar)\s+)?(?P<y2>{YEAR4}|'\d\d)|(?P<rel2>(?i:this|last|next))\s+year|(?i:the\s+year))"
                   rf"|\s+(?P<rel3>(?i:this|last|next))\s+year)?(?![\w-])")),
    # "the quarter", "the latest period", "the year-ago quarter", "the 1989 period", "last year's quarter",
    # "the corresponding period last year", "year-earlier", "the quarter a year ago"
    ("quarter_ref", _c(rf"{B}(?:(?P<det>(?i:the|this|that|its|last\s+year's|this\s+year's|next\s+year's))\s+)?(?:(?P<adj>(?i:comparable\s+year-?ago|comparable\s+year-?earlier|latest|current|comparable|corresponding|same|previous|prior|recent|year-?earlier|year-?ago|fiscal|{YEAR4}))\s+)?"
                       rf"(?P<unit>(?i:quarter|period|year-?earlier|year-?ago))(?:\s+(?P<tail>(?i:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+(?:{YEAR4}|last\s+year))))?(?![\w-])")),
    # "The [year-ago] results"
    ("yearago", _c(rf"{B}(?P<x>(?i:year-?(?:earlier|ago)))(?![\w-])")),
    # "two weeks ago", "about a week ago", "over a decade ago", "a year earlier", "10 days later", "a week or so ago"
    ("ago", _c(rf"{B}(?P<approx>(?i:{APPROX_RE})\s+)?(?P<num>(?i:{NUM}))[\s-]+(?P<unit>(?i:{UNIT}))(?P<orso>(?i:\s+or\s+(?:so|more|two|three|four|five|six)))?"
               rf"\s+(?P<dir>(?i:ago|earlier|later|before|after|from\s+now|hence|back|previously|on))(?![\w-])")),
    # "for over two years" (the timex is "over two years"), "25 years", "a two-year hiatus", "the past three months"
    ("duration", _c(rf"{B}(?:(?P<pre>(?i:the\s+(?:past|last|next|coming|previous|following|first|final|same|better\s+part\s+of\s+a|whole|entire)|the|(?:past|last|next|first|recent|coming))\s+))?"
                    rf"(?P<approx>(?i:{APPROX_RE})\s+)?(?P<num>(?i:{NUM}))(?:\s+(?i:more|additional|full|straight|consecutive|long))?[\s-]+(?P<unit>(?i:{UNIT}))(?:[\s-]+(?i:long|old))?(?![\w-])")),
    # "recent months", "coming weeks": spans of time without a number
    ("vague_duration", _c(rf"{B}(?i:recent|the\s+next\s+(?:few|several)|the\s+first\s+(?:few|several))\s+(?P<unit>(?i:months|weeks|days|quarters|hours))(?![\w-])")),
    # "every year", "twice a year", "weekly", "each month"
    ("set", _c(rf"{B}(?P<x>(?i:(?:every|each)\s+(?:other\s+|single\s+)?(?:(?:{NUM})\s+)?(?:day|week|month|year|quarter|morning|afternoon|evening|night|weekend|decade|hour)s?"
               rf"|(?:every|each)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
               rf"|(?:once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|quarter|decade)"
               rf"|per\s+(?:day|week|month|year|quarter)|(?:bi-?)?weekly|monthly|annually|yearly|daily|nightly|hourly|quarterly"
               rf"|(?:every|each)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)(?:\s+and\s+(?:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))?|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:and|or)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?\s+(?:mornings|afternoons|evenings|nights)))(?![\w-])")),
    # "the 1990s", "the mid-1990s", "the '80s", "the nineties", "the early 1980s"
    ("decade", _c(rf"{B}(?:(?P<the>(?i:the))\s+)?(?:(?P<mod>(?i:early|mid|late|last\s+half\s+of\s+the|first\s+half\s+of\s+the))[\s-]+)?"
                  rf"(?:(?P<dec>(?:1[0-9]|20)\d0)'?s|'(?P<dec2>\d0)'?s|(?P<decw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))(?![\w])")),
    # "the 20th century", "the nineteenth century"
    ("century", _c(rf"{B}(?:(?P<the>(?i:the))\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[\s-]+(?i:century)(?![\w])")),
    # "the year two thousand", "nineteen ninety-six"
    ("spelled_year", _c(rf"{B}(?P<pre>(?i:the\s+year)\s+)?(?P<sy>(?i:{SPELLED_YEAR}))(?![\w-])")),
    # "1998", "fiscal 1989", "mid-2015", "the end of 1990", "early 1991", "the summer of 1989", "'98"
    ("year", _c(rf"(?<![\w$£€#.,/:'’-])(?:(?P<pre>(?i:fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year|{EARLY}|(?:the\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+of)?|(?:the\s+)?year[\s-]end))[\s-]+)?"
                rf"(?P<y>{YEAR4})(?P<sfx>'s)?(?![\d]|,\d|\.\d|:\d|/|-\d|\s*%|\s*(?i:percent|per\s+cent))")),
    # "this summer", "last spring", "the winter of nineteen ninety-four", "summer 2015"
    ("season", _c(rf"{B}(?:(?P<rel>(?i:this|last|next|this\s+past|this\s+coming|the\s+coming|the\s+past|the|early|late|mid|the\s+early|the\s+late|that|(?:early|late)\s+this|(?:early|late)\s+next|(?:early|late)\s+last))[\s-]+)?"
                  rf"(?P<season>(?i:{SEASONS}))(?:\s+(?i:of)\s+(?P<y>{YEAR4}|(?i:{SPELLED_YEAR}))|\s+(?P<y3>{YEAR4}))?(?![\w-])")),
    # "the weekend", "over the weekend" (span "the weekend")
    ("weekend", _c(rf"{B}(?P<rel>(?i:the|that))\s+(?i:weekend)(?![\w-])")),
    # year-end, the end of the year, the year, the full year, that year
    ("yearish", _c(rf"{B}(?P<x>(?i:(?:around\s+)?(?:the\s+)?year(?:'s)?[\s-]end|(?:the\s+)?(?:end|beginning|start|middle|turn|close)\s+of\s+the\s+(?:year|month|week|quarter|decade|century)"
                   rf"|the\s+(?:full|whole|entire|current|same|calendar|fiscal|current\s+fiscal|latest\s+fiscal|previous|prior|new)\s+year|the\s+year|that\s+year|the\s+week|the\s+month|that\s+month|that\s+week))(?![\w-])")),
    # now, currently, recently, the past, the future, the near term, soon
    ("ref", _c(rf"{B}(?P<x>(?i:(?:right\s+|just\s+)?now|(?<=at\s)the\s+time(?=\s*[,.;]|\s+(?:he|she|they|it|we))|as\s+soon\s+as\s+possible|currently|these\s+days|nowadays|at\s+present|presently|at\s+the\s+moment|at\s+this\s+time"
               rf"|(?:more\s+|most\s+|only\s+|very\s+)?recently|the\s+(?:recent\s+|distant\s+|immediate\s+)?past|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+|not-too-distant\s+)?future"
               rf"|the\s+(?:near|short|long|medium)\s+term|recent\s+(?:years|decades|times|weeks\s+and\s+months)"
               rf"|(?:coming|future|past|recent)\s+(?:years|months|weeks|days|decades|quarters)|the\s+(?:past|last)\s+(?:few\s+|several\s+)?(?:years|months|weeks|days|decades|quarters)|the\s+coming\s+(?:years|months|weeks|days|decades|quarters)"
               rf"|a\s+later\s+date|current(?!\s+(?:accounts?|affairs|events))|(?<!as\s)soon(?!\s+(?:as|after|afterwards?))|these\s+times|one\s+day(?=\s+(?:soon|in\s+the\s+future))))(?![\w-])")),
]

PRIORITY = {kind: i for i, (kind, _) in enumerate(PATTERNS)}
