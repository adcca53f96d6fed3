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

Each function takes the lower-cased text (`rules.normalise`) and character offsets.
"""

from __future__ import annotations

import re

QUOTES = "'\""
# Characters that may come before an opening quote and after a closing one.
_BEFORE_OPEN = " \t([:,"
_AFTER_CLOSE = " \t.,!?;:)]"

# Someone asking the writer ("she asked whether I'd..."); never the writer asking themselves
# ("I keep asking myself if I should just end it" is the writer's own thought).
_ASKED = re.compile(
    r"\b(?:ask(?:ed|s|ing|in)?|want(?:s|ed)? to know)\b(?: (?:me|us|him|her|them))?"
    r"(?: (?:all |some |a few |a lot of |lots of |loads of )?(?:the |those |these |her |his )?"
    r"(?:usual |standard |routine |screening |same |normal )?questions?[^.?!]*?)?"
    # a short aside before the question ("asked me last night, very gently, whether")
    r"(?: [^.?!;,]{1,25},(?: [^.?!;,]{1,25},)?)?"
    # or a few plain words of time or manner, one or two ("asked me today if", "asked me
    # straight out tonight if")
    r"(?: (?:today|yesterday|tonight|again|once|recently|straight out|point blank|outright"
    r"|at (?:work|school|lunch|dinner|my \w+)|last \w+|this \w+|the other day"
    # an appointment named with a hyphen or two words ("at my check-up", "at my GP visit")
    r"|at (?:my|the|a) (?:\w+ )?\w+(?:-\w+)?)){0,2}"
    r",? (?:whether|if)\b"
)
# A question about remembering, regretting or talking about the signal takes it as given.
_PRESUPPOSED = re.compile(
    r"\b(?:remember|remembers|recall|recalls|regret|regrets|forgive|forgave|talk about"
    r"|talked about|knew about|know about)\b"
)
# A new clause between the question word and the signal ends the question ("asked if I could
# get help because I want to die" states the wish).
_CLAUSE_BREAK = re.compile(
    r"[.!?;,\n]|\b(?:because|cause|but|so|and then|and now|and (?:i|i'm|im)|said|told)\b"
)
_SELF_QUESTION = re.compile(
    r"^\W*(?:do|did|does|am|have|had|would|will|could|should|is|was) i\b[^?]*\?\s*$"
)
_YES = re.compile(r"\b(?:yes|yeah|yep|yup|i said yes|i do|i did|i have|honestly yes|sometimes)\b")
_NO = re.compile(
    r"\b(?:no(?! (?:one|idea|clue|way out|reason|point|longer|matter))|nope|nah|never"
    r"|not really|not at all|neither"
    r"|(?:certainly|definitely|absolutely|of course|god) not)\b"
)
# Words after a question in which its answer is looked for.
ANSWER_WINDOW_WORDS = 8
_DENYING_SUBJECT = re.compile(
    r"\b(?:nobody|no ?one|no-one|none of (?:us|them|my \w+|our \w+))"
    r"(?: (?:in|from|at) (?:my|our|the|this) \w+)?"
    r"(?: (?:has|have|had|is|was|were|ever|really|actually|even|would|will|did))*\s*$"
)
# "No thoughts of self-harm", "no plans to end my life": a denial that names the thought. The
# same with a negated verb ("I don't have any thoughts of", "I have not had thoughts of", "I'm
# not at risk of", "I would never do anything to"), where the negation sits further back than
# the few words the plain negation check reads.
_NO_THOUGHT = re.compile(
    r"\b(?:no (?:thoughts?|plans?|urges?|intentions?|intent|desire|wish|history|ideas?)"
    r" (?:of|to|about)(?: (?:being|having|ever))?"
    r"|(?:don'?t|do not|didn'?t|did not|haven'?t|have not|hasn'?t|has not|hadn'?t|had not"
    r"|not|never|am not|i'?m not|wasn'?t|was not)(?: (?:really|currently|ever|any|got|had"
    r"|have|having|get|getting|experience|experiencing|been having|had any|have any))*"
    r"(?: any| the)? (?:thoughts?|plans?|urges?|intentions?|intent|desire|wish|ideas?)"
    r" (?:of|to|about)(?: (?:being|having|ever))?"
    r"|(?:not|never|no longer) at (?:any )?risk of"
    # the same in Spanish and Portuguese ("no estoy pensando en hacerme daño")
    r"|(?:no|não|nao) (?:estoy|estaba|he estado|estou|tô|to|estava) pensando (?:en|em)"
    r"|(?:never|wouldn'?t|would not|won'?t|will not|not going to|not gonna|wudnt|wouldnt|wont)"
    r"(?: ever)? (?:do|did) anything (?:to|that would))"
    # the denial carries over a second thought joined by "or" ("no thoughts of ending my life
    # or of hurting myself", "no thoughts of harming myself or that I would be better off")
    r"(?: [^.?!;,]{1,40}? (?:or|nor)(?: (?:of|to|about|that))?"
    r"(?: (?:being|having|ever|i would be|i'?d be|i should be|i was|i were))?)?\s*$"
)
_FOREIGN_SPEECH = (
    r"|dijo|dice|dijeron|decía|decia|escribió|escribio|disse|diz|falou|sagt|sagte|meinte"
    r"|schrieb|hat gesagt|bola|boli|kaha|sabi|sinabi|mówi|mowi|powiedział|powiedziała"
    r"|dije|digo|escribí|falei|sage|habe gesagt|sinabi ko|mówię|mowie|powiedziałam"
    r"|powiedziałem"
)
# Verbs of saying whose form names the writer as the speaker ("le dije a mi mamá '...'").
_FIRST_SPEECH = re.compile(
    r"\b(?:dije|digo|escribí|falei|sage|habe gesagt|sinabi ko|mówię|mowie|powiedziałam"
    r"|powiedziałem)\b"
)
# Verbs of saying whose form names a third person as the speaker ("dijo", "sagt", "mówi",
# Tagalog "sinabi niya"), and English ones with no subject at all, in notes ("States '...'").
_THIRD_SPEECH = re.compile(
    r"\b(?:dijo|dice|dijeron|escribió|escribio|diz|falou|sagt|meint|schreibt|mówi|mowi"
    r"|powiedział|powiedziała|sinabi niya|sabi niya|sinabi|bola|boli)\b"
)
_NOTE_SPEECH = re.compile(r"^\W*(?:says|states|reports|writes|stated|reported)\W*$")
# The same verbs and "that" without quotation marks ("mi tío dice que ...", "meine Schwester
# sagt, dass ...", "moja siostra mówi, że ..."): what follows is the third person's.
_THIRD_SAID_THAT = re.compile(
    r"\b(?:dijo|dice|dijeron|diz|falou|sagt|sagte|meint|meinte|mówi|mowi|powiedział"
    r"|powiedziała|bol raha tha|bol rahi thi|sinabi niya|sabi niya),? (?:que|dass|że|ze|ki|na)\b"
)
# The verb that introduces a quotation; its subject is the speaker ("I told her '...'" is the
# writer's own words, "a kid said '...'" someone else's).
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|telling|texted|texts|messaged|wrote|writes"
    r"|posted|posts|posting|post|screamed|yelled|shouted|whispered|asked|goes|went|like"
    # the same in Spanish, Portuguese, German, Hindi and Tagalog ("mi tío me dijo '...'")
    + _FOREIGN_SPEECH
    + r")\b"
)
# An object pronoun just before a Spanish, Portuguese, German or Hindi verb of saying ("me
# dijo", "mir gesagt"): the one told, not the speaker.
_FOREIGN_TOLD = re.compile(r"\b(?:me|te|le|nos|les|mir|mich|uns|mujhe|mujhse|hamein)\s*$")
# Words quoted without quotation marks in a report, a talk or an interview: a verb of saying
# followed by "I" ("the nurse who said i wanted to...", "a man on the radio saying i...").
_UNMARKED_SPEECH = re.compile(
    r"\b(?:said|says|saying|say|told (?:us|the \w+|them|reporters|the interviewer)"
    r"|tells (?:us|the \w+|them)|admitted|admits|explained|explains|describing how"
    r"|described how|talking about how|talked about how|spoke about how|wrote)"
    r"(?: that)?(?: when)?,? (?=i\b|i'(?:m|d|ve|ll)\b|im\b|ive\b)"
)
# Words given as a sample of what someone says, in any text ("my dad keeps saying things like
# ...", "she's been posting stuff like ...").
_SAID_LIKE = re.compile(
    r"\b(?:saying|says|said|say|posting|posts|posted|texting|texts|texted|writing|writes|wrote"
    r"|coming out with|going on about) (?:things|stuff|shit|crap|lines|comments)(?: like)?[,:]?"
)
# A verb of sending or telling and its recipient ("sending my ex messages", "texting me").
_RECIPIENT = re.compile(
    r"\b((?:send|sends|sending|sent|text|texts|texting|texted|message|messages|messaging"
    r"|messaged|dm|dms|dming|dmed|tell|tells|telling|told|show|shows|showing|showed) )"
    r"(?:me|us|him|her|them|you|u|(?:my|his|her|their|our|your|the|a) (?:[\w'-]+ )?[\w'-]+)\b"
)
# A song, a poem or a line of one that "goes" or "says" what follows.
_SUNG = re.compile(
    # (not "line": "the lines on my arm", "a crisis line"), no new clause in between
    r"\b(?:songs?|lyrics?|chorus|verses?|tracks?|hook|bridge|refrain|poems?|anthem|rap)"
    r"\b(?: (?!(?:and|but|i|so|then)\b)[\w'-]+){0,5}? (?:goes|go|went|says|said|sings|sang)"
    r"(?: like)?[,:]? "
)
# The writer taking the words up as their own ("... and same", "and i relate").
_SUNG_BREAK = re.compile(r"\b(?:and|same|relate|me too|like me|honestly)\b")
# The signal must follow in the same clause as the quoted "I".
_SPEECH_BREAK = re.compile(r"[.!?;,:\n]|\b(?:but|and then|and now|so)\b")
# Words the writer heard or read: someone else said them ("I hear 'I want to die' most shifts").
_HEARD = re.compile(
    r"\b(?:hear|hears|heard|hearing|overheard|overhear|read|reads|reading)\b(?! my ?self)"
    r"(?: \w+){0,3}\s*$"
    # or someone else's writing the writer came across ("I saw the line '...'", "found a note
    # in his room saying '...'")
    r"|\b(?:saw|seen|see|found|find|spotted|noticed)(?: (?:the|a|an|his|her|their|this|that))?"
    r" (?:line|lines|note|notes|message|messages|text|words|post|caption|page|entry|status"
    r"|comment|tweet|notebook|diary|journal|letter)\b(?: \w+){0,5}\s*$"
    # or writing someone handed the writer ("she gave me a note that said '...'", "got a
    # message from him saying '...'")
    r"|\b(?:(?:handed|gave|passed|slipped|sent|showed|shown|texted|forwarded) (?:me|us)"
    r"|(?:got|received|get|receive))(?: (?:a|an|the|his|her|their|this|that))?(?: \w+)?"
    r" (?:note|notes|message|messages|text|letter|card|drawing|screenshot|dm|email)\b"
    r"(?: \w+){0,8}\s*$"
)
# The writer's own writing read again ("my old diary", "my own notes").
_MY_WRITING = re.compile(
    r"\bmy (?:own |old |\w+ )?(?:diary|diaries|journal|notebook|notes|words|poems?|posts?"
    r"|messages?|texts?|letters?|writing|drafts?)\b"
)
_SEEN = re.compile(
    r"\b(?:saw|seen|see|sees|noticed|notice|spotted|spot|found|find)"
    r"(?: (?:some|the|a|a few|new|fresh|old|all|these|those|loads of|lots of))*\s*$"
)
_ON_ME = re.compile(r"\b(?:on (?:my|me)\b|my (?:own )?\w+)")
# Marks on someone else's body, said just after them ("fresh marks on his arm").
_ON_SOMEONE_ELSE = re.compile(
    r"\s*(?:on|all over|up and down|across|along|up) (?:both )?(?:his|her|their|your|ur)\b"
)


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


def heard_from_someone(before_quote: str) -> bool:
    """The quotation is what the writer heard or read, so someone else's words, unless it
    was the writer's own writing ("found the words '...' in my old diary")."""
    return _HEARD.search(before_quote) is not None and _MY_WRITING.search(before_quote) is None


def before_speech_verb(before_quote: str) -> str:
    """The words before the last verb that introduces the quotation (all of them if none)."""
    found = list(_SPEECH.finditer(before_quote))
    if not found:
        return before_quote
    before = before_quote[: found[-1].start()]
    if re.fullmatch(_FOREIGN_SPEECH[1:], found[-1].group(0)):
        before = _FOREIGN_TOLD.sub("", before)
    return before


def first_person_speech(before_quote: str) -> bool:
    """The verb that introduces the quotation names the writer as its speaker by its own
    form ("le dije a mi mamá '...'")."""
    found = list(_SPEECH.finditer(before_quote))
    return bool(found) and _FIRST_SPEECH.search(before_quote, found[-1].start()) is not None


def third_person_speech(before_quote: str) -> bool:
    """The verb that introduces the quotation names a third person as its speaker by its own
    form ("mi hermano me dijo '...'", "sinabi niya '...'"), or a note gives speech with no
    subject ("States '...'")."""
    found = list(_SPEECH.finditer(before_quote))
    verb = before_quote[found[-1].start() :] if found else ""
    tail = re.sub(r"^\s*\W*", "", before_quote)
    return (
        _THIRD_SPEECH.search(verb) is not None
        or _NOTE_SPEECH.match(tail) is not None
        or re.search(r"\b(?:sinabi|sabi) niya\W*$", before_quote) is not None
    )


def said_that_by_third(sentence_before: str) -> bool:
    """A third person's words given after their verb and "that", with no clause break
    before the signal ("mi tía dice que ...")."""
    found = list(_THIRD_SAID_THAT.finditer(sentence_before))
    return bool(found) and _SPEECH_BREAK.search(sentence_before, found[-1].end()) is None


def without_recipient(before_speech: str) -> str:
    """The words before a quotation with the one sent or told something taken out: "I keep
    sending my ex messages like '...'" is the writer speaking, "she keeps texting me stuff
    like '...'" is her."""
    return _RECIPIENT.sub(r"\1", before_speech)


def unmarked_speech(sentence_before: str) -> str | None:
    """A speech verb with "I" right after it and no clause break before the signal ("a guy
    on the radio saying i thought about..."): the words before the verb, whose last person
    speaks; None when there is no such verb."""
    found = list(_UNMARKED_SPEECH.finditer(sentence_before))
    if not found or _SPEECH_BREAK.search(sentence_before, found[-1].end()) is not None:
        return None
    return sentence_before[: found[-1].start()]


def sung(sentence_before: str) -> bool:
    """Words given as what a song, a poem or a line of one says, with or without quotation
    marks ("the chorus goes i ...", "that line that says ..."), and no clause break between
    them and the signal: the song's words, not the writer's."""
    found = list(_SUNG.finditer(sentence_before))
    return (
        bool(found)
        and _SPEECH_BREAK.search(sentence_before, found[-1].end()) is None
        and _SUNG_BREAK.search(sentence_before, found[-1].end()) is None
    )


def said_like(sentence_before: str) -> str | None:
    """Words said as a sample ("keeps saying things like ...") with no clause break before
    the signal: the words before the verb, whose last person speaks; None when there are
    none."""
    found = list(_SAID_LIKE.finditer(sentence_before))
    if not found or _SPEECH_BREAK.search(sentence_before, found[-1].end()) is not None:
        return None
    return sentence_before[: found[-1].start()]


def asked_about(span_before: str) -> bool:
    """The signal sits in a reported question ("asked whether I'd ever..."), not one that
    takes it as given ("asked whether I remember the night of the attempt")."""
    found = list(_ASKED.finditer(span_before))
    return (
        bool(found)
        and _CLAUSE_BREAK.search(span_before, found[-1].end()) is None
        and _PRESUPPOSED.search(span_before, found[-1].end()) is None
    )


def answer_after(rest: str) -> bool | None:
    """The answer in the first words of `rest`: True for yes, False for no, None for neither."""
    words = " ".join(rest.split()[:ANSWER_WINDOW_WORDS])
    no, yes = _NO.search(words), _YES.search(words)
    if no and (not yes or no.start() < yes.start()):
        return False
    if yes:
        return True
    return None


def is_self_question(sentence: str) -> bool:
    """A yes-or-no question the writer asks of themselves ("Do I want to die?")."""
    return _SELF_QUESTION.match(sentence) is not None


def denied_by_subject(clause_before: str) -> bool:
    """The signal's subject denies it ("nobody in my family has ever ...")."""
    return _DENYING_SUBJECT.search(clause_before) is not None


def denied_by_no_thought(clause_before: str) -> bool:
    """A denial that names the thought ("no thoughts of being ...", "no plans to ...")."""
    return _NO_THOUGHT.search(clause_before) is not None


def seen_on_someone_else(clause_before: str, sentence_after: str) -> bool:
    """Traces the writer saw, with no word placing them on the writer: another's, when
    another person was named before (checked by the caller)."""
    return _SEEN.search(clause_before) is not None and _ON_ME.search(sentence_after) is None


def on_someone_else(after: str) -> bool:
    """The words just after a signal place it on another person's body ("... on his arm")."""
    return _ON_SOMEONE_ELSE.match(after) is not None


# A quotation, then an opening bracket with no closing one yet: its gloss follows.
_GLOSS_BEFORE = re.compile(r"['\"][^'\"\n]+['\"]\s*\([^()\n]*$")


def glossed(line_before: str, line_after: str) -> bool:
    """The signal sits in brackets just after a quotation, as its translation or gloss ("the
    title 'No quiero despertar' (I don't want to wake up)"): part of what is quoted."""
    return _GLOSS_BEFORE.search(line_before) is not None and ")" in line_after.split("(")[0]
