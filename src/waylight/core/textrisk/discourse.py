"""How a signal sits in the conversation a text reports: quoted words, questions and answers.

A risk phrase is not always the writer's own statement. Four shapes that a word list cannot
see, each read from the grammar around the signal, never from the risk words themselves:

- **quoted words**: "my mate has been posting stuff like 'won't be around much longer'" quotes
  someone else; whose words they are is the person who speaks before the quote (or, when the
  quote opens the sentence, the first person after it: "'kms'... my nephew says it");
- **a question about risk and its answer**: "she asked whether I'd thought about ending my
  life. Honest answer was no" and "Do I want to die? No." deny the signal; "...and I said
  yes" keeps it; a question left unanswered is a what-if;
- **a denial**: a denying subject ("nobody in my family has ever self-harmed") or a denied
  thought ("no thoughts of self-harm");
- **someone else's traces seen by the writer**: "his sleeve rode up and I saw fresh cuts".

Each function takes the lower-cased text (`rules.normalise`) and character offsets. The words
of these shapes are data (`content/text/context.yaml`, read into `Discourse`); this module
holds only their structure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from waylight.core.textrisk.cue_patterns import either

QUOTES = "'\""
# Characters that may come before an opening quote and after a closing one.
_BEFORE_OPEN = " \t([:,"
_AFTER_CLOSE = " \t.,!?;:)]"
# Words after a question in which its answer is looked for.
ANSWER_WINDOW_WORDS = 8
# A quotation, then an opening bracket with no closing one yet: its gloss follows.
_GLOSS_BEFORE = re.compile(r"['\"][^'\"\n]+['\"]\s*\([^()\n]*$")


def quote_around(low: str, start: int, end: int) -> tuple[int, int] | None:
    """The offsets of the opening and closing quote marks around `start..end` on its line,
    if the signal sits inside a quotation."""
    line_start = low.rfind("\n", 0, start) + 1
    line_end = low.find("\n", end)
    line_end = len(low) if line_end < 0 else line_end
    for i in range(start - 1, line_start - 1, -1):
        mark = low[i]
        if mark not in QUOTES or not _opens(low, i, line_start):
            continue
        if any(_closes(low, j, line_end) for j in range(i + 1, start) if low[j] == mark):
            return None  # a quotation that closed before the signal
        for j in range(end, line_end):
            if low[j] == mark and _closes(low, j, line_end):
                return i, j
        return None
    return None


def _opens(low: str, i: int, line_start: int) -> bool:
    before_ok = i == line_start or low[i - 1] in _BEFORE_OPEN
    return before_ok and i + 1 < len(low) and not low[i + 1].isspace()


def _closes(low: str, j: int, line_end: int) -> bool:
    after_ok = j + 1 >= line_end or low[j + 1] in _AFTER_CLOSE
    return after_ok and j > 0 and not low[j - 1].isspace()


def glossed(line_before: str, line_after: str) -> bool:
    """The signal sits in brackets just after a quotation, as its translation or gloss ("the
    title 'No quiero despertar' (I don't want to wake up)"): part of what is quoted."""
    return _GLOSS_BEFORE.search(line_before) is not None and ")" in line_after.split("(")[0]


class Discourse:
    """The conversation shapes, compiled from the context cues (`context.yaml`)."""

    def __init__(self, cues: Mapping[str, Sequence[str]]) -> None:
        def e(name: str) -> str:
            return either(cues[name])

        # Someone asking the writer ("she asked whether I'd..."); never the writer asking
        # themselves ("I keep asking myself if I should just end it" is the writer's own
        # thought). A short aside may come before the question ("asked me last night, very
        # gently, whether"; up to three), or a few words of time or manner, one or two ("asked
        # me today if").
        self._asked = re.compile(
            rf"\b{e('asked')}\b(?: {e('asked_object')})?"
            rf"(?: (?:{e('asked_quantity')} )?(?:{e('asked_determiner')} )?"
            rf"(?:{e('asked_kind')} )?{e('asked_question')}[^.?!]*?)?"
            r"(?:,? [^.?!;,]{1,25},(?: [^.?!;,]{1,25},){0,2})?"
            rf"(?: {e('asked_when')}){{0,2}}"
            rf",? {e('asked_whether')}\b"
        )
        # The writer asking someone ("I'd like to ask whether", "could you ask if") about the
        # writer's own marks or thoughts ("... the wounds on my leg").
        self._writer_asks = re.compile(rf"\b{e('writer_asks')}\s*$")
        self._writer_owns = re.compile(rf"\b{e('writer_owns')}\b")
        # A polite request put as "if someone could" ("ask if someone could look at").
        self._request_if = re.compile(rf"\b{e('request_if')}\b")
        # A question about remembering, regretting or talking about the signal takes it as
        # given.
        self._presupposed = re.compile(rf"\b{e('presupposed')}\b")
        # A new clause between the question word and the signal ends the question ("asked if I
        # could get help because I want to die" states the wish).
        self._clause_break = re.compile(rf"[.!?;,\n]|\b{e('question_break')}\b")
        self._self_question = re.compile(rf"^\W*{e('self_question')}\b[^?]*\?\s*$")
        self._yes = re.compile(rf"\b{e('answer_yes')}\b")
        self._no = re.compile(rf"\b{e('answer_no')}\b")
        # A self-question left without its question mark, the signal a few words after its
        # opening ("would i ever hurt myself no never"), and a "no" right after the signal.
        self._self_question_open = re.compile(rf"^\W*{e('self_question')}\b[^.?!,;:\n]{{0,30}}$")
        self._no_at_once = re.compile(rf"^[\s,.!-]*{e('answer_no')}\b")
        self._denying_subject = re.compile(
            rf"\b{e('denying_subject')}(?: {e('denying_subject_scope')})?"
            rf"(?: {e('denying_subject_verb')})*\s*$"
        )
        # "No thoughts of self-harm", "I don't have any thoughts of": a denial that names the
        # thought, where the negation may sit further back than the plain negation check reads;
        # the denial carries over a second thought joined by "or" ("no thoughts of ending my
        # life or of hurting myself").
        self._no_thought = re.compile(
            rf"\b{e('no_thought')}"
            rf"(?: [^.?!;,]{{1,40}}? {e('no_thought_or')}(?: {e('no_thought_or_link')})?"
            rf"(?: {e('no_thought_or_subject')})?)?\s*$"
        )
        self._foreign_speech = re.compile(e("foreign_speech"))
        # Verbs of saying whose form names the writer as the speaker ("le dije a mi mamá").
        self._first_speech = re.compile(rf"\b{e('first_speech')}\b")
        # Verbs of saying whose form names a third person as the speaker, and English ones with
        # no subject at all, in notes ("States '...'").
        self._third_speech = re.compile(rf"\b{e('third_speech')}\b")
        self._third_speech_end = re.compile(rf"\b{e('third_speech_end')}\W*$")
        self._note_speech = re.compile(rf"^\W*{e('note_speech')}\W*$")
        # The same verbs and "that" without quotation marks ("mi tío dice que ..."): what
        # follows is the third person's.
        self._third_said_that = re.compile(
            rf"\b{e('third_said_that')},? {e('third_said_that_link')}\b"
        )
        # The verb that introduces a quotation; its subject is the speaker.
        self._speech = re.compile(rf"\b{either([*cues['speech'], *cues['foreign_speech']])}\b")
        # An object pronoun just before a foreign verb of saying: the one told.
        self._foreign_told = re.compile(rf"\b{e('foreign_told')}\s*$")
        # Words quoted without quotation marks in a report, a talk or an interview: a verb of
        # saying followed by "I".
        self._unmarked_speech = re.compile(
            rf"\b{e('unmarked_speech')}(?: {e('unmarked_speech_that')})?"
            rf"(?: {e('unmarked_speech_when')})?,? (?={e('first_person')}\b)"
        )
        # Words given as a sample of what someone says ("keeps saying things like ...").
        self._said_like = re.compile(
            rf"\b{e('said_like')} {e('said_like_noun')}(?: {e('sample_like')})?[,:]?"
        )
        # A verb of sending or telling and its recipient ("sending my ex messages").
        self._recipient = re.compile(rf"\b({e('recipient_verb')} ){e('recipient')}\b")
        # A song, a poem or a line of one that "goes" or "says" what follows, no new clause in
        # between.
        self._sung = re.compile(
            rf"\b{e('sung')}\b(?: (?!{e('sung_clause')}\b)[\w'-]+){{0,5}}? {e('sung_verb')}"
            rf"(?: {e('sample_like')})?[,:]? "
        )
        # The writer taking the words up as their own ("... and same", "and i relate").
        self._sung_break = re.compile(rf"\b{e('taken_up')}\b")
        # The signal must follow in the same clause as the quoted "I".
        self._speech_break = re.compile(rf"[.!?;,:\n]|\b{e('speech_break')}\b")
        # Words the writer heard or read, someone else's writing the writer came across, or
        # writing someone handed the writer.
        self._heard = re.compile(
            rf"\b{e('heard')}\b(?! {e('heard_self')})(?: \w+){{0,3}}\s*$"
            rf"|\b{e('came_across')}(?: {e('came_across_determiner')})?"
            rf" {e('came_across_writing')}\b(?: \w+){{0,5}}\s*$"
            rf"|\b(?:{e('handed')} {e('handed_to')}|{e('received')})"
            rf"(?: {e('handed_determiner')})?(?: \w+)? {e('handed_writing')}\b(?: \w+){{0,8}}\s*$"
        )
        # The writer's own writing read again ("my old diary", "my own notes").
        self._my_writing = re.compile(
            rf"\b{e('my_writing_owner')} (?:{e('my_writing_modifier')} )?{e('my_writing')}\b"
        )
        self._seen = re.compile(rf"\b{e('seen')}(?: {e('seen_modifier')})*\s*$")
        self._on_me = re.compile(rf"\b{e('on_me')}")
        # Traces placed on the writer's body inside a signal's own words ("the cuts on my
        # arms"), not on a person the writer names ("on my sister's arm", "on my sisters arm").
        self._on_my_body = re.compile(
            rf"\b{e('on_body')} (?:{e('on_body_both')} )?my (?:own )?"
            rf"(?:{e('body_side')} )?{e('trace_body')}\b"
        )
        # Another person's body the writer saw or was shown ("saw her forearm", "noticed
        # Kieran's wrists", "Mia showed me her arm"): traces told in the next sentence with no
        # person of their own are that person's.
        self._seen_body = re.compile(
            rf"\b(?:{e('seen')}|{e('shown_to_me')}) (?:{e('other_possessive')}"
            rf"|(?:(?:my|our|the) )?(?!my\b|me\b)[a-z]+'s) (?:\w+ )?{e('seen_body')}\b"
        )
        # Marks on someone else's body, said just after them ("fresh marks on his arm", "new
        # cuts on Mia's arm").
        self._on_someone_else = re.compile(
            rf"\s*{e('on_body')} (?:{e('on_body_both')} )?(?:{e('other_possessive')}\b"
            rf"|(?!(?:my|me|it|that|there|what|who|one)\b)[a-z]+'s (?:\w+ )?{e('seen_body')}\b)"
        )

    def heard_from_someone(self, before_quote: str) -> bool:
        """The quotation is what the writer heard or read, so someone else's words, unless it
        was the writer's own writing ("found the words '...' in my old diary")."""
        return (
            self._heard.search(before_quote) is not None
            and self._my_writing.search(before_quote) is None
        )

    def before_speech_verb(self, before_quote: str) -> str:
        """The words before the last verb that introduces the quotation (all of them if none)."""
        found = list(self._speech.finditer(before_quote))
        if not found:
            return before_quote
        before = before_quote[: found[-1].start()]
        if self._foreign_speech.fullmatch(found[-1].group(0)):
            before = self._foreign_told.sub("", before)
        return before

    def first_person_speech(self, before_quote: str) -> bool:
        """The verb that introduces the quotation names the writer as its speaker by its own
        form ("le dije a mi mamá '...'")."""
        found = list(self._speech.finditer(before_quote))
        return (
            bool(found) and self._first_speech.search(before_quote, found[-1].start()) is not None
        )

    def third_person_speech(self, before_quote: str) -> bool:
        """The verb that introduces the quotation names a third person as its speaker by its own
        form ("mi hermano me dijo '...'", "sinabi niya '...'"), or a note gives speech with no
        subject ("States '...'")."""
        found = list(self._speech.finditer(before_quote))
        verb = before_quote[found[-1].start() :] if found else ""
        tail = re.sub(r"^\s*\W*", "", before_quote)
        return (
            self._third_speech.search(verb) is not None
            or self._note_speech.match(tail) is not None
            or self._third_speech_end.search(before_quote) is not None
        )

    def said_that_by_third(self, sentence_before: str) -> bool:
        """A third person's words given after their verb and "that", with no clause break
        before the signal ("mi tía dice que ...")."""
        found = list(self._third_said_that.finditer(sentence_before))
        return bool(found) and self._speech_break.search(sentence_before, found[-1].end()) is None

    def without_recipient(self, before_speech: str) -> str:
        """The words before a quotation with the one sent or told something taken out: "I keep
        sending my ex messages like '...'" is the writer speaking, "she keeps texting me stuff
        like '...'" is her."""
        return self._recipient.sub(r"\1", before_speech)

    def unmarked_speech(self, sentence_before: str) -> str | None:
        """A speech verb with "I" right after it and no clause break before the signal ("a guy
        on the radio saying i thought about..."): the words before the verb, whose last person
        speaks; None when there is no such verb."""
        found = list(self._unmarked_speech.finditer(sentence_before))
        if not found or self._speech_break.search(sentence_before, found[-1].end()) is not None:
            return None
        return sentence_before[: found[-1].start()]

    def sung(self, sentence_before: str) -> bool:
        """Words given as what a song, a poem or a line of one says, with or without quotation
        marks ("the chorus goes i ...", "that line that says ..."), and no clause break between
        them and the signal: the song's words, not the writer's."""
        found = list(self._sung.finditer(sentence_before))
        return (
            bool(found)
            and self._speech_break.search(sentence_before, found[-1].end()) is None
            and self._sung_break.search(sentence_before, found[-1].end()) is None
        )

    def said_like(self, sentence_before: str) -> str | None:
        """Words said as a sample ("keeps saying things like ...") with no clause break before
        the signal: the words before the verb, whose last person speaks; None when there are
        none."""
        found = list(self._said_like.finditer(sentence_before))
        if not found or self._speech_break.search(sentence_before, found[-1].end()) is not None:
            return None
        return sentence_before[: found[-1].start()]

    def asked_about(self, span_before: str) -> bool:
        """The signal sits in a reported question ("asked whether I'd ever..."), not one that
        takes it as given ("asked whether I remember the night of the attempt")."""
        found = list(self._asked.finditer(span_before))
        return (
            bool(found)
            and self._clause_break.search(span_before, found[-1].end()) is None
            and self._presupposed.search(span_before, found[-1].end()) is None
        )

    def asked_by_writer_of_own(self, span_before: str, matched: str) -> bool:
        """The question is the writer's own, put to someone about the writer's own marks or
        thoughts ("I'd like to ask whether the nurse can check some wounds on my leg"): the
        signal is the writer's, not a what-if. Not a question put to the writer ("she asked
        whether I'd ever..."), nor one the writer asks about no one's ("can I ask whether
        self-harm scars fade?")."""
        found = list(self._asked.finditer(span_before))
        if not found:
            return False
        last = found[-1]
        return self._writer_asks.search(span_before, 0, last.start()) is not None and (
            self._writer_owns.search(span_before, last.end()) is not None
            or self._writer_owns.search(matched) is not None
        )

    def requested_of_own(self, span_before: str, matched: str) -> bool:
        """The "if" before the signal opens a polite request about the writer's own marks or
        thoughts ("ask if someone could look at the cuts on my arm"), not a what-if: the last
        request in `span_before` is followed by a word of the writer's own ("my") there or in
        the signal. Not a request about someone else's ("wondering if someone could check my
        son's cuts" names the son after "my", and is read as his by the usual reading)."""
        found = list(self._request_if.finditer(span_before))
        if not found:
            return False
        last = found[-1]
        return (
            self._writer_owns.search(span_before, last.end()) is not None
            or self._writer_owns.search(matched) is not None
        )

    def answer_after(self, rest: str) -> bool | None:
        """The answer in the first words of `rest`: True for yes, False for no, None for neither."""
        words = " ".join(rest.split()[:ANSWER_WINDOW_WORDS])
        no, yes = self._no.search(words), self._yes.search(words)
        if no and (not yes or no.start() < yes.start()):
            return False
        if yes:
            return True
        return None

    def answered_no_at_once(self, before: str, after: str) -> bool:
        """A self-question with no question mark, answered "no" at once after the signal
        ("would i ever hurt myself no never")."""
        return (
            self._self_question_open.match(before) is not None
            and self._no_at_once.match(after) is not None
        )

    def is_self_question(self, sentence: str) -> bool:
        """A yes-or-no question the writer asks of themselves ("Do I want to die?")."""
        return self._self_question.match(sentence) is not None

    def denied_by_subject(self, clause_before: str) -> bool:
        """The signal's subject denies it ("nobody in my family has ever ...")."""
        return self._denying_subject.search(clause_before) is not None

    def denied_by_no_thought(self, clause_before: str) -> bool:
        """A denial that names the thought ("no thoughts of being ...", "no plans to ...")."""
        return self._no_thought.search(clause_before) is not None

    def seen_on_someone_else(self, clause_before: str, matched: str, sentence_after: str) -> bool:
        """Traces seen, with no word placing them on the writer: another's, when another
        person was named before (checked by the caller). Traces on the writer's body in the
        signal's own words are the writer's, whoever saw them ("my sister saw the cuts on my
        arms", "mum found the marks on my legs")."""
        return (
            self._seen.search(clause_before) is not None
            and self._on_me.search(sentence_after) is None
            and self._on_my_body.search(matched) is None
        )

    def saw_someone_elses_body(self, sentence: str) -> bool:
        """The sentence tells of the writer seeing another person's arms, wrists or skin."""
        return self._seen_body.search(sentence) is not None

    def on_someone_else(self, after: str) -> bool:
        """The words just after a signal place it on another person's body ("... on his arm")."""
        return self._on_someone_else.match(after) is not None
