"""Coreference: which person or group a name, a title, a role or a pronoun refers to."""
from __future__ import annotations

from ..types import ActorRef
from .names import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    country_of,
    ent_at,
    place_of,
    sent_at,
)

# the titles of who heads a state, and who heads its government
HEAD_TITLES = {"state": ("president", "king", "queen", "emperor", "emir", "sultan"),
               "government": ("prime", "premier", "chancellor")}
# "the two countries signed", "both governments": the states of a pair of people
STATE_PAIRS = {"countries", "nations", "governments", "states"}


class Coreference:
    """Methods of ArticleActors (register.py); they read its register of people and places."""

    # -- resolving

    def person_before(self, i: int, _depth: int = 0) -> ActorRef | None:
        """The person a he/she/his at token i refers to: the last one named in the sentence before it,
        else the subject of the previous sentence (a pronoun subject of the same gender there refers on:
        "She had talks planned with President Paz. Before that, she laid a wreath" is hers), else the last
        one named. A person whose gender the text gives (an honorific, a royal title, 'wife of') is never
        the referent of a pronoun of the other gender."""
        doc = self.doc
        want = PRONOUN_GENDER.get(doc[i].text.lower())

        def fits(p):
            return want is None or self.gender.get(id(p)) in (None, want)
        sent = sent_at(doc, i)
        strong = [(j, p) for j, p in self.mentions if id(p) not in self.weak and fits(p)]
        own = self._subject_of_clause(i)
        if own is not None and fits(own):
            return own
        inside = [p for j, p in strong if sent.start <= j < i]
        if inside:
            return inside[-1]
        ahead = self._subject_ahead(i)
        if ahead is not None and fits(ahead):
            return ahead
        prev = [p for j, p in strong if j < sent.start]
        if not prev:
            return None
        prev_sent = sent_at(doc, sent.start - 1) if sent.start > 0 else None
        prev_sent_start = prev_sent.start if prev_sent is not None else 0
        subjects = [p for j, p in strong if prev_sent_start <= j < sent.start and doc[j].dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        if prev_sent is not None and want is not None and _depth < 4:
            pron = next((t for t in prev_sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
                         and PRONOUN_GENDER.get(t.text.lower()) == want), None)
            if pron is not None:
                return self.person_before(pron.i, _depth + 1)
        return prev[-1]

    def _subject_of_clause(self, i: int) -> ActorRef | None:
        """'Arafat would inform King Hussein about his talks', 'Hussein was expected to brief Arafat on his
        talks': a possessive inside an argument of a verb is that verb's subject's (the subject of the verb
        an infinitive completes, for the infinitive), when the subject is a person named before it."""
        t = self.doc[i]
        cur = _verb_above(t, 7) if t.dep_ == "poss" else None
        for _ in range(3):
            if cur is None:
                return None
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < i), None)
            if subj is not None:
                return self._person_at(subj.i)
            cur = cur.head if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i and cur.head.pos_ in (
                "VERB", "AUX") else None
        return None

    def _subject_ahead(self, i: int) -> ActorRef | None:
        """'As second leg of his visit, Hu will visit Laos', 'During her stay, Merkel met ...': a possessive
        in a phrase written before the subject of its clause, with no one named before it in the sentence,
        is that subject's."""
        t = self.doc[i]
        verb = _verb_above(t, 6) if t.dep_ == "poss" else None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > i), None) if verb else None
        return self._person_at(subj.i) if subj is not None else None

    def _person_at(self, j: int) -> ActorRef | None:
        p = self.by_token.get(j)
        return p if p is not None and p.kind == "person" else None

    def group_before(self, i: int, role: str | None = None) -> list[ActorRef]:
        """'the two men', 'both', 'they': two people named in the same sentence before, else the last
        event with two or more participants, else the last two people named. A pair named by a title ('the
        two presidents') is the last group whose people all hold it, when the last group does not."""
        sent = sent_at(self.doc, i)
        title = role[:-1] if role and role.endswith("s") and role[:-1] in self.g["title_words"] else None
        if title:
            def holds(p):
                return p.kind != "person" or title in (p.role or "").lower().split()
            if self.last_group and not all(holds(p) for p in self.last_group):
                for at, group in reversed(self.groups):
                    if at < i and len([p for p in group if p.kind == "person"]) >= 2 and all(holds(p) for p in group):
                        return list(group)
        inside = []
        for j, p in self.mentions:
            if sent.start <= j < i and p not in inside:
                inside.append(p)
        if len(inside) >= 2:
            return inside[-2:]
        if self.last_group and self.last_group_at >= sent.start - 200:
            return list(self.last_group)
        seen = []
        for _j, p in reversed([(j, p) for j, p in self.mentions if j < i]):
            if p not in seen:
                seen.append(p)
            if len(seen) == 2:
                break
        return list(reversed(seen)) if len(seen) == 2 else []

    def by_role(self, word: str, i: int, state: str | None = None) -> ActorRef | None:
        """The last person named before token i whose title holds `word`; with `state` ('the French
        minister'), only one whose title names that state ('French Defence Minister')."""
        word = word.lower()

        def holds(p):
            if not p.role or word not in p.role.lower().split():
                return False
            return state is None or any(country_of(w) == state for w in p.role.split())
        for j, p in reversed(self.mentions):
            if j < i and holds(p):
                return p
        for p in reversed(self.people):
            if holds(p):
                return p
        return None

    @staticmethod
    def _state_of_person(p: ActorRef) -> str | None:
        """The state an actor stands for: a country itself, or the one a person's title names."""
        if p.kind == "country":
            return p.name
        if p.kind != "person":
            return None
        return next((c for c in map(country_of, (p.role or "").split()) if c), None)

    def _state_of_title(self, t) -> str | None:
        """The state a demonym on a title noun names: 'the French minister' -> France."""
        for c in t.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("NORP", "GPE"):
                return country_of(c.text)
        return None

    def resolve(self, t, _depth: int = 0) -> list[ActorRef]:
        """The actors an argument headed by token t names (with its conjuncts and appositions)."""
        out: list[ActorRef] = []
        self._resolve_one(t, out, _depth)
        for c in t.children:
            if c.dep_ == "conj" or (c.dep_ == "appos" and not out):
                self._resolve_one(c, out, _depth)
                for cc in c.children:
                    if cc.dep_ == "conj":
                        self._resolve_one(cc, out, _depth)
        uniq: list[ActorRef] = []
        for a in out:
            if all(a is not b and a.name != b.name for b in uniq) and all(a is not b for b in uniq):
                uniq.append(a)
        return uniq

    def _resolve_one(self, t, out: list, depth: int):
        if depth > 3 or t.i in self.skip:
            return
        lw = t.text.lower()
        if t.i in self.by_token:
            out.append(self.by_token[t.i])
            return
        if t.pos_ == "PRON" or t.tag_ in ("PRP", "PRP$", "WP"):
            if lw in PERSON_PRONOUNS:
                p = self.person_before(t.i)
                if p:
                    out.append(p)
            elif lw in GROUP_PRONOUNS:
                out.extend(self.group_before(t.i))
            elif lw in RELATIVE_PRONOUNS and t.head.dep_ == "relcl":
                out.extend(self.resolve(t.head.head, depth + 1))
            return
        if t.pos_ == "PROPN":
            ref = self._person_by_token(t.text, before=t.i)
            if ref:
                out.append(ref)
                return
        paired = any((c.dep_ == "nummod" and c.text.lower() in ("two", "2")) or c.text.lower() in ("both",)
                     for c in t.children)
        if lw in STATE_PAIRS and paired:
            # "the two governments signed six agreements": the states of the pair told before (or, with
            # none, of the pair the sentence names after it: "... after Wen held talks with Museveni"), when
            # their titles name two of them ("Chinese Premier", "Ugandan President")
            sent = sent_at(self.doc, t.i)
            pair = self.group_before(t.i)
            if not pair:
                for j, p in self.mentions:
                    if t.i < j < sent.end and p.kind == "person" and all(p is not q for q in pair):
                        pair.append(p)
                pair = pair[:2]
            states = list(dict.fromkeys(self._state_of_person(p) for p in pair))
            if len(states) >= 2 and None not in states:
                out.extend(ActorRef(name=c, kind="country") for c in states)
                return
            # with no pair to read them from, the pair's states and then the first states the article names before it ("Ukraine's
            # President Viktor Yushchenko told South Korean business leaders ... the two countries signed")
            named = []
            for j in sorted(self.by_token):
                a = self.by_token[j]
                if j >= t.i:
                    break
                if a.kind == "country" and a.name not in named:
                    named.append(a.name)
            both = list(dict.fromkeys([c for c in states if c] + named))
            if len(both) >= 2:
                out.extend(ActorRef(name=c, kind="country") for c in both[:2])
                return
        # "the two men", "both leaders"; "the two presidents" are the last pair who are both presidents
        if lw in self.g["pair_nouns"] and any(
                (c.dep_ == "nummod" and c.text.lower() in ("two", "2")) or c.text.lower() in ("both",) for c in t.children):
            out.extend(self.group_before(t.i, role=lw))
            return
        # "The two first met in Vladivostok": a bare "the two" as subject
        if lw == "two" and t.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "det" and c.text.lower() == "the" for c in t.children):
            out.extend(self.group_before(t.i))
            return
        # "delegations led by Silveira and her Angolan counterpart": a body is the people who lead it
        for c in t.children:
            if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head", "chair") and t.pos_ == "NOUN":
                for ag in c.children:
                    if ag.dep_ in ("agent", "prep") and ag.lower_ == "by":
                        for p in ag.children:
                            if p.dep_ == "pobj":
                                n = len(out)
                                out.extend(self.resolve(p, depth + 1))
                                if len(out) > n:
                                    return
        # an appositive or a compound that names someone: "her counterpart, Barack Obama"
        for c in t.children:
            if c.dep_ in ("appos",) and (c.i in self.by_token or c.pos_ == "PROPN"):
                n = len(out)
                self._resolve_one(c, out, depth + 1)
                state = self._state_of_title(t) if lw in self.g["title_words"] else None
                for p in out[n:]:
                    if state and p.kind == "person" and not p.role:
                        # "his Mexican counterpart, Luis Videgaray": the title is his
                        p.role = " ".join(x.text for x in t.subtree if x.i <= t.i and x.dep_ != "poss")
                return
        # "a Chinese head of state", "Japan's head of government": the person named before whose title is a
        # head of that state (a president, a monarch) or of its government (a prime minister, a premier)
        state = self._state_of_title(t) if lw == "head" else None
        if state:
            of = [p.lower_ for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj"]
            heads = HEAD_TITLES.get(of[0]) if of else None
            if heads:
                for word in heads:
                    p = self.by_role(word, t.i, state)
                    if p is not None:
                        out.append(p)
                        return
        # "the Italian leader": the person named before whose title heads that state or its government
        state = self._state_of_title(t) if lw == "leader" and any(
            c.dep_ == "det" and c.lower_ == "the" for c in t.children) else None
        if state:
            for word in HEAD_TITLES["government"] + HEAD_TITLES["state"]:
                p = self.by_role(word, t.i, state)
                if p is not None:
                    out.append(p)
                    return
        # a demonym or a named modifier on a group noun: "Japanese leaders", "U.S. Congress leaders"
        if lw in self.g["group_nouns"] or lw in self.g["title_words"]:
            found = []
            # "the Chinese premier", "the minister": a title alone is the person who holds it
            if lw in self.g["title_words"] and lw not in self.g["group_nouns"] and lw not in ("counterpart", "head", "chief"):
                p = self.by_role(lw, t.i, self._state_of_title(t))
                if p is not None and any(c.dep_ in ("det", "poss", "amod", "compound") for c in t.children):
                    out.append(p)
                    return
            # "his counterpart Barack Obama" parsed apart: the name right after the title
            nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
            if nxt is not None and nxt.text == "," and t.i + 2 < len(self.doc) and lw == "counterpart":
                nxt = self.doc[t.i + 2]  # "her Angolan counterpart, Fernando Dias dos Santos" parsed apart
            if nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B" and nxt.i in self.by_token:
                out.append(self.by_token[nxt.i])
                return
            for c in t.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss") and (c.i in self.by_token):
                    found.append(self.by_token[c.i])
                    for cc in c.children:
                        if cc.dep_ == "conj" and cc.i in self.by_token:
                            found.append(self.by_token[cc.i])
                elif c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
                    found.extend(self.resolve(c, depth + 1))
                elif c.dep_ == "prep" and c.text.lower() in ("from", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found.extend(self.resolve(p, depth + 1))
            if not found and lw in self.g["title_words"] and lw not in self.g["group_nouns"]:
                if any(c.dep_ == "det" and c.text.lower() == "the" for c in t.children) or any(
                        c.dep_ == "poss" for c in t.children):
                    p = self.by_role(lw, t.i, self._state_of_title(t))
                    if p:
                        found.append(p)
            # "U.S. Congress leaders" are the Congress's, not the United States' as well
            named_in = {country_of(f.name.split()[0]) for f in found if f.kind == "organization" and " " in f.name}
            found = [f for f in found if not (f.kind == "country" and f.name in named_in)]
            out.extend(f for f in found if f not in out)
            return
        # "APEC-member economies", "the French"; a city before a noun names a thing, not its state: "the Paris
        # climate agreement" has no French party, "the Minsk accords" no Belarusian one
        if t.ent_type_ == "" and t.pos_ in ("NOUN",):
            for c in t.lefts:
                for x in c.subtree:
                    if x.i in self.by_token and self.by_token[x.i].kind != "person" and self.by_token[x.i] not in out \
                            and not self._city_word(x):
                        out.append(self.by_token[x.i])

    def _city_word(self, x) -> bool:
        """Token x is part of a city's name (a capital stands for its state only as an actor: 'Moscow said')."""
        ent = ent_at(self.doc, x.i)
        pl = place_of(ent.text if ent is not None else x.text)
        return bool(pl and pl[1] and pl[0] != pl[1])

    def note_group(self, actors: list[ActorRef], at: int):
        """Remember the participants of the last event with two or more ('the two ministers' later)."""
        if len(actors) >= 2:
            self.last_group = list(actors)
            self.last_group_at = at
            self.groups.append((at, list(actors)))


def _verb_above(t, steps: int):
    """The verb a word's phrase hangs on, within `steps` heads up (the word itself if it is one), or None."""
    cur = t
    for _ in range(steps):
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            break
        cur = cur.head
    return cur if cur.pos_ in ("VERB", "AUX") else None
