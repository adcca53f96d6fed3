"""Read a matched signal in its context: negation, hypotheticals, whose experience, when, jokes.

The cues are data (`content/text/context.yaml`); this module decides where to look for them:
- negation: the last three words before the signal, in its clause;
- hypothetical: the part of its sentence before it, up to a contrast word ("but", "now");
- subject: the nearest person word before it, in its clause, else in its sentence;
- time: past cues around it in its sentence, or a recovery story anywhere in the text, unless a
  recent cue ("last night", "again") sits in its sentence;
- laughter: in its sentence or just after it;
- idioms: an everyday expression starting at or before the signal and covering its start, or
  a topic ("suicide rates") that starts inside the signal and runs on past its end.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from waylight.core.content import load_data
from waylight.core.textrisk import discourse
from waylight.core.textrisk.cue_patterns import ProbedPattern, either, expanded
from waylight.core.textrisk.rules import Match, Subject, normalise
from waylight.core.textrisk.scanner import Scanner

CONTEXT_FILE = "text/context.yaml"

Experiencer = Literal["self", "other"]
Time = Literal["current", "past"]
# The kind of everyday cause a text names (`ContextReader.everyday_cause`): one of an injury or
# a mark itself (`other_cause`: a pet, a fall, thorns), or an everyday sense of the word "cut"
# (`word_cause`: a haircut), which explains the word and not a mark, or a short absence named
# (`short_absence`: away this weekend), which explains "not around" and not an ending, or a
# meal missed for a blood test or an operation (`medical_fast`), which explains not eating.
EverydayCause = Literal["injury", "word_sense", "absence", "fast"]
# How the writer tells their thoughts of death as passive (`ContextReader.passive_told`): the
# passive kind named, or only no plan or intent said.
PassiveTold = Literal["named", "no_plan"]

NEGATION_WINDOW_WORDS = 3
# "has disclosed ongoing suicidal thoughts": the words allowed between a disclosure verb and
# the signal it governs.
DISCLOSED_WITHIN_WORDS = 3
LAUGHTER_TAIL_CHARS = 25
# How far after a signal a bare denial of someone's belief about the writer is looked for
# ("she's convinced I'm suicidal. I'm NOT."): the rest of a short sentence and the denial.
BELIEF_DENIAL_CHARS = 60
# How far after a signal the writer's own saying may be taken back ("... when I dropped the
# cake. Obviously didn't mean it."): `_saying_taken_back`.
SAYING_CHARS = 80
# How far after a signal the correction of a mistaken survey answer to never is looked for
# ("... by mistake for thoughts of self-harm. I meant 'never'."): the rest of the sentence and
# the next short one.
ANSWER_CORRECTION_CHARS = 80
# How far after a joking signal a taking-back of the joke is looked for ("i want to die lol
# jk. unless", "lol. no but actually. i do"): it often follows in the next short sentence.
TAKEN_BACK_CHARS = 60
# How far after a denied signal a taking-back of the denial is looked for ("I had no plan to
# end my life, but that was a lie"): the same or the next short sentence.
DENIAL_TAKEN_BACK_CHARS = 80
# Idioms naming a topic ("suicide rates", "self-harm awareness"): a signal whose last words open
# one ("thinking about suicide rates for my essay") is about the topic, not the act.
TOPIC_IDIOMS = frozenset({"ID-INFORMATION"})

_SENTENCE_END = re.compile(r"[.!?\n]+")
# Punctuation that ends a clause, or a span of a sentence (the words that do too are cues:
# `clause_break`, `span_break`).
# A comma inside "never, ever" stresses the denial and does not open a new clause. (Each
# alternative starts with its character, the lookbehind after the comma, so the regex engine
# rejects most places at once: the same matches, about a third less time per text.)
_CLAUSE_PUNCTUATION = r"(?:[.!?;:\n]|,(?<!\bnever,)|,(?!\s+ever\b))+"
_SPAN_PUNCTUATION = r"[.!?;\n]+"
# A quotation in double, typographic or single marks (a single mark not inside a word).
_QUOTATION = re.compile(
    r"[\"“”«»]([^\"“”«»\n]{2,400})[\"“”«»]|(?<!\w)['‘]([^'‘’\n]{2,400})['’](?!\w)"
)

# The bare word "clean", set aside in a text that tells a stretch sober from a named habit.
_BARE_CLEAN = re.compile(r"\bclean\b")
# A lapse told bare ("relapsed once at a wedding"), in a text whose stretch is sober or clean from
# a named substance or habit: a lapse of that same stretch, not a word of self-harm.
# So is cutting down or back on it ("just cutting down"), not cutting down an arm.
_BARE_LAPSE = re.compile(
    r"\b(?:relaps\w*|slip(?:ped)? up|slipped|lapsed?"
    r"|cut(?:ting)? (?:down|back|out)(?! (?:my|into|the|on my|her|his)\b))\b"
)


@dataclass(frozen=True)
class Reading:
    """What a matched signal means in its context."""

    negated: bool
    hypothetical: bool
    experiencer: Experiencer
    time: Time
    joking: bool
    idiom: str | None
    # For an attempt only (no other reading asks): a recent cue ("again", "last night") around
    # it, not a state told after the act ("still not ok", `act_state`): a past attempt told
    # with one is recent, not a history.
    recent: bool = False
    # Someone else's because a third person is named as its subject ("my sister", "she",
    # "herself", a speaker quoted, a song or a report), not only because no one is named
    # ("suicide is..." with no person) or a general "you" / "anyone" asks.
    named_other: bool = False
    # An attempt told as long-past recovery: dated a year or more back, the writer told well
    # now, and nothing in the text says it still weighs (labelling guide: concern `watch`).
    long_past: bool = False
    # For an attempt only: the text tells the wish to do it again now ("I'll try again",
    # "still want to do it", "get it right next time"; `attempt_repeat`): the attempt told with
    # the intent still there, whenever it was (labelling guide: `urgent`).
    repeat: bool = False

    @property
    def counts_for_writer(self) -> bool:
        """The writer's own, affirmed, real experience (past or current)."""
        return (
            self.experiencer == "self"
            and not self.negated
            and not self.hypothetical
            and self.idiom is None
        )


@dataclass(frozen=True)
class TextCues:
    """Cues read over a whole text: `support` (advice or encouragement for someone else) and
    `idiom` (an everyday idiom, in a text that is not support). Read once per text: the
    reader's features and the model veto both ask, and each is a scan of the whole text."""

    support: bool
    idiom: bool
    # A song, a story, a film, the news ("reported" cues) in a text that is neither support
    # nor an idiom: with no signal of the writer's own, the words are most likely the story's.
    story: bool = False

    @property
    def veto(self) -> bool:
        """Support, an idiom or a story: the model may not raise levels."""
        return self.support or self.idiom or self.story


NO_CUES = TextCues(support=False, idiom=False)


def _blank(found: re.Match[str]) -> str:
    """The matched words as spaces, offsets kept."""
    return " " * (found.end() - found.start())


def _words(patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w']){either(patterns)}(?![\w'])")


def _plain(patterns: Sequence[str]) -> re.Pattern[str]:
    """Cues that may be emoji or punctuation: bounded only where they start with a letter."""
    return re.compile(_plain_source(patterns))


def _plain_probed(patterns: Sequence[str]) -> ProbedPattern:
    """`_plain` cues searched behind a probe for the words they need (`ProbedPattern`): for a
    long list searched in every sentence that holds a signal."""
    return ProbedPattern(expanded(patterns), _plain_source(patterns))


def _plain_source(patterns: Sequence[str]) -> str:
    parts = [rf"(?<!\w){p}(?!\w)" if p[:1].isalnum() else p for p in expanded(patterns)]
    return "|".join(parts)


def _scanner(patterns: Sequence[str]) -> Scanner:
    return Scanner([("cue", expanded(patterns))])


# How far back a rule that refers back ("I've been doing it") looks for what "it" is.
ANTECEDENT_CHARS = 300
# The bare adjective "suicidal" (however spelt), and what may stand around it on a diary line.
_BARE_STATE = re.compile(r"su[a-z]{1,5}d(?:al|le)")
_ENTRY_MARKS = " .!-\u2013\u2014:|*~"
# Where a subject-less fragment's clause ends: a comma, a dash, a semicolon or "and"/"but".
_FRAGMENT_BREAK = re.compile(r"\s*(?:[,;:\u2013\u2014]|\s-\s|\.\.\.)|\s+(?:and|but|so|yet)\s")


class ContextReader:
    """Compiled context cues, and the logic that applies them to one text's matches."""

    def __init__(self) -> None:
        data = load_data(CONTEXT_FILE, schema="text_context")
        cues = {name: cue["patterns"] for name, cue in data["cues"].items()}
        self._negation = _words(cues["negation"])
        self._pseudo_negation = _words(cues["pseudo_negation"])
        self._hypothetical = _words(cues["hypothetical"])
        self._subject = re.compile(
            # Not inside a word or after a contraction's apostrophe ("don't"), but a person
            # word may open a quotation ("I told my mate 'I want to...'").
            r"(?<!\w)(?<!\w')(?:(?P<self>"
            + "|".join(expanded(cues["self_subject"]))
            + r")|(?P<weak>"
            + "|".join(expanded(cues["weak_self_subject"]))
            + r")|(?P<other>"
            + "|".join(expanded([*cues["other_pronoun"], *cues["other_subject"]]))
            # A possessive names the person too: "the author's", "my friend's".
            + r")(?:'s|s')?)(?![\w'])"
        )
        self._disclosure = _words(cues["disclosure"])
        # Traces another person saw or asked about ("my gf saw the new cuts"): the one who saw
        # is named, but the traces may well be the writer's. Before a signal (up to two words
        # between) and at its start.
        seen_by = expanded(cues["seen_by"])
        before = seen_by + expanded(cues["seen_by_before"])
        self._seen_by_someone = re.compile(r"\b(?:" + "|".join(before) + r")\s+(?:\S+\s+){0,2}$")
        self._seer_opens = re.compile(r"(?:" + "|".join(seen_by) + r")\b")
        self._trailing_negation = _words(cues["trailing_negation"])
        self._no_joke_after = _words(cues["no_joke_after"])
        # Someone's belief about the writer ("mum thinks I'm ...") and a bare denial of it
        # just after the signal ("... I'm not."): read together by `_belief_denied`.
        self._belief_about_me = _words(cues["belief_about_me"])
        # The writer's own saying just before a signal, taken back just after it or with being
        # suicidal denied before it ("not suicidal lol i just said i want to die"): read
        # together by `_saying_taken_back`.
        self._own_saying = re.compile(either(cues["own_saying"]))
        self._saying_not_meant = _words(cues["saying_not_meant"])
        self._saying_denied_before = _words(cues["saying_denied_before"])
        self._belief_denial = _words(cues["belief_denial"])
        # A survey answer given by mistake before the signal and corrected to never just after
        # it ("I ticked 'sometimes' by mistake for thoughts of self-harm. I meant 'never'."):
        # read together by `_answer_corrected`.
        self._answer_mistaken = _words(cues["answer_mistaken"])
        self._answer_corrected_never = _words(cues["answer_corrected_never"])
        # The opposite correction: a mistaken "never" before the signal, the real answer just
        # after it ("I ticked never on the self-harm question by mistake, the real answer is
        # often"): read together by `_answer_corrected_up`.
        self._answer_real = _words(cues["answer_corrected_up"])
        # A denial taken back just after it ("... but that was a lie, I have one").
        self._denial_taken_back = _words(cues["denial_taken_back"])
        # A feeling's strength said straight after the signal ("never wanted to relapse so
        # badly"): the "never" measures it, it does not deny it (`strength_after`).
        self._strength_after = _plain(cues["strength_after"])
        self._not_back = _words(cues["not_back"])
        # An everyday cause of a mark named by the writer ("the cat scratched me", "I fell"),
        # read only in a text whose every signal the writer denied (`everyday_cause`).
        self._other_cause = _words(cues["other_cause"])
        # An everyday sense of the word "cut" (a haircut): a cause of the word, not of a mark.
        self._word_cause = _words(cues["word_cause"])
        # A laugh or a trivial cause beside a denial, and distress that makes it no light one.
        self._light_denial = _plain(cues["light_denial"])
        self._negation_filler = _words(cues["negation_filler"])
        self._light_denial_distress = _words(cues["light_denial_distress"])
        # A short absence named ("in case I'm not around this weekend, I'm at a wedding"): a
        # cause of the words "not around", not of a mark.
        self._short_absence = _words(cues["short_absence"])
        # A meal missed for a blood test, a scan or an operation ("no breakfast before my
        # blood test"): a cause of not eating, not of a mark.
        self._medical_fast = _words(cues["medical_fast"])
        # A cause told to others or given as an excuse ("I tell everyone it was the cat"):
        # a cover story, which cancels `other_cause`.
        self._cover_story = _words(cues["cover_story"])
        # A stretch of a month or more clean, and what keeps such a text current anyway
        # (an urge, a wish, a lapse; a denied urge taken out first): `clean_stretch`.
        self._clean_stretch = _words(cues["clean_stretch"])
        self._urge_denied = _words(cues["urge_denied"])
        self._urge_now = _words(cues["urge_now"])
        # A stretch sober or clean from a named substance or habit ("six months sober", "100
        # days clean, smoke-free"): `sober_stretch`.
        self._sober_stretch = _words(cues["sober_stretch"])
        # The writer's daily medicine told as taken on its round ("already took my meds this
        # morning"): `medicine_routine`.
        self._medicine_routine = _words(cues["medicine_routine"])
        self._generic_you = _words(cues["generic_you"])
        # A general question about telling someone of one's own state ("how do you tell a
        # nurse you want to die"), ending just before the signal: the asker's own.
        teller_verb = either(cues["generic_teller_verb"])
        self._generic_teller = re.compile(
            rf"(?<![\w'])(?:{either(cues['generic_teller_open'])} {teller_verb}"
            rf"{either(cues['generic_teller_you'])}"
            rf"|{either(cues['generic_teller_open_anyone'])} {teller_verb}"
            rf"{either(cues['generic_teller_they'])})\s*$"
        )
        # A question asking for a way to die in the general "you" or with no person ("what's
        # the easiest way to kill yourself", "how to commit suicide"), ending just before the
        # signal: the asker's own.
        self._method_asker = re.compile(
            rf"(?<![\w']){either(cues['method_asker'])}"
            rf"(?: {either(cues['method_asker_manner'])})?\s*$"
        )
        # The same opening as the first words of the matched signal ("how do you kill
        # yourself", "quickest way to end your life").
        self._method_asker_opens = re.compile(rf"{either(cues['method_asker'])}(?![\w'])")
        # The question about a game, a story or a character, after the signal.
        self._method_asker_not = _words(cues["method_asker_not"])
        self._risk_topic = _words(cues["risk_topic"])
        self._self_harm_topic = _words(cues["self_harm_topic"])
        self._antecedent_denied = re.compile(either(cues["antecedent_denied"]))
        self._antecedents = {
            "self_harm": _words(cues["self_harm_antecedent"]),
            # A death told before a wish to join the one who died ("...joining her").
            "death": _words(cues["death_antecedent"]),
            "self_harm_streak": _words(
                [*cues["self_harm_antecedent"], *cues["self_harm_streak_antecedent"]]
            ),
            "self_harm_around": _words(
                [
                    *cues["self_harm_antecedent"],
                    *cues["self_harm_streak_antecedent"],
                    *cues["self_harm_around"],
                ]
            ),
        }
        # An everyday reason to part with things (a move, a clear-out, a sale) near things
        # given away: the giving is that reason's, not a step taken before dying.
        self._clear_out_reason = _words(cues["clear_out_reason"])
        # A streak of another habit ("90 days sober", "quit vaping") near an urge told as "it".
        self._other_habit = _words(cues["other_habit"])
        # An everyday habit near a euphemism ("the old habit is back, three coffees a day").
        self._any_habit = _words([*cues["other_habit"], *cues["everyday_habit"]])
        # Any other count kept in days (an app, a game, the gym) beside those habits: a reset
        # told with no self-harm word is self-harm's only when none of them is named near it.
        self._any_streak = _words(
            [*cues["other_habit"], *cues["everyday_habit"], *cues["other_streak"]]
        )
        self._urge = _words(cues["urge"])
        self._own_fragment = _words(cues["own_fragment"])
        self._own_fragment_they = _words(cues["own_fragment_they"])
        self._own_having_opens = re.compile(either(cues["own_having_opens"]))
        self._own_harm_fragment = _words(cues["own_harm_fragment"])
        self._fragment_told = _words(cues["fragment_told"])
        self._topic_list_head = _words(cues["topic_list_head"])
        self._named_teller = re.compile(rf"(?<![\w']){either(cues['named_teller'])}\s*$")
        self._bare_entry_label = re.compile(rf"(?:{either(cues['bare_entry_label'])})?")
        self._own_form = _words(cues["own_form"])
        self._own_form_field = _words(cues["own_form_field"])
        self._inner_voice = _words(cues["inner_voice"])
        self._record_of_other = _plain_probed(cues["record_of_other"])
        # Life admin with its everyday reason named ("the life insurance since we've got the
        # mortgage"): `arranged_for_reason`.
        self._arranged_for_reason = _plain_probed(cues["arranged_for_reason"])
        # Words that undo such a reason: the arrangement is for the writer's own absence ("if
        # something happens to me", "won't need them"): `arranged_undone`.
        # An arrangement named with the everyday object or occasion it is for ("if something
        # happens to my phone", a move, a leaving do): `arranged_everyday`.
        self._arranged_everyday = _plain_probed(cues["arranged_everyday"])
        self._arranged_undone = _words(cues["arranged_undone"])
        # A wording like a wish to be dead or gone completed by an everyday detail ("wish i
        # didnt wake up so early", "stop being the last one to reply", "alive at ninety"):
        # `everyday_completion`.
        self._everyday_completion = _words(cues["everyday_completion"])
        # A goodbye note, a letter or a goodbye asked about and not yet written or said ("how do
        # i write a note so my parents know"), undone by a step told as taken:
        # `farewell_asked`, `farewell_taken`.
        self._farewell_asked = _plain(cues["farewell_asked"])
        self._farewell_taken = _plain(cues["farewell_taken"])
        # A goodbye said to a place or people on a move ("said goodbye to the street"): no
        # word of suicide there (`everyday_goodbye`).
        # A place told as clean or tidy ("room is so clean now") is no word of self-harm there
        # either (`everyday_clean`).
        self._goodbye_or_clean = _words([*cues["everyday_goodbye"], *cues["everyday_clean"]])
        # Marks seen on someone named by a possessive ("saw Jordan's arms"), unless the writer
        # claims traces or the act too: `traces_of_other`.
        self._traces_of_other = _words(cues["traces_of_other"])
        self._own_traces = _words(cues["own_traces"])
        self._self_too = _scanner(cues["self_too"])
        self._relative_i = _words(cues["relative_i"])
        self._past = _words(cues["past"])
        self._recent = _words(cues["recent"])
        # A first time in years told right after the act ("cut myself for the first time in five
        # years"): a relapse, current even after a past cue that dates what led to it, unless
        # that cue puts it years back (`long_ago`: "years ago", "when I was 14").
        self._relapse_after = re.compile(rf"\s*(?:{either(cues['relapse_after'])})(?![\w'])")
        self._long_ago = _words(cues["long_ago"])
        self._act_state = _words(cues["act_state"])
        self._attempt_just_now = _words(cues["attempt_just_now"])
        self._attempt_repeat = _words(cues["attempt_repeat"])
        # Only at the very start of the next sentence, after its opening signs.
        still_do = either(cues["still_do_next"])
        self._still_do_next = re.compile(rf"[\s.!?,;:]*(?:{still_do})(?![\w'])")
        self._early_stretch = _words(cues["early_stretch"])
        # A time word that also breaks a span ("today", "just now"): a recent cue for the span
        # it opens or closes, weaker than a past cue in that span, stronger than a recovery.
        self._recent_break = _words(cues["recent_break"])
        # A habit told in the past tense before a signal ("I was cutting every day", "I was
        # posting every night about cutting"): its frequency is not a recent cue. Read in the
        # words before the signal, or opening the signal's own words.
        habit = either(cues["habit_past"])
        self._habit_in = re.compile(rf"(?<![\w']){habit}\s")
        self._habit_opens = re.compile(rf"{habit}\s")
        self._frequency = _words(cues["frequency"])
        # A self-harm signal in the present perfect ("I've been cutting again"): a past word
        # before that form dates something else. Opening the signal's words or just before.
        ongoing = either(cues["ongoing"])
        self._ongoing_opens = re.compile(rf"{ongoing}\s")
        self._ongoing_ends = re.compile(rf"(?<![\w']){ongoing}\s+$")
        self._ongoing_since = re.compile(rf"\s*(?:{either(cues['ongoing_since'])})")
        self._having_ends = re.compile(rf"(?<![\w']){either(cues['ongoing_having'])}\s+$")
        # Scars told as old ("my old scars", "I still have the scars"), unless a fresh cue
        # is near ("and a new one").
        self._old_trace = re.compile(either(cues["old_trace"]))
        self._fresh_trace = _words(cues["fresh_trace"])
        # A past attempt told as long-past recovery (`Reading.long_past`), read over the text.
        self._attempt_long_ago = _words(cues["attempt_long_ago"])
        self._attempt_recovered = _words(cues["attempt_recovered"])
        self._attempt_still_hard = _words(cues["attempt_still_hard"])
        self._distress_lasting = _words(cues["distress_lasting"])
        self._course_of_something_else = _words(cues["course_of_something_else"])
        self._emptiness_lasting = _words(cues["emptiness_lasting"])
        self._thoughts_passive = _words(cues["thoughts_passive"])
        self._thoughts_no_plan = _words(cues["thoughts_no_plan"])
        self._thoughts_background = _words(cues["thoughts_background"])
        self._thoughts_active = _words(cues["thoughts_active"])
        self._trace_noun = re.compile(rf"\b{either(cues['trace_noun'])}\b")
        self._trace_noun_next = re.compile(rf"[ -](?:{either(cues['trace_noun'])})\b")
        self._laughter = _plain(cues["laughter"])
        self._taken_back = _words(cues["laughter_taken_back"])
        # Searched in the sentence of each signal: most sentences hold none of its words.
        self._reported = _plain_probed(cues["reported"])
        # Searched over whole texts: the fast scanner (see scanner.py).
        self._recovery = _scanner(cues["recovery"])
        self._reported_text = _scanner(cues["reported"])
        self._support = _scanner(cues["support"])
        # Where a clause or a span of a sentence ends (see `_TextView`).
        self._clause_end = re.compile(rf"{_CLAUSE_PUNCTUATION}|\b{either(cues['clause_break'])}\b")
        self._span_end = re.compile(rf"{_SPAN_PUNCTUATION}|\b{either(cues['span_break'])}\b")
        self._contrast = re.compile(rf"\b{either(cues['contrast'])}\b")
        # Past words that a rule's own wording may include ("stopped cutting").
        self._past_in_match = re.compile(rf"\b{either(cues['past_in_match'])}\b")
        # Where the subject of a disclosure verb begins: after the last of these words.
        self._subordinate = re.compile(rf"\b{either(cues['subordinate'])}\b")
        # "Thanks for telling me about...": the one thanked is the one who told.
        self._thanks_for = re.compile(rf"\b{either(cues['thanks'])} for\s*$")
        # "Me" after a preposition ("the girl next to me has...") or told something ("her mum
        # told me...") is not who the clause is about.
        self._me_after_preposition = re.compile(rf"\b{either(cues['me_after_preposition'])} $")
        self._me_told = re.compile(rf"\b{either(cues['told_me'])} $")
        # The writer taking up quoted words later in the text ("... that line is how I feel").
        self._taken_up_later = re.compile(rf"\b{either(cues['taken_up_later'])}")
        # A topic noun followed by whom it concerns ("self-harm in a 16-year-old", "what
        # self-harm did to my cousin"): the words before that person.
        self._concerns = re.compile(
            rf"\s*{either(cues['concerns'])} (?:{either(cues['concerns_modifier'])} )*"
        )
        # Traces said to be on the writer right after the signal ("the marks on my thigh").
        self._mine_after = re.compile(rf"\s*{either(cues['mine_after'])} (?:my|me)\b")
        # Words aimed at the one addressed ("kys", "kill yourself", "your arm").
        self._addressed = re.compile(rf"\b{either(cues['addressed'])}\b")
        # Person words that name no one in particular, matched as a whole person word.
        self._general_person = re.compile(rf"{either(cues['general_person'])}(?:'s|s')?")
        self._reflexive_third = re.compile(rf"\b{either(cues['reflexive_third'])}\b")
        self._reflexive_other = re.compile(rf"\b{either(cues['reflexive_other'])}\b")
        self._noun_phrase = re.compile(rf"\b{either(cues['determiner'])}\s+\w+")
        # A person noun that names the writer ("I'm a 16 year old who...", "as a mum of two"):
        # the noun is the predicate of "I am" or of "as", right before it.
        # Not where a preposition and a possessive come between ("I am a carer for my
        # partner, who..."): that noun is someone in the writer's care.
        self._writer_is = re.compile(
            rf"\b{either(cues['writer_is'])} {either(cues['writer_is_article'])}"
            rf"(?!(?: [\w-]+)*? {either(cues['writer_is_not'])}\b)"
            r"(?: [\w-]+){0,3} $"
        )
        # A pronoun is never that predicate noun ("talking about being a burden and saying
        # she..." is someone else's, whatever "being a" came before it).
        self._pronoun = re.compile(rf"{either(cues['other_pronoun'])}(?:'s|s')?")
        self._lyric_mark = re.compile(either(cues["lyric_mark"]))
        # Questions, quotations, denials, seeing and hearing (see `discourse.py`).
        self._discourse = discourse.Discourse(cues)
        # Whose words a text gives, and whose experience a signal is.
        self._reflexive_self = re.compile(rf"\b{either(cues['reflexive_self'])}\b")
        # "I'm someone who...", "I am somebody who...": the indefinite pronoun names the writer.
        self._writer_is_someone = re.compile(
            rf"\b{either(cues['writer_is_someone'])}"
            rf" (?:{either(cues['writer_is_someone_filler'])} )?$"
        )
        self._someone = frozenset(cues["someone"])
        # "my" right before a signal ("my fresh cuts"): the writer's, whoever else the clause
        # names.
        self._my_just_before = re.compile(rf"\b{either(cues['my_just_before'])}\s*$")
        self._third_singular_act = re.compile(either(cues["third_singular_act"]))
        # A speaker named by "my" and a noun the person list lacks ("my freind said '...'").
        self._my_noun_end = re.compile(
            rf"\b{either(cues['my_noun'])} (?:[\w'-]+ ){{0,2}}?[\w'-]+\s*$"
        )
        # A noun phrase closed by "who" (and a word) just before a verb of saying or a signal
        # ("a firefighter who said", "an old sailor who wants to die").
        self._noun_who_end = re.compile(
            rf"\b{either(cues['noun_who_determiner'])}\s+(?:[\w'-]+\s+){{0,3}}?"
            rf"{either(cues['relative_who'])}\s+(?:\w+\s+)?$"
        )
        # The same noun phrase whose "who" clause goes on past a short verb phrase joined by
        # "and" to the signal ("a musician who had depression and attempted suicide"): the
        # second verb shares the noun as its subject.
        self._noun_who_and_end = re.compile(
            rf"\b{either(cues['noun_who_determiner'])}\s+(?:[\w'-]+\s+){{0,3}}?"
            rf"{either(cues['relative_who'])}\s+(?:[\w'-]+\s+){{1,4}}?"
            rf"{either(cues['relative_and'])}\s+$"
        )
        # A name (any word but a pronoun or a thing) with "'s been" before a verb of saying.
        self._name_has_been = re.compile(
            rf"\b(?!{either(cues['not_a_name'])}'s)[a-z]+'s (?:{either(cues['has_been'])} )*$"
        )
        # Words that tell of a loss that lasts when a sign of depression holds them ("stopped
        # going to work"), set aside before the time of that sign is read.
        self._stopped = re.compile(rf"\b{either(cues['stopped'])}\b")
        self._idiom_ids = {f"i{i}": idiom["id"] for i, idiom in enumerate(data["idioms"])}
        self._idioms = Scanner(
            [(f"i{i}", expanded(idiom["patterns"])) for i, idiom in enumerate(data["idioms"])]
        )
        # An idiom of scope "match" only sets aside the signal it overlaps; it does not stop
        # the model for the whole text. A common everyday word sense ("cutting the labels
        # out") can sit in a text whose risk is elsewhere and found only by the model.
        self._text_idioms = Scanner(
            [
                (f"i{i}", expanded(idiom["patterns"]))
                for i, idiom in enumerate(data["idioms"])
                if idiom.get("scope", "text") == "text"
            ]
        )

    def has_topic(self, text: str, head: str) -> bool:
        """Whether `text` holds a word that carries suicide risk ("risk") or self-harm."""
        pattern = self._risk_topic if head == "risk" else self._self_harm_topic
        return pattern.search(normalise(text)) is not None

    def harm_named(self, lowered: str) -> bool:
        """Whether the text holds a word of self-harm, its traces or its hiding
        (`self_harm_topic`: "cut", "burns", "scars", "sleeves"). Asked only where the rules
        counted the writer's own preparation for suicide and matched no self-harm signal."""
        return self.has_topic(lowered, "self_harm")

    def text_cues(self, lowered: str) -> TextCues:
        """The support and idiom cues of a text; idioms are looked for only when it is not
        support (then nothing asks whether it holds one)."""
        support = self._support.search(lowered)
        idiom = not support and self._text_idioms.search(lowered)
        story = (
            not support
            and not idiom
            and self._reported_text.search(lowered)
            and self._only_quoted_risk(lowered)
        )
        return TextCues(support, idiom, story)

    def clean_stretch(self, lowered: str) -> bool:
        """Whether the text tells a stretch of a month or more since the writer's last
        self-harm (`clean_stretch`: "two months clean", "I stopped 3 months ago") with no urge,
        wish, lapse or recent night anywhere in it (`urge_now`, read after the denied urges of
        `urge_denied` are taken out: "no urges at all this week" is no urge). Labelling guide:
        such a stretch is past. Asked only where the rules counted nothing above indicator and
        a trained reader could raise something, so it is no scan of every text."""
        if self._clean_stretch.search(lowered) is None:
            return False
        rest = self._urge_denied.sub(" ", lowered)
        return self._urge_now.search(rest) is None

    def sober_stretch(self, lowered: str) -> bool:
        """Whether the text tells a stretch sober or clean from a substance or a habit it names
        (`sober_stretch`: "six months sober", "100 days clean, smoke-free", "quit drinking a
        year ago") and holds no word of self-harm or suicide anywhere ("clean" with none named
        is self-harm shorthand and is not read here). The word "clean" alone, which the rules
        counted nowhere, is read as that same stretch's ("six months sober. clean and proud"), and
        so is a lapse told bare ("thirty days clean from booze ... relapsed once at a wedding") or
        a cutting down ("just cutting down"): a relapse with self-harm or suicide named beside
        it still holds such a word.
        Asked only where the rules counted nothing and a trained reader could raise something,
        so it is no scan of every text."""
        if self._sober_stretch.search(lowered) is None:
            return False
        rest = _BARE_LAPSE.sub(" ", _BARE_CLEAN.sub(" ", self._sober_stretch.sub(" ", lowered)))
        return not (self.has_topic(rest, "self_harm") or self.has_topic(rest, "risk"))

    def medicine_routine(self, lowered: str) -> bool:
        """Whether the text tells the writer's own daily medicine taken on its round
        (`medicine_routine`: "already took my meds this morning", "had my tablets with
        breakfast") and holds no word of self-harm or suicide anywhere. Asked only where the
        rules counted nothing and a trained reader could raise something."""
        if self._medicine_routine.search(lowered) is None:
            return False
        return not (self.has_topic(lowered, "self_harm") or self.has_topic(lowered, "risk"))

    def arranged_for_reason(self, lowered: str) -> bool:
        """Whether the text tells life admin with its everyday reason beside it
        (`arranged_for_reason`: a will or life cover "since we've got the mortgage now", a
        pension nomination after the wedding) and holds no word of self-harm or suicide
        anywhere and none that makes it for the writer's own absence (`arranged_undone`).
        Asked only where the rules counted nothing and a trained reader could raise
        something, so it is no scan of every text."""
        if self._arranged_for_reason.search(lowered) is None:
            return False
        return self._arranged_stands(lowered)

    def farewell_asked(self, lowered: str) -> bool:
        """Whether the text asks about a goodbye note, a letter or a goodbye not yet written or
        said (`farewell_asked`: "how do i write a note so my parents know", "do I write one
        note or three?") and tells no step for after as taken (`farewell_taken`: a note
        written, things given away, a pet rehomed). Asked only where the rules counted no
        preparation of the writer's and a trained reader could raise something."""
        if self._farewell_asked.search(lowered) is None:
            return False
        return self._farewell_taken.search(lowered) is None

    def arranged_everyday(self, lowered: str) -> bool:
        """Whether the text tells an arrangement with the everyday object or occasion it is
        for (`arranged_everyday`: passwords kept in case something happens to a phone, things
        given away for a move, the writer's own leaving do), read as `arranged_for_reason` is.
        Asked only where the rules counted nothing and a trained reader could raise
        something."""
        if self._arranged_everyday.search(lowered) is None:
            return False
        return self._arranged_stands(lowered)

    def everyday_completion(self, lowered: str) -> bool:
        """Whether the text tells a wording that reads like a wish to be dead or gone but is
        completed by an everyday detail (`everyday_completion`: a time or a manner of waking,
        an everyday role or thing one wants to stop being, a far age), with no word of
        self-harm or suicide outside it. Asked only where the rules counted nothing above none
        and a trained reader could raise something."""
        if self._everyday_completion.search(lowered) is None:
            return False
        rest = self._everyday_completion.sub(" ", lowered)
        return not (self.has_topic(rest, "self_harm") or self.has_topic(rest, "risk"))

    def _arranged_stands(self, lowered: str) -> bool:
        """Whether an everyday reason named for an arrangement stands: no word makes the
        arrangement for the writer's own absence or the reason a cover story
        (`arranged_undone`: "happens to me", "won't need them", "told everyone I'm moving"),
        and no word of self-harm or suicide is in the text (a goodbye said to a place or to
        people, `everyday_goodbye`, or a place told as clean, `everyday_clean`, is none)."""
        if self._arranged_undone.search(lowered) is not None:
            return False
        rest = self._goodbye_or_clean.sub(" ", lowered)
        return not (self.has_topic(rest, "self_harm") or self.has_topic(rest, "risk"))

    def everyday_cause(self, lowered: str) -> EverydayCause | None:
        """The kind of everyday cause of a mark or an injury the text names, or None where it
        names none or tells a cover story (`cover_story`: "I tell everyone it was the cat",
        "if anyone asks"). "injury": a cause of the injury or the mark itself (`other_cause`:
        a pet that scratched, a fall, something caught on, an accident, a blood test, thorns,
        a sport, a kitchen cut, sleeves worn for the cold or the sun); "word_sense": only a
        haircut (`word_cause`), a cause of the word "cut", not of a mark; "absence": a short
        absence named (`short_absence`), a cause of "not around", not of an ending; "fast": a
        meal missed for a blood test, a scan or an operation (`medical_fast`), a cause of not
        eating. Asked only of a text in which nothing counted, every signal was denied
        (`Tally.denied`) or an everyday reading or there was none (`Tally.everyday`), and a
        trained reader could raise something, so it is no scan of every text."""
        kind: EverydayCause
        if self._other_cause.search(lowered) is not None:
            kind = "injury"
        elif self._word_cause.search(lowered) is not None:
            kind = "word_sense"
        elif self._short_absence.search(lowered) is not None:
            kind = "absence"
        elif self._medical_fast.search(lowered) is not None:
            kind = "fast"
        else:
            return None
        return kind if self._cover_story.search(lowered) is None else None

    def light_denial(self, lowered: str) -> bool:
        """Whether a denial in the text is plainly light-hearted (`light_denial`: a laugh
        marker, "over a bad haircut", "just hungry", "because I lost the game") with no word of
        distress anywhere in it (`light_denial_distress`: "worn out", "tired", "alone"). Asked
        only where every signal was the writer's own and denied, nothing counted, and a trained
        reader could raise something."""
        if self._light_denial.search(lowered) is None:
            return False
        return self._light_denial_distress.search(lowered) is None

    def _only_quoted_risk(self, lowered: str) -> bool:
        """A quotation holds words of risk or self-harm and the words outside every quotation
        hold none ("the chorus goes '...' and the drop is unreal")."""
        quoted = [m.group(1) or m.group(2) for m in _QUOTATION.finditer(lowered)]
        if not quoted or not any(
            self.has_topic(q, "risk") or self.has_topic(q, "self_harm") for q in quoted
        ):
            return False
        outside = _QUOTATION.sub(" ", lowered)
        return not (self.has_topic(outside, "risk") or self.has_topic(outside, "self_harm"))

    def anchored(self, lowered: str, matches: Sequence[Match]) -> list[Match]:
        """`matches` less those of rules that refer back ("I've been doing it") with no word
        of their topic in the `ANTECEDENT_CHARS` before them."""
        return [m for m in matches if m.rule.antecedent is None or self._anchored(lowered, m)]

    def _anchored(self, lowered: str, m: Match) -> bool:
        antecedent = m.rule.antecedent
        assert antecedent is not None
        start = max(0, m.start - ANTECEDENT_CHARS)
        if antecedent == "no_other_streak":
            # A reset or a count broken told alone ("day 0 again", "reset. again"): in a text
            # that counts clean days it is self-harm's unless another habit, an app, a game or
            # a sport is named on either side of it.
            return self._any_streak.search(lowered, start, m.end + ANTECEDENT_CHARS) is None
        if antecedent == "no_clear_out":
            # Belongings given away ("giving away all my stuff"): a step taken before dying
            # unless a move, a clear-out or a sale is named on either side of it.
            return self._clear_out_reason.search(lowered, start, m.end + ANTECEDENT_CHARS) is None
        if antecedent == "self_harm_around":
            # A euphemism ("the old habit is back"): self-harm, its traces or a wink on either
            # side of it, and no other habit named on either side.
            end = m.end + ANTECEDENT_CHARS
            about = self._antecedents[antecedent]
            if about.search(lowered, start, m.start) is None and (
                about.search(lowered, m.end, end) is None
            ):
                return False
            return self._any_habit.search(lowered, start, end) is None
        if self._antecedents[antecedent].search(lowered, start, m.start) is None:
            return False
        if antecedent == "self_harm" and not any(
            self._antecedent_denied.search(lowered, max(0, a.start() - 30), a.start()) is None
            for a in self._antecedents[antecedent].finditer(lowered, start, m.start)
        ):
            # The act told as "doing it" refers back to a self-harm the writer denied ("I'm
            # not hurting myself. I've been doing it on my own since my partner left"): it is
            # something else. An urge told as "I want to" after "I haven't hurt myself yet"
            # still refers back, so the other antecedents keep a denied word.
            return False
        # A counted streak may be of another habit: then the urge is that habit's.
        return not (
            antecedent == "self_harm_streak"
            and self._other_habit.search(lowered, start, m.end + ANTECEDENT_CHARS // 2) is not None
        )

    def read_all(self, lowered: str, matches: Sequence[Match]) -> list[Reading]:
        """Read every match of one text (the text-level cues are computed once)."""
        if not matches:
            return []
        text = _TextView(lowered, self._clause_end, self._span_end)
        idioms = [(s, e, self._idiom_ids[name]) for name, s, e in self._idioms.finditer(lowered)]
        recovery = self._recovery.search(lowered)
        reported_text = self._reported_text.search(lowered)
        record_other = self.record_of_other(lowered)
        readings = [
            self._read(
                match,
                text,
                idioms,
                recovery=recovery,
                reported_text=reported_text,
                record_other=record_other,
            )
            for match in matches
        ]
        if any(r.named_other for r in readings) and self._self_too.search(lowered):
            # The writer joins in ("...and I do the same"): not only someone else's.
            readings = [replace(r, named_other=False) for r in readings]
        return readings

    def record_of_other(self, lowered: str) -> bool:
        """Whether `lowered` is a letter or a record whose subject is a named third person
        ("Re: Mrs Hale", "I saw Mr Jones in clinic"), and not a form about the
        writer (a self-referral): a signal with no person before it is that person's."""
        return (
            self._record_of_other.search(lowered) is not None
            and self._own_form.search(lowered) is None
        )

    def traces_of_other(self, lowered: str) -> bool:
        """Whether `lowered` tells of marks or scars the writer saw on someone else named by a
        possessive ("saw Jordan's arms at swimming", "noticed my mate's wrists"), with no claim
        of the writer's own traces or act anywhere (`own_traces`: "like mine", "I do it too")
        nor the writer joining in (`self_too`). Asked only where nothing counted and a trained
        reader could raise something, so it is no scan of every text."""
        return (
            self._traces_of_other.search(lowered) is not None
            and self._own_traces.search(lowered) is None
            and not self._self_too.search(lowered)
        )

    def _read(
        self,
        match: Match,
        text: _TextView,
        idioms: list[tuple[int, int, str]],
        *,
        recovery: bool,
        reported_text: bool,
        record_other: bool = False,
    ) -> Reading:
        low = text.lowered
        start, end = match.start, match.end
        clause = low[text.clause_start(start) : start]
        sentence_start, sentence_end = text.sentence(start)
        span = low[text.span_start(start) : start]
        after = low[end : text.span_end(end)]

        idiom = next(
            (
                i
                for s, e, i in idioms
                if s <= start < e or (i in TOPIC_IDIOMS and start < s < end < e)
            ),
            None,
        )
        # The signal's sentence up to the words after it where a survey answer is corrected:
        # "ticked ... by mistake" may come before the signal or just after it.
        around = low[sentence_start : end + ANSWER_CORRECTION_CHARS]
        negated = (
            self._is_negated(clause)
            or self._denied_after(
                clause, after, course=match.rule.course, own=match.rule.subject != "needs_self"
            )
            or self._discourse.denied_by_subject(clause)
            or self._discourse.denied_by_no_thought(clause)
            or self._belief_denied(low[sentence_start:start], low[end : end + BELIEF_DENIAL_CHARS])
            or self._saying_taken_back(
                low[sentence_start:start],
                low[max(0, start - SAYING_CHARS) : start],
                low[end : end + SAYING_CHARS],
            )
            or self._answer_corrected(around, low[end : end + ANSWER_CORRECTION_CHARS])
        ) and not (
            self._denial_taken_back_after(low, end)
            or self._strength_after.match(low, end) is not None
            or self._answer_corrected_up(around, low[end : end + ANSWER_CORRECTION_CHARS])
        )
        # "Ask if someone could look at the cuts on my arm": a request about the writer's own
        # marks, not a what-if.
        hypothetical = self._hypothetical.search(
            span
        ) is not None and not self._discourse.requested_of_own(span, low[start:end])
        answer = self._answer(text, start, end, sentence_start, sentence_end)
        if answer is False:
            # "She asked if I had suicidal thoughts. I said no ... that was a lie": an answer
            # taken back is no denial.
            negated = not self._denial_taken_back_after(low, end)
        elif answer is None:
            hypothetical = True
        experiencer = self._experiencer(
            match.rule.subject,
            low[start:end],
            clause,
            low[sentence_start:start],
            low[end:sentence_end],
            whole=low,
            mark=low[sentence_end : sentence_end + 1],
            # A way asked for is a way to die: "how to stop cutting yourself when chopping
            # veg" asks no such thing.
            asks_a_way=not match.rule.self_harm,
            record_other=record_other,
        )
        seer = self._seer_opens.match(low[start:end]) is not None
        if (
            seer
            and experiencer == "other"
            and match.rule.subject != "other"
            and self._mine_after.match(after)
        ):
            # Someone saw traces on the writer ("the nurse saw the burns on my thigh").
            experiencer = "self"
        named_other = (
            experiencer == "other"
            and not seer
            and self._names_third_person(
                match.rule.subject, low[start:end], clause, low[sentence_start:start]
            )
            and not self._mine_after.match(after)
            and not self._seen_by_someone.search(clause)
        )
        if experiencer == "self":
            reported = self._is_reported(text, start, end, reported_text, clause)
            quoted = self._quoted_from_other(text, start, end)
            # A rule that always names the writer (an excuse the writer made for marks someone
            # saw) is not traces seen on someone else.
            seen = match.rule.subject != "self" and self._seen_on_other(
                clause, low[sentence_start:start], low[start:end], low[end:sentence_end]
            )
            # The sentence before names whose body the writer saw, so the traces are named.
            seen_before = (
                not seen
                and match.rule.subject != "self"
                and self._seen_just_before(text, sentence_start, sentence_end)
            )
            voiced = (
                self._voiced_by_other(low[sentence_start:start], bool(reported_text))
                and self._taken_up_later.search(low, end) is None
            )
            elsewhere = (
                self._discourse.on_someone_else(low[end:sentence_end])
                and not self._my_just_before.search(clause)
            ) or (
                match.rule.subject == "needs_self" and self._concerns_other(low[end:sentence_end])
            )
            if reported or quoted or seen or seen_before or elsewhere or voiced:
                experiencer = "other"
                # Named when quoted, or in a sentence read as reported that names someone
                # else, but not when it names no one ("want to fade out like a song") or the
                # writer ("I self-harmed" in a self-report); traces seen by someone other than
                # the writer may be the writer's own.
                in_quote = discourse.quote_around(low, start, end) is not None
                names_writer = not in_quote and bool(
                    self._reflexive_self.search(low[start:end])
                    or self._nearest(low[start:end]) == "self"
                )
                third = self._last_person(low[sentence_start:start]) not in (None, "self")
                named_other = (
                    quoted
                    or voiced
                    or seen_before
                    or (elsewhere and self._addressed.search(low[end:sentence_end][:30]) is None)
                    or (seen and self._nearest(clause) == "self")
                    or (reported and not names_writer and (in_quote or third))
                )
        time = self._time(
            low[start:end],
            span,
            after,
            recovery=recovery,
            always_past=match.rule.always_past,
            lost_now=match.rule.kind == "depression",
            bounds=text.span_bounds(start, end),
            ongoing=match.rule.self_harm,
        )
        if (
            time == "past"
            and not match.rule.always_past
            and (
                self._still_now(low[end:sentence_end])
                or self._still_do_next.match(low, sentence_end) is not None
            )
        ):
            # Said to go on in the clause ("..., but I still do") or in a bare sentence just
            # after ("I used to want to die. Still do.").
            time = "current"
        if (
            time == "current"
            and match.rule.self_harm
            and self._old_trace_only(low, start, end, sentence_start, sentence_end)
        ):
            time = "past"
        joking = match.rule.jokeable and self._laughs(
            low, sentence_start, max(sentence_end, end + LAUGHTER_TAIL_CHARS), end
        )
        attempt = match.rule.level == "attempt"
        recent = attempt and (
            self._attempt_recent(low[start:end], span, after)
            or self._attempt_just_now_in(span, low[sentence_start:sentence_end])
        )
        repeat = attempt and self._attempt_repeat.search(low) is not None
        long_past = attempt and not recent and not repeat and self._long_past_recovery(low)
        return Reading(
            negated,
            hypothetical,
            experiencer,
            time,
            joking,
            idiom,
            recent,
            named_other,
            long_past,
            repeat,
        )

    def distress_lasting(self, lowered: str) -> bool:
        """Whether the text tells a course of months or more (`distress_lasting`: "for months",
        "a year now", "every single day", "getting worse"). Asked only where the writer's own
        hopelessness, burden or worthlessness is the highest risk read. A course that times
        something else ("worked there for twelve years", `course_of_something_else`) is not read."""
        lowered = self._course_of_something_else.sub(" ", lowered)
        return self._distress_lasting.search(lowered) is not None

    def emptiness_lasting(self, lowered: str) -> bool:
        """Whether the text tells a course of a year or more or of every single day
        (`emptiness_lasting`: "since last year", "over a year", "every single day"). Asked only
        where the writer's own emptiness is the highest risk read."""
        return self._emptiness_lasting.search(lowered) is not None

    def passive_told(self, lowered: str) -> PassiveTold | None:
        """How the writer tells their thoughts of death as passive, with nothing active
        anywhere in the text (`thoughts_active`: a plan "yet", a date picked, ways looked up,
        how, the means, a passive denied or left behind, a "but" that turns): "named" where
        they name the passive kind (`thoughts_passive`: "the passive kind", "not the planning
        kind", picturing their own funeral, or the thoughts always in the background beside
        no plan or intent), "no_plan" where they only say there is no plan or intent
        (`thoughts_no_plan`: "no plan", "wouldn't act on it"), else None. Asked only where a
        text read `urgent` has nothing active read by the rules or the readers
        (`combine.passive_only`)."""
        if self._thoughts_active.search(lowered) is not None:
            return None
        if self._thoughts_passive.search(lowered) is not None:
            return "named"
        if self._thoughts_no_plan.search(lowered) is not None:
            # Always there in the background, and not to be acted on: the passive kind named
            # (`thoughts_background`).
            if self._thoughts_background.search(lowered) is not None:
                return "named"
            return "no_plan"
        return None

    def long_past_told(self, lowered: str) -> bool:
        """Whether the whole text tells an attempt as long-past recovery (`_long_past_recovery`)
        with no recent word anywhere in it (`recent`: "last night", "this week"). For an
        attempt only a trained reader read, which has no span to read around; asked only
        where that reading would be the text's `concern`. A recent word inside the dating or
        the recovery itself ("ten years this week", "glad I'm still here") is not recent."""
        if not self._long_past_recovery(lowered):
            return False
        return self._recent.search(self._without_recovery_words(lowered)) is None

    def _without_recovery_words(self, low: str) -> str:
        """`low` with the words that date an attempt long ago (`attempt_long_ago`) or tell the
        writer well now (`attempt_recovered`) blanked out, offsets kept."""
        chars = list(low)
        for pattern in (self._attempt_long_ago, self._attempt_recovered):
            for found in pattern.finditer(low):
                chars[found.start() : found.end()] = " " * (found.end() - found.start())
        return "".join(chars)

    def _long_past_recovery(self, low: str) -> bool:
        """The text dates an attempt a year or more back and tells the writer well now, with
        nothing saying it still weighs: long-past recovery, not a history that asks for a
        reach-out."""
        return (
            self._attempt_long_ago.search(low) is not None
            and self._attempt_recovered.search(low) is not None
            and self._attempt_still_hard.search(low) is None
        )

    def _laughs(self, low: str, start: int, tail_end: int, after: int) -> bool:
        """Laughter in `low[start:tail_end]` that the writer does not take back between `after`
        and a little past `tail_end` ("lol jk. unless", "no but actually", "not joking"): a
        joke taken back is meant."""
        if self._laughter.search(low, start, tail_end) is None:
            return False
        back_end = min(len(low), tail_end + TAKEN_BACK_CHARS)
        return self._taken_back.search(low, after, back_end) is None

    def _answer(
        self, text: _TextView, start: int, end: int, sentence_start: int, sentence_end: int
    ) -> bool | None:
        """For a signal inside a question about risk: how it was answered (True yes, False no,
        None unanswered); True when the signal is not in such a question."""
        low = text.lowered
        if self._discourse.asked_about(low[sentence_start:start]):
            if self._discourse.asked_by_writer_of_own(low[sentence_start:start], low[start:end]):
                return True
            return self._discourse.answer_after(low[end:])
        question = low[sentence_start : sentence_end + 1]
        if low[sentence_end : sentence_end + 1] == "?" and self._discourse.is_self_question(
            question
        ):
            # "Do I want to die? No." is denied; left unanswered, the question still counts.
            return self._discourse.answer_after(low[sentence_end + 1 :]) is not False
        # "would i ever hurt myself no never": a self-question left without its mark, denied.
        return not self._discourse.answered_no_at_once(
            low[sentence_start:start], low[end:sentence_end]
        )

    def _quoted_from_other(self, text: _TextView, start: int, end: int) -> bool:
        """The signal is inside a quotation of someone else's words."""
        low = text.lowered
        quote = discourse.quote_around(low, start, end)
        if quote is None:
            return False
        opening, closing = quote
        quote_sentence_start, _ = text.sentence(opening)
        if self._discourse.heard_from_someone(low[quote_sentence_start:opening]):
            return True
        if self._discourse.first_person_speech(low[quote_sentence_start:opening]):
            return False
        before = self._discourse.without_recipient(
            self._discourse.before_speech_verb(low[quote_sentence_start:opening])
        )
        speaker = self._nearest(before)
        if speaker == "self" and not any(m.group("self") for m in self._persons(before)):
            # only a "my": "my freind said '...'" is the friend speaking
            speaker = "other" if self._my_noun_end.search(before) else speaker
        elif speaker is None and (
            self._my_noun_end.search(before)
            or self._discourse.third_person_speech(low[quote_sentence_start:opening])
        ):
            # a noun the person list leaves out after "my" or "mi" ("mi hermano me dijo '...'"),
            # or a verb whose form names a third person as the speaker
            speaker = "other"
        if speaker is None:
            # A quotation that opens its sentence: the first person named after it speaks it
            # ("'kms'... my nephew says it").
            _, next_end = text.sentence(min(len(low), text.sentence(closing)[1] + 1))
            speaker = self._first_named(low[closing + 1 : next_end])
        return speaker == "other"

    def _voiced_by_other(self, before: str, reported_text: bool) -> bool:
        """A third person speaks the signal without quotation marks: words given as a sample
        of what they say ("my dad keeps saying things like ..."), or, in a text that reports
        (news, a talk, a quote), an "I" after their verb of saying ("a guy on the radio
        saying i thought about...", "the nurse who said i wanted to..."). Outside such a
        text "my mum said i..." is never read so: there the "I" is mostly the writer's own."""
        if self._discourse.sung(before) or self._discourse.said_that_by_third(before):
            return True
        speaker = self._discourse.said_like(before)
        if speaker is None and reported_text:
            speaker = self._discourse.unmarked_speech(before)
        if speaker is None:
            return False
        word = self._last_person(speaker)
        if word is None:
            # A person named by a noun the person list lacks, then "who" ("a firefighter
            # who"), or by a name with "'s been" ("Sam's been posting stuff like").
            return (
                self._noun_who_end.search(speaker) is not None
                or self._name_has_been.search(speaker) is not None
            )
        return word != "self" and self._general_person.fullmatch(word) is None

    def _concerns_other(self, after: str) -> bool:
        """A topic noun said to concern someone else ("self-harm in a 16-year-old")."""
        lead = self._concerns.match(after)
        if lead is None:
            return False
        person = self._subject.match(after, lead.end())
        return person is not None and person.group("other") is not None

    def _first_named(self, window: str) -> Experiencer | None:
        """The first person named in `window`, a bare 'my' skipped ("my nephew" is him)."""
        for m in self._persons(window):
            if not m.group("weak"):
                return "self" if m.group("self") else "other"
        return None

    def _seen_on_other(self, clause: str, before: str, matched: str, after: str) -> bool:
        """Traces the writer saw ("I saw fresh cuts") on a person named before them."""
        if not self._discourse.seen_on_someone_else(clause, matched, after):
            return False
        return any(m.group("other") for m in self._persons(before))

    def _seen_just_before(self, text: _TextView, sentence_start: int, sentence_end: int) -> bool:
        """Traces in a sentence that names no one, just after one in which the writer saw
        another person's body ("Saw Kieran's arms when he rolled his sleeves up. Fresh marks.").
        """
        low = text.lowered
        if any(True for _ in self._persons(low[sentence_start:sentence_end])):
            return False
        before = low[:sentence_start].rstrip()
        if not before:
            return False
        previous_start, _ = text.sentence(len(before) - 1)
        return self._discourse.saw_someone_elses_body(low[previous_start : len(before)])

    def _time(
        self,
        matched: str,
        span: str,
        after: str,
        *,
        recovery: bool,
        always_past: bool = False,
        lost_now: bool = False,
        bounds: str = "",
        ongoing: bool = False,
    ) -> Time:
        """Past or current. Cues before the signal (or in it) beat cues after it, but for a
        relapse told right after the act ("cut myself for the first time in five years",
        `relapse_after`), which is current unless a cue before it puts it years back (`long_ago`).

        `lost_now`: a sign of depression, where "stopped" tells of a loss that lasts ("stopped
        going to work", "stopped answering the phone"), not of something over.
        `bounds`: the words that open and close the signal's span when they are time words
        (`_TextView.span_bounds`): "6 months clean and today the urge came back" is current
        though the text tells of recovery; a past cue in the span, before or after the signal,
        still wins ("today I wrote 'I self-harm' here, back in 2022" is past).
        `ongoing`: a self-harm signal, whose present perfect ("I've been cutting", opening its
        words or just before them) goes on now: a past cue in its span before that form dates
        something else ("survived an attempt in 2016 and i've been cutting again")."""
        if always_past:
            return "past"
        if lost_now:
            matched, span = self._stopped.sub(" ", matched), self._stopped.sub(" ", span)
        recent, past = self._recent.search, self._past.search
        if self._habit_in.search(span) or self._habit_opens.match(matched):
            # "I was cutting every day (back then)": how often it was, not a recent cue.
            drop = self._frequency.sub
            matched, span, after = drop(" ", matched), drop(" ", span), drop(" ", after)
        if (
            recovery
            and ongoing
            and self._early_stretch.search(span) is not None
            and recent(span) is None
            and recent(after) is None
        ):
            # A relapse told inside the early part of a stretch long gone, in a text that
            # tells of recovery ("the first six months of recovery I relapsed constantly"):
            # part of that recovery, unless a recent word sits around it.
            return "past"
        if self._recent_in(matched, after) or recent(span):
            return "current"
        if self._relapse_after.match(after) is not None and self._long_ago.search(span) is None:
            return "current"
        if ongoing and (self._ongoing_opens.match(matched) or self._ongoing_ends.search(span)):
            span = ""  # every word of the span before the signal comes before that form
            # "since my divorce last year" right after it dates when it began.
            after = self._ongoing_since.sub(" ", after, count=1)
        if self._past_in_match.search(matched) or past(span):
            return "past"
        if self._having_ends.search(span):
            return "current"  # "I've been having serious suicidal thoughts, the kind I used to"
        if recent(after):
            return "current"
        if past(after):
            return "past"
        if bounds and self._recent_break.search(bounds):
            return "current"
        if recovery:
            return "past"
        return "current"

    def _old_trace_only(
        self, low: str, start: int, end: int, sentence_start: int, sentence_end: int
    ) -> bool:
        """Scars in the signal (or named right after it) told as old in its sentence or the
        next ("my old scars", "I still have the scars from when I was 15", "the scars have
        faded"), with no fresh cue ("a new one", "still healing", "last night", "again") in
        that sentence or the next: a trace dated past, not a current sign."""
        if (
            self._trace_noun.search(low, start, end) is None
            and self._trace_noun_next.match(low, end) is None
        ):
            # The trace noun may follow the signal's own words ("my self-harm scars", "sh
            # marks"): the words name the scars, not an act.
            return False
        # The scars may be called old in the sentence just after ("...asked about the lines
        # on my arm. I told her they were old scars").
        next_end = _SENTENCE_END.search(low, min(len(low), sentence_end + 1))
        around = low[sentence_start : next_end.start() if next_end else len(low)]
        if self._old_trace.search(around) is None:
            return False
        return self._fresh_trace.search(around) is None

    def _attempt_recent(self, matched: str, span: str, after: str) -> bool:
        """A recent cue in or around an attempt's words, a state told after the act ("still not
        ok", "checks on me every night"; `act_state`) blanked first: it does not date the act."""
        act_span, act_after = self._act_state.sub(_blank, span), self._act_state.sub(_blank, after)
        return self._recent_in(matched, act_after) or any(
            self._recent.search(part) is not None for part in (act_span, act_after)
        )

    def _attempt_just_now_in(self, span: str, sentence: str) -> bool:
        """An attempt dated to the last minutes or hours (`attempt_just_now`): "just" right
        before its words ("I just took...", "I've just taken..."; the span ends there), or "an
        hour ago", "20 minutes ago" or "just now" in its sentence. The sentence is read whole
        because "just now" also breaks a signal's span, so it never sits in the words after it."""
        return any(self._attempt_just_now.search(part) is not None for part in (span, sentence))

    def _recent_in(self, matched: str, after: str) -> bool:
        """A recent cue starting inside the signal, read with the words after it in view (so
        "relapsed a bunch of times" is seen whole, not as a bare "relapsed")."""
        joined = matched + after
        return any(m.start() < len(matched) for m in self._recent.finditer(joined))

    def _still_now(self, rest: str) -> bool:
        """The past told, then the present after a contrast ("last spring, but I still...")."""
        turn = self._contrast.search(rest)
        return turn is not None and self._recent.search(rest, turn.end()) is not None

    def _denied_after(
        self, clause: str, after: str, *, course: bool = False, own: bool = False
    ) -> bool:
        """A subject-less opening ("suicide has never crossed my mind") denied just after it,
        or any signal said not to have come back ("...the cutting never came back").

        A course cue (`course`: "for weeks", "od pół roku") is not denied by a "not" after
        it: where the subject is dropped, that "not" opens the verb the course belongs to
        ("od pół roku nie wychodzę z domu", half a year not leaving the house), which is read
        as a signal of its own.
        `own`: a signal whose words name the writer ("kms"), which "isn't a joke" after it
        affirms; a general noun ("suicide isn't a joke") is still denied."""
        first_words = " ".join(after.split()[:3])
        if self._not_back.match(first_words) is not None:
            return True
        if course or self._subject.search(clause) is not None:
            return False
        if own and self._no_joke_after.match(after.lstrip()) is not None:
            return False
        return self._trailing_negation.match(first_words) is not None

    def _belief_denied(self, before: str, after: str) -> bool:
        """Someone else's belief about the writer, denied at once by the writer ("people
        assume I must be suicidal myself. I'm not."): the words are theirs, and the writer says
        no. Both are needed: a bare "I'm not." after a signal of the writer's own ("I'm
        suicidal. I'm not okay") denies nothing, and a belief alone may be right."""
        return (
            self._belief_about_me.search(before) is not None
            and self._belief_denial.match(after) is not None
        )

    def _saying_taken_back(self, sentence: str, before: str, after: str) -> bool:
        """The writer's own saying, just before the signal in its sentence (`sentence`, up to
        the signal; `own_saying`: "i just said i", "said 'i could"), taken back in the words
        just after it (`saying_not_meant`: "obviously didn't mean it", "was only joking") or
        with being suicidal denied in the words just before it (`before`;
        `saying_denied_before`: "not suicidal lol i just said i want to die", "I'm not
        suicidal. I just said I want to die"): the words are an exclamation the writer
        disowns. Both are needed: a saying alone may be a disclosure ("I said I want to die
        and I do")."""
        if self._own_saying.search(sentence) is None:
            return False
        return (
            self._saying_not_meant.search(after) is not None
            or self._saying_denied_before.search(before) is not None
        )

    def _answer_corrected(self, around: str, after: str) -> bool:
        """A survey answer the writer gave by mistake, corrected to never just after the
        signal ("I ticked 'sometimes' by mistake for thoughts of self-harm. I meant 'never'.",
        "ticked sometimes for self harm by mistake, I meant never"): the writer says no. Both
        are needed: `around` (the signal's sentence up to the correction) must tell the answer
        was a mistake, and `after` must correct it to never; a mistaken answer corrected to
        "often" tells more, and "I meant never" alone may answer something else."""
        return (
            self._answer_mistaken.search(around) is not None
            and self._answer_corrected_never.search(after) is not None
        )

    def _answer_corrected_up(self, around: str, after: str) -> bool:
        """A "never" or "no" the writer ticked by mistake, corrected to a real answer just
        after the signal ("I ticked never on the self-harm question by mistake, the real answer
        is often"): the "never" denies nothing. Both are needed: `around` (the signal's
        sentence up to the correction) must tell the answer was a mistake, and `after` must
        give the real answer (`answer_corrected_up`)."""
        return (
            self._answer_mistaken.search(around) is not None
            and self._answer_real.search(after) is not None
        )

    def _denial_taken_back_after(self, low: str, end: int) -> bool:
        """The writer takes a denial back just after the signal (`denial_taken_back`: "...
        but that was a lie", "I lied", "not true", "I do have one"): the signal is not denied.
        """
        window_end = min(len(low), end + DENIAL_TAKEN_BACK_CHARS)
        return self._denial_taken_back.search(low, end, window_end) is not None

    def _is_negated(self, clause: str) -> bool:
        cleaned = self._negation_filler.sub(" ", self._pseudo_negation.sub(" ", clause))
        last_words = " ".join(cleaned.split()[-NEGATION_WINDOW_WORDS:])
        return self._negation.search(last_words) is not None

    def _experiencer(
        self,
        subject: Subject,
        matched: str,
        clause: str,
        before: str,
        after: str,
        *,
        whole: str = "",
        mark: str = "",
        asks_a_way: bool = False,
        record_other: bool = False,
    ) -> Experiencer:
        if subject == "other":
            return "other"
        if subject == "self":
            return "self"
        # The matched words may say whose experience it is ("kill herself", "my attempt"), but
        # "yourself" in a general question ("what do you do when the urge to hurt yourself...")
        # means anyone, often the writer.
        asks = self._asks_a_way(matched, before, after) if asks_a_way else None
        other = self._reflexive_other.search(matched)
        said_to_you = other is not None and other.group().replace(" ", "") in ("yourself", "urself")
        if said_to_you and self._inner_voice.search(before) is not None:
            return "self"  # "my brain keeps saying kill yourself": the writer's own thought
        if other and not (
            said_to_you and (self._generic_you.search(before) is not None or asks is True)
        ):
            return "other"
        if (
            self._reflexive_self.search(matched)
            or self._nearest(matched) == "self"
            or self._my_just_before.search(clause)
        ):
            return "self"
        if self._generic_teller.search(before):
            return "self"  # "how do you tell a nurse you want to die": the asker's own
        if asks is not None:
            # "how to commit suicide the easiest way": the asker's own; "how to end your life
            # in the sims": the game's.
            return "self" if asks else "other"
        if whole:
            # A field of a form about the writer just before the signal ("presenting problem
            # (in your own words): active suicidal thoughts"): the writer's own, unless a
            # person is named after the field ("...: my daughter, suicidal thoughts"); the
            # field's own "your" is the form speaking to the writer.
            field = self._own_form_field.search(before)
            if field is not None and self._nearest(before[field.end() :]) in (None, "self"):
                return "self"
        discloser = self._discloser(clause)
        if discloser is not None:
            return discloser
        # A noun phrase closed by "who" just before the signal names whose it is ("a film
        # about this old sailor who wants to die": the sailor), whatever person came earlier
        # in the clause ("I wanted to talk about the junior doctor who self-harms"), unless the
        # writer said they are that noun ("I'm a nurse who...").
        who = self._noun_who_end.search(clause) or self._noun_who_and_end.search(clause)
        if who is not None and self._writer_is.search(clause[: who.start()] + "a ") is None:
            return "other"
        for window in (clause, before):
            nearest = self._nearest(window)
            if nearest == "self" and self._shown_or_told_by_other(window):
                nearest = "other"
            if nearest == "self" and who is None and self._third_singular_act.fullmatch(matched):
                # "the main character in the series I'm watching self-harms": the verb's "-s"
                # says its subject is not "I", whatever "I" came before it ("I'm a nurse who
                # self-harms", the writer as the noun, is read above).
                return "other"
            if nearest is not None:
                return nearest
        if record_other:
            # A letter or record about a named third person ("Re: Mrs Hale. Low mood, poor
            # sleep."): a signal with no person word before it is that person's.
            return "other"
        if self._named_teller.search(before) is not None:
            return "other"  # "Jake texted me about wanting to die": Jake's wish, told to me
        if subject != "needs_self":
            return "self"  # posts often drop the subject: "been cutting again"
        # A noun with no person before it ("cutting is the only way I cope"): the first person
        # after it in the sentence decides; none means a general statement, unless the words
        # are a subject-less fragment about thoughts coming back ("suicidal again.").
        if self._own_having_opens.search(before) is not None:
            # "been having suicidal feelings since the breakup and they feel different": the
            # subject-less present perfect is the writer's; a "they" after it is the feelings.
            return "self"
        first = self._first(after)
        fragment = self._own_fragment.match(matched + after)
        if first == "other" and fragment is not None:
            if self._first(self._own_fragment_they.sub(" ", after)) in (None, "self"):
                # "the suicidal thoughts are back and they're worse": "they" are the thoughts.
                return "self"
            if self._opens_entry(before) and self._fragment_closed(
                (matched + after)[fragment.end() :]
            ):
                # "suicidal again, didn't tell anyone": the person comes in a later clause.
                return "self"
        if first is not None:
            return first
        if fragment is not None:
            return "self"
        # A bare noun filled into a form about the writer ("reason for referral (self): ongoing
        # self-harm"): the writer's own, in the sentence or in a text naming no one else.
        if whole and (
            self._own_form.search(before) is not None
            or (self._own_form.search(whole) is not None and not self._names_someone_else(whole))
        ):
            return "self"
        # Self-harm said to be back with no one named ("now the cutting's back"): the writer's
        # when the whole text (`whole`) names no one else.
        if whole and self._own_harm_fragment.match(matched + after):
            return "other" if self._names_someone_else(whole) else "self"
        # "Suicidal" standing alone as a diary line ("Mon - suicidal.", "Suicidal. Again."):
        # the writer's state, in a text that names no one else.
        if (
            whole
            and _BARE_STATE.fullmatch(matched) is not None
            and mark != "?"
            and not after.strip(_ENTRY_MARKS)
            and self._opens_entry(before)
            and not self._names_someone_else(whole)
            and self._topic_list_head.search(whole) is None
        ):
            return "self"
        return "other"

    def _opens_entry(self, before: str) -> bool:
        """Whether the words before a signal in its sentence are at most a diary line's label
        ("Mon -", "12/3:", "Day 4 -"), so the signal opens the line ("Ana so suicidal" does
        not)."""
        return self._bare_entry_label.fullmatch(before.strip(_ENTRY_MARKS)) is not None

    def _fragment_closed(self, rest: str) -> bool:
        """Whether a subject-less fragment about the writer's suicidal thoughts ends its clause
        before anyone is named (`rest`: the words after the fragment, to the sentence's end):
        "suicidal again, didn't tell anyone", "suicidal again tonight, mum has no idea". Not
        when the words after it say someone told it ("suicidal again, she said")."""
        found = _FRAGMENT_BREAK.search(rest)
        return (
            found is not None
            and self._first(rest[: found.start()]) is None
            and self._fragment_told.search(rest) is None
        )

    def _asks_a_way(self, matched: str, before: str, after: str) -> bool | None:
        """Whether a signal asked as a question for a way to die in the general "you" or with
        no person ("what's the easiest way to kill yourself", "how to commit suicide") is the
        asker's own: None where no such opening ends just before the signal or opens it;
        False where a game, a story or a character follows it in the sentence; else True."""
        opens = (
            self._method_asker.search(before) is not None
            or self._method_asker_opens.match(matched) is not None
        )
        if not opens:
            return None
        return self._method_asker_not.search(after) is None

    def _names_someone_else(self, text: str) -> bool:
        """Whether `text` names a person other than the writer ("my son", "she", "a friend"),
        a general "you" or "anyone" left out."""
        return any(
            m.group("other") and self._general_person.fullmatch(m.group().strip()) is None
            for m in self._persons(text)
        )

    def _names_third_person(self, subject: Subject, matched: str, clause: str, before: str) -> bool:
        """Whether a signal read as someone else's names that person: a reflexive "herself",
        a third person who disclosed it, a third-person word nearest before it ("my
        sister", "he", "they"), or a rule for someone else's acts ("marks on her arm"); not a
        general "you" / "anyone", a word aimed at someone ("kys"), or a topic noun with no
        person at all."""
        if subject == "other":
            # Rules for someone else's acts name a third person ("marks on her arm", "se
            # corta"); words aimed at the reader ("kys", "the marks on your arm") do not.
            return self._addressed.search(matched) is None
        if self._reflexive_third.search(matched):
            return True
        if self._reflexive_other.search(matched):
            return False  # "yourself", "themselves" after "anyone else": anyone, often the writer
        if self._discloser(clause) == "other":
            return True
        for window in (clause, before):
            word = self._last_person(window)
            if word is not None:
                return word != "self" and self._general_person.fullmatch(word) is None
        return False

    def _last_person(self, window: str) -> str | None:
        """The person word nearest the end of `window` as `_nearest` reads it: "self" for the
        writer, else the word itself; None when there is none."""
        found: str | None = None
        weak = False
        cleaned = self._clean(window)
        for m in self._subject.finditer(cleaned):
            if m.group("weak"):
                weak = True
            elif m.group() == "me" and (
                self._me_after_preposition.search(cleaned, 0, m.start())
                or self._me_told.search(cleaned, 0, m.start())
            ):
                continue
            elif (
                m.group("self")
                or (
                    self._pronoun.fullmatch(m.group()) is None
                    and self._writer_is.search(cleaned, 0, m.start())
                )
                or (
                    m.group().strip() in self._someone
                    and self._writer_is_someone.search(cleaned, 0, m.start())
                )
            ):
                found = "self"
            else:
                found = m.group()
        if found is None and weak:
            return "self"
        return found

    def _discloser(self, clause: str) -> Experiencer | None:
        """Who disclosed the signal, when a disclosure verb governs it ("a pupil disclosed...").

        The verb must sit just before the signal; its subject is read back to the nearest
        subordinating word, so "I am writing to say that a student has disclosed" is the
        student's. A subject with no person word but a noun phrase ("the new trainee") is
        someone else; none at all leaves the question to the usual reading.
        """
        verbs = list(self._disclosure.finditer(clause))
        if not verbs:
            return None
        verb = verbs[-1]
        if len(clause[verb.end() :].split()) > DISCLOSED_WITHIN_WORDS:
            return None
        subject = self._subordinate.split(clause[: verb.start()])[-1]
        strong = [m for m in self._persons(subject) if not m.group("weak")]
        if strong:
            return "self" if strong[-1].group("self") else "other"
        if self._noun_phrase.search(subject) or self._thanks_for.search(subject):
            return "other"
        return None

    def _clean(self, window: str) -> str:
        """`window` with a general "you" blanked and a person named by a relative clause with
        "I" in it ("a guy I work with") read as one third person."""
        return self._generic_you.sub(" ", self._relative_i.sub(" they ", window))

    def _persons(self, window: str) -> Iterator[re.Match[str]]:
        """The person words of `window`, a general "you" ("how do you...") left out."""
        return self._subject.finditer(self._clean(window))

    def _first(self, window: str) -> Experiencer | None:
        for m in self._persons(window):
            if m.group("self") or m.group("weak"):
                return "self"
            return "other"
        return None

    def _shown_or_told_by_other(self, window: str) -> bool:
        """The writer is named in `window` only as the one shown or told something ("she
        showed me some recent marks"): with that "me" taken out, the nearest person is someone
        else, the one who showed or told."""
        return self._nearest(self._discourse.without_recipient(window)) == "other"

    def _nearest(self, window: str) -> Experiencer | None:
        """Whose person word comes last in `window` (nearest to the signal), if any.

        'my' counts only when no stronger person word ('I', 'she', 'my friend') is there.
        """
        word = self._last_person(window)
        if word is None:
            return None
        return "self" if word == "self" else "other"

    def _is_reported(
        self, text: _TextView, start: int, end: int, reported_text: bool, clause: str
    ) -> bool:
        low = text.lowered
        line_start = low.rfind("\n", 0, start) + 1
        line_end = low.find("\n", end)
        line = low[line_start : line_end if line_end >= 0 else len(low)]
        if self._lyric_mark.search(line):
            return True
        if reported_text and (
            low.count('"', 0, start) % 2 == 1
            or discourse.quote_around(low, start, end) is not None
            or discourse.glossed(low[line_start:start], low[end : len(line) + line_start])
        ):
            return True  # inside quotation marks in a text that quotes a song, film or news
        sentence_start, sentence_end = text.sentence(start)
        sentence = low[sentence_start:sentence_end]
        has_self = any(m.group("self") for m in self._subject.finditer(clause)) or bool(
            self._reflexive_self.search(low, start, end)
        )
        return not has_self and self._reported.search(sentence) is not None


class _TextView:
    """Sentence, clause and span boundaries of one text, computed once, searched by bisection."""

    def __init__(
        self, lowered: str, clause_end: re.Pattern[str], span_end: re.Pattern[str]
    ) -> None:
        self.lowered = lowered
        self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(lowered)]
        self._sentence_marks = [m.start() for m in _SENTENCE_END.finditer(lowered)]
        self._clause_ends = [m.end() for m in clause_end.finditer(lowered)]
        span = list(span_end.finditer(lowered))
        self._span_ends = [m.end() for m in span]
        self._span_starts = [m.start() for m in span]
        # A span break that is a word ("today", "now"), with the word before it ("just now",
        # "earlier today"); punctuation gives nothing.
        self._span_words = [
            lowered[lowered.rfind(" ", 0, max(m.start() - 1, 0)) + 1 : m.end()]
            if m.group(0)[:1].isalpha()
            else ""
            for m in span
        ]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_ends, pos)
        start = self._sentence_ends[i - 1] if i else 0
        j = bisect_right(self._sentence_marks, pos)
        end = self._sentence_marks[j] if j < len(self._sentence_marks) else len(self.lowered)
        return start, end

    def clause_start(self, pos: int) -> int:
        i = bisect_right(self._clause_ends, pos)
        return self._clause_ends[i - 1] if i else 0

    def span_start(self, pos: int) -> int:
        i = bisect_right(self._span_ends, pos)
        return self._span_ends[i - 1] if i else 0

    def span_end(self, pos: int) -> int:
        j = bisect_right(self._span_starts, pos - 1)
        return self._span_starts[j] if j < len(self._span_starts) else len(self.lowered)

    def span_bounds(self, start: int, end: int) -> str:
        """The break words that open the span holding `start` and close the one holding
        `end` ("today", "just now"), each with the word before it, joined by a newline;
        empty where a span is bounded by punctuation or the text's edge."""
        i = bisect_right(self._span_ends, start)
        j = bisect_right(self._span_starts, end - 1)
        opening = self._span_words[i - 1] if i else ""
        closing = self._span_words[j] if j < len(self._span_words) else ""
        return f"{opening}\n{closing}" if opening or closing else ""


@cache
def load_context() -> ContextReader:
    """The shipped context cues, compiled once per process."""
    return ContextReader()
