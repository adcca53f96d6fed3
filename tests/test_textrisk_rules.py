"""The rules layer of the text detector: lexicon, scanner and context reading."""

from __future__ import annotations

import random
import re
from functools import cache

import pytest

from waylight.core.content import load_data
from waylight.core.textrisk import Detector
from waylight.core.textrisk.context import load_context
from waylight.core.textrisk.cue_patterns import expanded
from waylight.core.textrisk.rules import expand, load_lexicon, normalise
from waylight.core.textrisk.scanner import Scanner, prefixes
from waylight.core.textrisk.spelling import ing_words, load_respeller, masked_pattern, masks

RULES = Detector(None)


def read(text: str) -> list[tuple[str, str, bool, bool, str, str]]:
    """(rule, matched text, negated, hypothetical, experiencer, time) for each match."""
    lowered = normalise(text)
    matches = load_lexicon().find(lowered)
    readings = load_context().read_all(lowered, matches)
    return [
        (m.rule.id, text[m.start : m.end], r.negated, r.hypothetical, r.experiencer, r.time)
        for m, r in zip(matches, readings, strict=True)
    ]


def test_every_rule_has_an_id_a_kind_and_a_rationale() -> None:
    data = load_data("text/signals.yaml", schema="text_signals")
    ids = [r["id"] for r in data["rules"]]
    assert len(ids) == len(set(ids))
    for rule in load_lexicon().rules:
        assert rule.rationale and len(rule.rationale) > 20, rule.id
        assert rule.kind and rule.name, rule.id


@cache
def signal_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every signal rule's patterns, placeholders expanded, as the scanner's named groups."""
    data = load_data("text/signals.yaml", schema="text_signals")
    return tuple(
        (f"r{i}", tuple(expand(p, data["placeholders"], where="") for p in raw["patterns"]))
        for i, raw in enumerate(data["rules"])
    )


@cache
def one_big_alternation() -> re.Pattern[str]:
    """The plain regex the scanner replaces: every signal rule in one alternation."""
    return re.compile(
        "|".join(
            f"(?P<{name}>"
            + "|".join(
                f"(?<!\\w)(?:{p})(?!\\w)"
                if prefixes(p) and next(iter(prefixes(p) or ""))[:1].isalnum()
                else f"(?:{p})"
                for p in pats
            )
            + ")"
            for name, pats in signal_groups()
        )
    )


@cache
def signal_scanner() -> Scanner:
    return Scanner(signal_groups())


def test_the_scanner_finds_what_one_big_alternation_finds() -> None:
    # The fast scanner must behave exactly like the plain regex it replaces.
    plain = one_big_alternation()
    scanner = signal_scanner()
    vocabulary = (
        "i want to die kill myself herself cut cutting again not never my friend she lol so "
        "hopeless alone burden suicide sh kms unalive tired sleep forever can't do this "
        "anymore the pain is too much wish i was dead self harm attempt tried to end it all "
        "no one would miss me 😂 ⚰️ . , but used to years ago last night"
    )
    words = vocabulary.split(" ")
    rng = random.Random(3)
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
        expected = [(m.lastgroup, m.start(), m.end()) for m in plain.finditer(text)]
        assert list(scanner.finditer(text)) == expected, text


def test_spans_point_into_the_original_text_even_with_curly_quotes_and_odd_letters() -> None:
    text = "İstanbul trip was fine. But honestly I don’t want to live anymore."
    result = RULES.analyse(text)
    assert result.signals
    for signal in result.signals:
        assert text[signal.start : signal.end] == signal.text
    assert result.suicide_risk.level == "ideation"


@pytest.mark.parametrize(
    "text",
    [
        "I would never kill myself",
        "I don't want to die",
        "I'm not suicidal",
        "I have never self harmed",
        # A denial further back than three words that names the thought or the act.
        "I don't have any thoughts of hurting myself",
        "I have not had any thoughts of harming myself",
        "I'm not at risk of harming myself",
        "I would never do anything to hurt myself",
        "não tô pensando em me matar",
        # A plan or intent denied with a word of degree or a second noun before the signal.
        "No current plan to end my life.",
        "no active plan or intent to end my life",
        "I deny any intent to end my life",
        # "No" before the wish in languages mixed into English posts, and a low mood said to
        # have lifted.
        "nessuna voglia di farmi del male",
        "aucune envie de mourir",
        "nenhuma vontade de me machucar",
        "My low mood has lifted considerably",
        # A hedge between the "not" and the words does not push the "not" out of reach, and
        # a promise in Arabic in Latin letters ("I won't do anything to myself").
        "I'm not actually going to end it all",
        "i'm not really going to hurt myself",
        "msh rah a3mel shi la 7ali",
    ],
)
def test_negated_signals_are_listed_but_marked_negated(text: str) -> None:
    found = read(text)
    assert found and all(negated for _, _, negated, *_ in found)
    assert RULES.analyse(text).suicide_risk.level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I can't tell anyone I have thoughts of hurting myself",
        "I didn't tell my mum that I hurt myself again",
        "I've been self harming for eight weeks since I lost my job",
        # Lifted only a little: the low mood is still there.
        "my low mood has lifted a little",
    ],
)
def test_a_negation_that_does_not_govern_the_signal_leaves_it_standing(text: str) -> None:
    found = read(text)
    assert found and not any(negated for _, _, negated, *_ in found)
    assert all(time == "current" for *_, time in found)


@pytest.mark.parametrize(
    ("text", "course"),
    [
        # A "not" after a course cue opens the verb the course belongs to (Polish drops the
        # subject), and "without hope" denies nothing after it.
        ("Od pół roku nie wychodzę z domu.", "od pół roku"),
        ("od kilku tygodni nie mam apetytu", "od kilku tygodni"),
        ("Je me sens sans espoir depuis des années.", "depuis des années"),
    ],
)
def test_a_course_cue_is_not_denied_by_a_not_after_it_or_by_without_hope(
    text: str, course: str
) -> None:
    found = [s for s in RULES.analyse(text).signals if s.text.lower() == course]
    assert found and not any(s.negated for s in found)


@pytest.mark.parametrize(
    "text",
    [
        "I told the nurse I had no current plan to end my life but that was a lie",
        "I said I wasn't going to kill myself but I lied",
        "no thoughts of ending my life. not true.",
        "on the form i put no plan to end my life but i do have one",
        # A "no" to a question, taken back just after.
        "My GP asked if I'd had thoughts of suicide. I said no. It was a lie.",
        "she asked if i had suicidal thoughts. i said no on reflex. later i saw that was a lie",
    ],
)
def test_a_denial_the_writer_takes_back_leaves_the_signal_standing(text: str) -> None:
    found = read(text)
    assert found and not any(negated for _, _, negated, *_ in found)


@pytest.mark.parametrize(
    "text",
    [
        "The nurse asked whether I ever had suicidal thoughts. I said no, and it was true.",
        "counsellor asked if i had thoughts of killing myself. i said no. that was the truth",
        # The answer given as the question's own verb denied.
        "The nurse asked whether I have had thoughts of harming myself. I have not.",
        "gp asked if i had thoughts of killing myself. i havent, at all",
    ],
)
def test_a_no_to_a_question_kept_stays_a_denial(text: str) -> None:
    found = read(text)
    assert found and all(negated for _, _, negated, *_ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Said 'I could kill myself' when I spilled coffee on my laptop. Didn't mean it, obviously.",
        'I said "I could kill myself" when I missed the bus, I was only joking.',
        "im not suicidal i just said i wanna die cos my team lost again lol",
        "I'm not suicidal. I only said I want to die because the wifi went down.",
        # A saying that blames a cause ("i said X made me want to die").
        "im not suicidal i said the game made me want to die because i lost",
        "I said that meeting makes me want to die. Obviously didn't mean it.",
    ],
)
def test_the_writers_own_saying_taken_back_or_disowned_is_denied(text: str) -> None:
    found = [f for f in read(text) if f[0] in ("TX-SI-KILL-SELF", "TX-SI-WANT-DIE")]
    assert found and all(negated for _, _, negated, *_ in found)


@pytest.mark.parametrize(
    "text",
    [
        "i said i want to die and honestly i meant it",
        "I said I want to die. I'm not joking.",
        "she said i want to die and i didnt mean it",
        "I'm not suicidal, I just want to die sometimes",
        "i said the rota makes me want to die and i meant it",
    ],
)
def test_a_saying_not_taken_back_is_not_denied(text: str) -> None:
    found = [f for f in read(text) if f[0] == "TX-SI-WANT-DIE"]
    assert found and not any(negated for _, _, negated, *_ in found)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "just read about a musician who had depression and attempted suicide young",
            "TX-ATT-TRIED",
        ),
        (
            "a documentary about a footballer who lost everything and then tried to kill himself",
            "TX-ATT-TRIED",
        ),
        (
            "I found my flatmate on the floor after what we took to be an overdose.",
            "TX-ATT-WHAT-HAPPENED",
        ),
        (
            "I saw my neighbour taken away after what I understood to be a self-harm incident.",
            "TX-SH-NOUN",
        ),
    ],
)
def test_a_who_clause_joined_by_and_or_an_event_seen_is_someone_elses(text: str, rule: str) -> None:
    found = [f for f in read(text) if f[0] == rule]
    assert found and all(experiencer == "other" for *_, experiencer, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "there's a boy in my year who is so loud and i want to kill myself",
        "i know a girl who is lovely and i cut myself after talking to her",
    ],
)
def test_an_i_after_a_who_clause_is_still_the_writer(text: str) -> None:
    found = read(text)
    assert found and all(experiencer == "self" for *_, experiencer, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "I don't know how to be a person who tried to die.",
        "still learning how to be someone who tried to end things",
    ],
)
def test_learning_to_be_the_person_who_tried_names_the_writer(text: str) -> None:
    found = [f for f in read(text) if f[0] == "TX-ATT-TRIED-WORDS"]
    assert found and all(experiencer == "self" for *_, experiencer, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "it's been a year since I last hurt myself",
        "two years since i stopped cutting",
        "the old me would have hurt myself after that",
    ],
)
def test_time_since_the_last_act_puts_it_in_the_past(text: str) -> None:
    found = read(text)
    assert found and all(time == "past" for *_, time in found)


def test_pseudo_negations_do_not_deny_the_signal() -> None:
    for text in ("No one knows I want to die", "I can't stop thinking about killing myself"):
        assert not any(negated for _, _, negated, *_ in read(text)), text


def test_a_what_if_is_hypothetical_but_a_conditional_threat_is_not() -> None:
    ((_, _, _, hypothetical, _, _),) = read("If I ever felt like dying I'd call someone")
    assert hypothetical
    ((_, _, _, hypothetical, _, _),) = read("If I fail this exam I'm going to kill myself")
    assert not hypothetical  # recall first: a conditional threat still counts


@pytest.mark.parametrize(
    ("text", "hypothetical", "experiencer"),
    [
        # asking how to disclose one's own self-harm is not a what-if
        ("How do I tell my mum that I've been cutting?", False, "self"),
        ("how do i tell my boyfriend ive been hurting myself", False, "self"),
        # "tell if", "tell whether" and telling "about" it stay what-ifs
        ("How do I tell whether my son is hurting himself?", True, "other"),
        ("how do you tell a new partner about self-harm", True, "other"),
        # someone else's cutting after the person told stays a what-if, and theirs
        ("How do I tell my mum that my friend has been cutting?", True, "other"),
    ],
)
def test_how_do_i_tell_is_a_what_if_unless_the_writer_discloses_their_own(
    text: str, hypothetical: bool, experiencer: str
) -> None:
    found = [(h, e) for rule, _, _, h, e, _ in read(text) if rule.startswith("TX-SH")]
    assert found and found[0] == (hypothetical, experiencer), found


@pytest.mark.parametrize(
    ("text", "hypothetical"),
    [
        # the writer asks someone to look at the writer's own marks: not a what-if
        ("I'd like to ask whether the nurse can look at the wounds on my arm.", False),
        ("could you ask if the nurse can check the marks on my thigh", False),
        # a question put to the writer, left unanswered, stays one
        ("My boss asked whether the scratches on my arm were new.", True),
    ],
)
def test_a_question_the_writer_asks_about_their_own_marks_is_theirs(
    text: str, hypothetical: bool
) -> None:
    found = [h for rule, _, _, h, _, _ in read(text) if rule == "TX-SH-TRACES"]
    assert found == [hypothetical], read(text)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        # a relapse inside the early part of a long stretch is part of the recovery
        ("Three years clean. At the start I relapsed a lot, but it got easier.", "past"),
        ("2 years clean now. in the first few months i relapsed loads", "past"),
        # a recent word keeps it current, and so does a relapse with no early part named
        ("Three years clean. At the start of this week I relapsed.", "current"),
        ("Two years clean, but I relapsed last night.", "current"),
        ("Two years clean and I relapsed.", "current"),
    ],
)
def test_a_relapse_early_in_a_long_stretch_is_past(text: str, time: str) -> None:
    found = [t for rule, *_, t in read(text) if rule == "TX-SH-SHORTHAND"]
    assert found == [time], read(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # "shd" before a pronoun or a verb is texting for "should", not the act
        ("saw marks on my mates arm today. shd i tell a teacher", False),
        ("u shd talk to someone about it", False),
        ("shd we say something to her mum", False),
        # told as the act, it stays the act
        ("i shd last night", True),
        ("shd again today. feel awful", True),
    ],
)
def test_shd_as_should_is_not_the_act(text: str, found: bool) -> None:
    hits = [r for r in read(text) if r[0] == "TX-SH-SHORTHAND"]
    assert bool(hits) is found, read(text)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # Someone else not knowing denies nothing of what they do not know.
        ("my therapist doesnt know i started cutting again", True),
        ("my mum doesn't know, and I have never self-harmed", False),
        # A duty to pass on what is told is no news report; a study's finding is.
        ("how do you tell your gp you've been cutting without her having to report it", True),
        ("The survey found that a third of students had self-harmed", False),
        # A state not felt "this" badly in years is how bad it is now; not felt at all is a denial.
        ("i havent felt this suicidal in years", True),
        ("i havent felt suicidal in years", False),
        # The Caribbean "mi" is the writer, weak as "my": a brother named after it is not.
        ("mi a feel suicidal bad tonight", True),
        ("mi hermano me dijo 'ya no quiero vivir'", False),
        # An employee's disclosure in a policy is a what-if.
        ("what managers should do if an employee discloses suicidal thoughts", False),
    ],
)
def test_whose_and_whether_a_signal_counts(text: str, counts: bool) -> None:
    readings = read(text)
    assert readings, text
    own = [r for r in readings if not r[2] and not r[3] and r[4] == "self"]
    assert bool(own) is counts, readings


@pytest.mark.parametrize(
    ("text", "self_harm"),
    [
        ("if my mum asks, the marks are from the dog ok? please just back me up", True),
        ("If dad asks about the plasters, I fell at yours. I didn't. Go along with it", True),
        ("I keep telling everyone it's the cat but we don't even have a cat anymore.", True),
        ("told the nurse i fell on the stairs. she nodded. they werent from the stairs", True),
        ("people ask about the marks and i tell them it was the cat. it wasn't the cat.", True),
        # a true story, someone else's story, no story at all
        ("My cat scratched my arm. I told my teacher it was the cat and it really was.", False),
        ("My sister keeps saying it's the cat, but they don't even have a cat.", False),
        ("if mum asks, tell her i was at yours tonight ok? i owe u", False),
        # "cat scratches" told, then the cat said not to exist; not a real cat's scratches
        ("more cat scratches this week. no i dont have a cat lol", True),
        ("cat scratches from the neighbours cat, i dont have a cat myself", False),
    ],
)
def test_a_cover_story_the_text_calls_untrue_is_self_harm(text: str, self_harm: bool) -> None:
    assert any(rule == "TX-SH-EXCUSE" for rule, *_ in read(text)) is self_harm


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        # a pet blamed, then shown not to be there
        ("Said the cat scratched me. We rehomed the cat years ago.", "TX-SH-EXCUSE", True),
        ("told everyone the dog did it. we dont even have a dog lol", "TX-SH-EXCUSE", True),
        ("Smashed a vase, told mum the cat did it. We have no cat.", "TX-SH-EXCUSE", False),
        ("The cat scratched me. We rehomed her sister last year.", "TX-SH-EXCUSE", False),
        # the same in Polish, undone in either language, not when it truly was the cat
        ("powiedziałam tacie, że to kot. nie mamy kota", "TX-SH-EXCUSE", True),
        ("Mówiłem mamie że to pies. We don't even have a dog.", "TX-SH-EXCUSE", True),
        ("Powiedziałam, że to kot, bo naprawdę to był kot.", "TX-SH-EXCUSE", False),
        # hitting oneself whenever upset, Arabic in Latin letters; not hitting someone else
        ("kel ma bez3al bedrob 7ali", "TX-SH-OTHER-MEANS", True),
        ("kol ma yez3al bedrobo", "TX-SH-OTHER-MEANS", False),
        # a bare cut dated by the stretch since the last, opening its sentence
        ("Cut for the first time in ages. I'm fine.", "TX-SH-SHORTHAND", True),
        ("Had my hair cut for the first time in ages.", "TX-SH-SHORTHAND", False),
        # a bare cut opening a diary sentence, dated to a time of day
        ("Exam results. Cut in the evening. More than usual.", "TX-SH-SHORTHAND", True),
        ("Exam results. Cut the cake in the evening.", "TX-SH-SHORTHAND", False),
        ("Power cut in the evening.", "TX-SH-SHORTHAND", False),
        # hurt sought from others on purpose
        ("started a fight on purpose so someone would hurt me", "TX-SH-OTHER-MEANS", True),
        ("got into a fight and honestly I didn't want to get hurt", "TX-SH-OTHER-MEANS", False),
        # hurt sought from traffic on purpose; not a near miss, nor hoping to get home first
        ("cycled through reds with no lights hoping i get knocked off", "TX-SH-OTHER-MEANS", True),
        ("walked into the road wanting a car to hit me", "TX-SH-OTHER-MEANS", True),
        ("crossed the road without looking, I didn't want to get hit", "TX-SH-OTHER-MEANS", False),
        ("cycling in the dark, hoping to get home before the storm", "TX-SH-OTHER-MEANS", False),
        # how to tell someone about one's own fresh marks
        ("How do I tell my GP about the burns?", "TX-SH-QUESTION", True),
        ("How do I tell my mum about the burns on the sofa?", "TX-SH-QUESTION", False),
        ("how do you tell a parent you've been cutting?", "TX-SH-QUESTION", True),
        ("how do you tell a parent you've been cutting class?", "TX-SH-QUESTION", False),
        # bedding washed of blood before anyone saw; sleeves in a hot day's degrees
        ("Blood on the towel again. Rinsed it before anyone saw.", "TX-SH-TRACES", True),
        ("Blood on my pillow, nosebleed. Washed it before anyone woke.", "TX-SH-TRACES", False),
        ("Long sleeves in 31 degrees again. Nobody gets to see.", "TX-SH-TRACES", True),
        ("Only a hoodie in 30 degrees and the wind was freezing.", "TX-SH-TRACES", False),
        # going without food on purpose, in Portuguese
        ("tô sem comer de propósito, como castigo", "TX-SH-OTHER-LANGUAGE", True),
        ("parei de comer carne de propósito, dieta nova", "TX-SH-OTHER-LANGUAGE", False),
        # scratching oneself till it bleeds, in Turkish; cutting oneself, in Afrikaans
        ("kendimi tırmalıyorum, kanayana kadar", "TX-SH-OTHER-LANGUAGE", True),
        ("kedim beni tırmaladı, kanayana kadar", "TX-SH-OTHER-LANGUAGE", False),
        ("dat ek myself sny as ek gestres is", "TX-SH-OTHER-LANGUAGE", True),
        ("ek sny die brood vir myself", "TX-SH-OTHER-LANGUAGE", False),
        # more medication than prescribed, taken to hurt oneself
        ("I took more meds than prescribed. I wanted to hurt myself", "TX-SH-OTHER-MEANS", True),
        ("I took extra meds by accident, I wanted to hurt nobody", "TX-SH-OTHER-MEANS", False),
    ],
)
def test_the_writers_own_self_harm_behind_a_story_a_question_or_traces(
    text: str, rule: str, found: bool
) -> None:
    own = [r for r, _, negated, _, who, _ in read(text) if not negated and who == "self"]
    assert (rule in own) is found, read(text)


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("cut my thumb on purpose", True),
        ("sliced my forearm deliberately after the row", True),
        ("cut myself on purpose while cooking", True),
        # a kitchen cut said not to be on purpose, or a haircut, is no act
        ("cut my finger chopping onions, not on purpose obviously", False),
        ("cut my hair short on purpose", False),
    ],
)
def test_a_cut_to_the_body_said_to_be_on_purpose_is_an_act(text: str, act: bool) -> None:
    assert any(rule == "TX-SH-ACT" for rule, *_ in read(text)) is act


@pytest.mark.parametrize(
    ("text", "experiencer"),
    [
        ("my friend has been cutting herself", "other"),
        ("My sister told me she wants to die", "other"),
        ("My mom found out I've been cutting", "self"),
        ("My friend and I both self harm", "self"),
        ("A girl in my class self harms", "other"),
        ("He makes me want to die", "self"),
        ("you should kys", "other"),
        ("Self-harm is more common than people think", "other"),
        # Asked how one tells someone of one's own state: the asker's, not the one told's.
        ("how do u tell ur coach ur suicidal", "self"),
        ("how do you tell a nurse you want to die", "self"),
        ("how do you tell your dad your suicidal", "self"),
        ("how to let your parents know you've been self harming", "self"),
        ("what's the best way to say to my gp that you keep wanting to die", "self"),
        ("how does someone tell their family they're suicidal", "self"),
        ("how should one tell an employer that one has been having suicidal thoughts", "self"),
        # The one told, or a third person, is at risk; or "tell" asks how to know.
        ("how do you tell a friend you think they're suicidal", "other"),
        ("how do you tell someone you know is suicidal", "other"),
        ("how do you tell your teacher your friend is self harming", "other"),
        ("did you tell your mum you want to die", "other"),
        ("how do you tell if you're suicidal or just sad", "other"),
        ("what do you do when someone you love wants to die", "other"),
    ],
)
def test_whose_experience_is_the_nearest_person_before_the_signal(
    text: str, experiencer: str
) -> None:
    found = read(text)
    assert found, text
    assert found[-1][4] == experiencer


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("I used to self-harm, 2 years clean", "past"),
        ("When I was 15 I cut myself", "past"),
        ("I cut myself when I was 15", "past"),
        ("I've been clean for a year. Last night I cut again", "current"),
        ("I still self harm sometimes, I started when I was 14", "current"),
        ("I no longer want to be alive", "current"),
        # A time word that breaks the span ("today", "just now") dates what it opens, against
        # a recovery told elsewhere, but not against a past cue in the same span.
        ("6 months clean and today the urge to cut came back", "current"),
        ("A year clean and just now I really wanted to hurt myself", "current"),
        ("Two years without cutting. Today I remembered how I used to hurt myself", "past"),
        # A school year gone by, in short ("in yr 8"), or a time of life named with "from
        # when I"; not the writer's present year, nor a present habit after "from when I".
        ("in yr 8 i wanted to die", "past"),
        ("im in yr 9 and i want to die", "current"),
        ("my old diary from when I wanted to die", "past"),
        ("from when I wake up I want to die", "current"),
        # Scars named by self-harm's own words and told as faded; a stretch told as lost; a
        # thought gone through treatment.
        ("my self harm scars are almost invisible now", "past"),
        ("my sh scars have faded a lot", "past"),
        ("my self harm scars are still fresh", "current"),
        ("10 months clean, gone. Cut last night", "current"),
        ("10 months clean. I cut once at the start", "past"),
        ("the suicidal thoughts i had at uni went away after therapy", "past"),
    ],
)
def test_past_and_current_time(text: str, time: str) -> None:
    assert read(text)[-1][5] == time


@pytest.mark.parametrize(
    ("text", "time"),
    [
        # An act told as the first in years is a relapse now, even after a past cue that dates
        # what led to it, unless that cue puts it years back.
        (
            "Two months ago we rowed and that night I cut myself for the first time in two years",
            "current",
        ),
        ("Years ago I cut myself for the first time in ages and then stopped for good", "past"),
        ("When I was 14 I cut myself for the first time since primary school", "past"),
        # Self-harm going on since a season, in the present perfect; an act dated to one.
        ("I've been self-harming since last summer", "current"),
        ("I cut myself last summer but I'm fine now", "past"),
    ],
)
def test_a_relapse_or_a_habit_going_on_is_current_and_an_old_act_past(text: str, time: str) -> None:
    acts = [r for r in read(text) if r[0] == "TX-SH-ACT"]
    assert acts, text
    assert acts[0][5] == time


@pytest.mark.parametrize(
    ("text", "self_harm"),
    [
        ("bad night. the old habit came back if you know what i mean. im ok", True),
        ("Went back to the old habit last night. Long sleeves today.", True),
        ("the old habit came back this week", False),
        ("Quit smoking in March, but the old habit came back this week at the pub.", False),
        ("back to my old habit of biting my nails during exams", False),
    ],
)
def test_the_old_habit_is_self_harm_only_in_a_text_about_it(text: str, self_harm: bool) -> None:
    # `antecedent: self_harm_around`: self-harm, its traces or a wink on either side, and no
    # other habit named on either side.
    assert RULES.analyse(text).self_harm.present is self_harm


@pytest.mark.parametrize(
    ("text", "self_harm"),
    [
        ("day zero again. not proud of it", True),
        ("Reset. Again. Please don't make a big thing of it", True),
        ("i didnt make it to 40. can you call me", True),
        ("lost my duolingo streak, day 0 again", False),
        ("gym was shut all week so day 0 again on my running plan", False),
        ("three beers at the wedding. day 0 again, calling my sponsor tomorrow", False),
        ("I didn't make it to 30 minutes on the bike", False),
    ],
)
def test_a_reset_count_is_self_harm_only_with_no_other_habit_named(
    text: str, self_harm: bool
) -> None:
    # `antecedent: no_other_streak`: no other habit, app, game or sport on either side.
    assert RULES.analyse(text).self_harm.present is self_harm


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("My wife died two years ago. I've been thinking about joining her.", "ideation"),
        ("Dad passed away in March and some nights I just want to be with him again", "ideation"),
        ("i want to be with her so bad, she's at her mum's all week", "none"),
        ("My nan died in May. Mum wants to join her cousin in Spain for Christmas.", "none"),
    ],
)
def test_a_wish_to_join_someone_counts_only_after_a_death(text: str, level: str) -> None:
    # `antecedent: death`: a death told shortly before the wish to join or be with someone.
    assert RULES.analyse(text).suicide_risk.level == level


@pytest.mark.parametrize(
    "text",
    [
        "I'd kill for a pizza",
        "this exam is killing me",
        "I'm dead lol",
        "dying of laughter",
        "I was killing myself laughing",
        "I cut myself shaving",
        "career suicide",
        "I could sleep forever after that hike",
    ],
)
def test_idioms_give_no_signal_at_all(text: str) -> None:
    result = RULES.analyse(text)
    assert result.suicide_risk.level == "none"
    assert result.signals == ()


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # too much of a remedy or a food; a machine that "decided to die"
        ("been overdosing on orange juice and honey to shift this cold", "none"),
        ("my laptop decided to die in the middle of the exam", "none"),
        # a date a couple set beside things given away
        ("we've finally picked the date! giving away my old dresses", "none"),
        # the writer's own
        ("i decided to die tonight", "ideation"),
        ("i have written letters to everyone and picked the date", "behavior"),
    ],
)
def test_everyday_overdoses_dates_and_machines_are_not_the_writers(text: str, level: str) -> None:
    assert RULES.analyse(text).suicide_risk.level == level


@pytest.mark.parametrize(
    ("text", "experiencer"),
    [
        ("I'm the partner of someone who has been suicidal for years", "other"),
        ("I'm someone who has been suicidal for years", "self"),
        ("I'm the kind of person who self harms when stressed", "self"),
        ("One of my staff came back after a suicide attempt", "other"),
        ("with a content warning for self-harm and suicidal thoughts", "other"),
    ],
)
def test_a_tie_to_someone_staff_and_content_warnings_name_another(
    text: str, experiencer: str
) -> None:
    found = [r for r in read(text) if not r[0].startswith("TX-DEP")]
    assert found and all(r[4] == experiencer for r in found)


@pytest.mark.parametrize(
    ("text", "idiom"),
    [
        # a breakup with a partner word, a group's tiredness laughed off
        ("ended it with my boyfriend last night, feeling relieved tbh", True),
        ("we were all dead inside after the exam, laughing about it", True),
        # a name (lower-cased, it could be a means), the writer alone
        ("ended it with mark last night", False),
        ("i'm dead inside", False),
        # a breakup told with him or her just before a bare "ended it", or "dumped"
        ("split up with him yesterday. ended it for good", True),
        ("finally dumped her, feel lighter", True),
        ("had a row with him. ended it all tonight", False),
        # a teacher's unit with the topic told as the period's or the texts'
        ("i'm planning a unit on the tragedies and the suicide themes in them", True),
        ("i'm planning a unit on poetry and i keep thinking about suicide", False),
    ],
)
def test_breakups_and_shared_tiredness_are_idioms(text: str, idiom: bool) -> None:
    assert bool(load_context().text_cues(text).idiom) is idiom


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a suicide note in a book or a film read or watched, and the topic studied
        ("Finished the thriller. The twist with the suicide note was so clever.", "none"),
        ("the detective finds a forged suicide note in chapter two", "none"),
        ("talking about suicide doesnt make people do it, good to know", "none"),
        ("writing a literature review on self-harm in adolescence", "none"),
        # the writer's own note, next to a book or a film
        ("Finished the book. I wrote my own suicide note after reading it", "behavior"),
        ("watched a crime drama and the suicide note made me want to write my own", "behavior"),
    ],
)
def test_a_note_in_a_story_and_the_topic_studied_are_not_the_writers(text: str, level: str) -> None:
    assert RULES.analyse(text).suicide_risk.level == level


def test_laughter_lowers_a_jokeable_signal_to_watch_but_never_to_nothing() -> None:
    result = RULES.analyse("kms lol this homework")
    assert result.suicide_risk.level == "indicator"
    assert result.concern == "watch"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The joke sense denied by name: the laughter word does not lower it.
        ("kms thoughts all day and not in a joking way", "ideation"),
        ("kms thoughts again today, not in the funny way", "ideation"),
        ("kms. not as a joke this time", "ideation"),
        # A joke told as one stays lowered.
        ("said kms in class, it was a joking way of saying the test was hard", "indicator"),
    ],
)
def test_a_joke_sense_denied_by_name_does_not_lower_a_jokeable_signal(
    text: str, level: str
) -> None:
    assert RULES.analyse(text).suicide_risk.level == level


def test_skull_emoji_is_laughter_and_coffin_emoji_alone_sets_no_level() -> None:
    assert RULES.analyse("💀💀 I can't").suicide_risk.level in ("none", "indicator")
    assert RULES.analyse("that meeting ⚰️").suicide_risk.level == "none"
    assert RULES.analyse("I feel hopeless ⚰️").suicide_risk.level == "indicator"


def test_explanations_never_quote_a_means() -> None:
    for text in (
        "I took an overdose two days ago",
        "I have been saving up my medication for later",
    ):
        result = RULES.analyse(text)
        assert "mentions a means" in result.explanation, result.explanation
    for text in (
        "I took an overdose two days ago",
        "I have been saving up my medication for later",
        "I feel hopeless 💊",
    ):
        explanation = RULES.analyse(text).explanation
        for word in ("overdose", "medication", "💊"):
            assert word not in explanation, explanation


def test_a_long_history_is_judged_by_its_strongest_current_evidence() -> None:
    ordinary = "We went to the shops and then watched a film together at home. " * 400
    short = RULES.analyse("I want to kill myself")
    long = RULES.analyse(ordinary + "I want to kill myself. " + ordinary)
    assert long.suicide_risk.level == short.suicide_risk.level == "ideation"
    assert long.suicide_risk.score == pytest.approx(short.suicide_risk.score)
    assert long.concern == "urgent"


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        ("a study found that most people who self-harm never tell anyone", True),
        ("new studies show it is more common than people think", True),
        ("the understudy found out i want to die", False),
        ("our understudies found out i want to die", False),
    ],
)
def test_a_reported_speech_cue_is_bounded_at_both_word_edges(sentence: str, reported: bool) -> None:
    # Each cue is bounded at its own ends: "understudy found" is no study that found something.
    context = load_context()
    assert (context._reported.search(sentence) is not None) is reported
    assert context._reported_text.search(sentence) is reported


def test_context_cues_load_from_data() -> None:
    data = load_data("text/context.yaml", schema="text_context")
    assert {"negation", "hypothetical", "past", "laughter", "support"} <= set(data["cues"])
    assert all(idiom["rationale"] for idiom in data["idioms"])


def test_every_shipped_rule_pattern_has_known_first_characters() -> None:
    # A pattern that may start with any word ("(?:\w+ )?years ago ...") sends every text
    # through the scanner's slow path, trying each word: the batch path lost about a tenth of
    # its speed to one such pattern. Match from the fixed words instead.
    data = load_data("text/signals.yaml", schema="text_signals")
    open_ended = [
        (raw["id"], p)
        for raw in data["rules"]
        for p in (expand(q, data["placeholders"], where="") for q in raw["patterns"])
        if prefixes(p) is None
    ]
    assert open_ended == []


def test_a_pattern_that_may_start_at_any_word_runs_only_where_the_string_it_needs_is() -> None:
    # "[a-z]+ is self-harming" keyed by its first letters would be tried at almost every word;
    # it is tried only in a text holding "self-harming", and finds the same there.
    scanner = Scanner([("other", [r"[a-z]+ is self-harming"]), ("sad", ["so sad"])])
    assert scanner._anywhere_words is not None
    text = "i think sam is self-harming and im so sad"
    assert list(scanner.finditer(text)) == [("other", 8, 27), ("sad", 35, 41)]
    assert list(scanner.finditer(text)) == list(scanner._finditer_slow(text))
    assert list(scanner.finditer("sam is fine, im so sad")) == [("sad", 16, 22)]


def test_scanner_handles_emoji_starts_and_patterns_that_may_start_anywhere() -> None:
    scanner = Scanner([("a", ["kms", "i want"]), ("b", [r"\w+ly sad"]), ("c", ["⚰️"])])
    found = list(scanner.finditer("i want to be kms, really sad ⚰️ ok"))
    assert found == [("a", 0, 6), ("a", 13, 16), ("b", 18, 28), ("c", 29, 31)]
    # Where the pattern that may start anywhere matches nowhere, the fast path (known starts
    # only) is taken, and finds what trying every word start finds.
    plain = "i want to be kms, so sad ok"
    assert list(scanner.finditer(plain)) == [("a", 0, 6), ("a", 13, 16)]
    assert list(scanner.finditer(plain)) == list(scanner._finditer_slow(plain))
    words_only = Scanner([("a", ["kms", "i want"]), ("c", ["⚰️"])])
    assert list(words_only.finditer("i want kms⚰️")) == [("a", 0, 6), ("a", 7, 10), ("c", 10, 12)]
    assert words_only.search("nothing here") is False


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"[0-9]+ days? clean", "100 days clean"),
        (r"[0-9]+ days? clean", "1000 days clean"),
        (r"(?:[1-9][0-9]*|a) (?:days?|months?) clean", "6 months clean"),
        (r"after \d+ days", "after 365 days"),
    ],
)
def test_scanner_tries_patterns_whose_numbers_have_many_digits(pattern: str, text: str) -> None:
    # Regression: prefixes were computed for at most two repetitions, so "100 days" was
    # never tried by a pattern starting with a number.
    assert [(s, e) for _, s, e in Scanner([("g", [pattern])]).finditer(text)] == [(0, len(text))]
    assert prefixes(pattern) is not None


# The context cues read by a scanner (the idioms are too); the others are plain regexes.
SCANNED_CUES = ("self_too", "recovery", "reported", "support")


def _scanned_patterns() -> list[tuple[str, str]]:
    """(rule id or cue name, pattern) of every pattern a scanner reads."""
    signals = load_data("text/signals.yaml", schema="text_signals")
    context = load_data("text/context.yaml", schema="text_context")
    scanned = [
        (raw["id"], expand(p, signals["placeholders"], where=""))
        for raw in signals["rules"]
        for p in raw["patterns"]
    ]
    scanned += [
        (cue, p) for cue in SCANNED_CUES for p in expanded(context["cues"][cue]["patterns"])
    ]
    scanned += [
        (idiom["id"], p) for idiom in context["idioms"] for p in expanded(idiom["patterns"])
    ]
    return scanned


def test_a_digit_class_in_a_patterns_first_characters_is_tried_at_every_digit() -> None:
    # The scanner tries a pattern only where its first characters are found. Python's \d
    # matches other digits than 0-9 too (Arabic-Indic, fullwidth), so a \d there is read as
    # any character, like \w: the pattern is still tried where such a digit stands.
    assert prefixes(r"\d+ days clean") is None
    assert prefixes(r"week \d+ of") == frozenset({"week "})
    scanner = Scanner([("week", [r"week \d+ of\b"])])
    assert list(scanner.finditer("it is week \u0663 of it")) == [("week", 6, 15)]


def _starts_on_a_bare_sign(pattern: str) -> bool:
    starts = prefixes(pattern)
    return starts is not None and any(len(s) == 1 and s in " .,;:!?" for s in starts)


def test_no_scanned_pattern_starts_on_a_bare_sign() -> None:
    # A pattern whose match may start at a full stop or a space alone ("(?:^|[.!?]\s*)attempt")
    # sends every text holding that sign down the scanner's slow path, which tries every
    # pattern at every word (a quarter of the batch path's speed was lost to one such pattern).
    # A sentence start is said with a lookbehind instead ("(?:^|(?<=[.!?] ))attempt").
    assert [(where, p) for where, p in _scanned_patterns() if _starts_on_a_bare_sign(p)] == []
    # the check itself finds one, and passes the lookbehind spelling
    assert _starts_on_a_bare_sign(r"(?:^|[.!?]\s*)attempt anniversary")
    assert not _starts_on_a_bare_sign(r"(?:^|(?<=[.!?] ))attempt anniversary")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("30 days without self harm", True),
        ("day 3 in bed", True),
        # the same numbers in Arabic-Indic and fullwidth digits: read by neither
        ("\u0663\u0660 days without self harm", False),
        ("\uff13\uff10 days without self harm", False),
        ("day \u0663 in bed", False),
    ],
)
def test_a_number_in_other_digits_is_read_alike_by_the_scanner_and_the_rules(
    text: str, found: bool
) -> None:
    expected = [(m.lastgroup, m.start(), m.end()) for m in one_big_alternation().finditer(text)]
    assert list(signal_scanner().finditer(text)) == expected
    # the number's rule, from the text's start (the words after it may be a signal too)
    assert any(start == 0 for _, start, _ in expected) is found


@pytest.mark.parametrize(
    ("text", "level", "self_harm", "concern"),
    [
        # recovery keeps risk in view: watch, not none
        ("I haven't self-harmed in a month", "indicator", False, "watch"),
        # suicide as the subject of the sentence is the writer's own thought
        ("Suicide feels like the only way out for me now", "ideation", False, "urgent"),
        # a question that discloses
        ("does anyone else hurt themselves when stressed?", "behavior", True, "concern"),
        # denied after a subject-less opening
        ("cutting isn't something I would ever do", "none", False, "none"),
    ],
)
def test_context_on_the_clause(text: str, level: str, self_harm: bool, concern: str) -> None:
    result = RULES.analyse(text)
    assert (result.suicide_risk.level, result.self_harm.present, result.concern) == (
        level,
        self_harm,
        concern,
    )


@pytest.mark.parametrize(
    "text",
    [
        # someone else's words, quoted: the speaker is the subject of the verb before the quote
        "My cousin keeps posting things like 'I just want to disappear forever' on her story",
        "A boy on the bus said 'I'm going to kill myself' when his phone died",
        # a quotation that opens its sentence is spoken by the first person named after it
        "Is 'kms' ever meant literally? My little brother says it about homework.",
        # a question about risk, answered no
        "The doctor asked if I had ever hurt myself. I said no, never.",
        "Am I suicidal? No. Am I tired of this job? Very.",
        "The form asked whether I'd thought about ending my life. The answer was no.",
        # a denying subject
        "No one in our house has ever self-harmed, thank God, but we all worry too much",
        # hard work, not harm
        "Been killing myself studying for the bar exam all month",
        # traces the writer saw on someone named before them
        "When my friend rolled up her sleeves I noticed the fresh cuts and froze",
        # everyday cutting
        "Cutting my own bangs at 2am was a choice",
        # words the writer heard or read are someone else's
        "Working in A&E you hear 'I want to die' more than you'd think",
        "My housemate said 'I wish I was dead' about her exams and laughed",
        # a denial that names the thought
        "Screening form: no thoughts of self-harm. No plans to end my life. Sleep poor.",
        # a counterfactual what-if
        "If I was going to hurt myself I'd tell you, honestly",
        # accidents told with the activity first, and a plant cutting
        "Ironing in a rush, I burnt my hand on the iron again",
        "She gave me a cutting from her rose bush for the garden",
    ],
)
def test_quotes_answers_and_other_peoples_traces_are_not_the_writers_risk(text: str) -> None:
    result = RULES.analyse(text)
    assert result.suicide_risk.level not in ("ideation", "behavior", "attempt"), text
    assert not result.self_harm.present, text


@pytest.mark.parametrize(
    "text",
    [
        # the writer quoting their own words
        "I told my mum 'I want to kill myself' and she walked out",
        # asked, and answered yes
        "The nurse asked if I'd hurt myself and I said yes, on Sunday",
        # a question the writer answers yes, or leaves open
        "Do I want to die? Yes, most days.",
        "Do I want to die? I honestly think so",
        # "why" questions and "no one" are not a no
        "Why do I want to die? No one would notice anyway",
        # asked, then a new clause that states the wish
        "She asked if I was okay and I said I want to die",
        "I asked the GP if I could get help because I want to die",
        # "nobody" that is not the subject of the act
        "Nobody knows I cut myself again last night",
        # the writer's own traces seen in a mirror
        "I saw the fresh cuts in the mirror and hated myself",
        # slow self-destruction is not hard work
        "I've been killing myself slowly and nobody sees it",
        # hearing oneself is the writer's own voice
        "I keep hearing myself say 'I want to die' in my head",
        # a thought named without a denial
        "I have thoughts of being better off dead most nights",
        # an everyday activity beside a deliberate act
        "burnt my arm on purpose last night",
    ],
)
def test_the_writers_own_words_and_answers_still_count(text: str) -> None:
    result = RULES.analyse(text)
    assert (
        result.suicide_risk.level in ("ideation", "behavior", "attempt") or result.self_harm.present
    ), text


# ---------------------------------------------------------------- hurried spellings


def test_respeller_reads_hurried_spellings_and_maps_back() -> None:
    text = "how do i tel my dad i been cuttin. need 2 buy plastrs b4 2nite"
    respelled = load_respeller().respell(text)
    assert respelled.text == (
        "how do i tell my dad i been cutting. need to buy plasters before tonight"
    )
    start = respelled.text.index("cutting")
    end = start + len("cutting")
    assert text[respelled.at(start) : respelled.at(end)] == "cuttin"
    assert respelled.at(len(respelled.text)) == len(text)


def test_respeller_reads_a_burn_and_a_lighter_spelt_by_ear() -> None:
    respelled = load_respeller().respell("bernt myslf wiv a lighta")
    assert respelled.text == "burnt myself with a lighter"


def test_respeller_reads_goodbye_letters_spelt_by_ear() -> None:
    respelled = load_respeller().respell("rote goodby leters 4 evry1, a leter 2 mum")
    assert respelled.text.startswith("rote goodbye letters")
    assert "a letter" in respelled.text


def test_respeller_reads_burden_spelt_by_ear() -> None:
    respelled = load_respeller().respell("im such a burdin to my nan")
    assert respelled.text == "im such a burden to my nan"


def test_respeller_reads_more_spellings_of_burden() -> None:
    respelled = load_respeller().respell("feel like a burdn, a burdon, a bourden")
    assert respelled.text == "feel like a burden, a burden, a burden"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("honestly i feel lik a burden to everyone at home", "TX-DIS-BURDEN"),
        ("sick of being a burden on everyone who knows me", "TX-DIS-BURDEN"),
        ("annemlere yük oldum, her şey benim yüzümden", "TX-DIS-BURDEN"),
        ("ik ben iedereen tot last sinds ik ziek ben", "TX-DIS-BURDEN"),
        ("sinto que sou um peso para a minha família", "TX-DIS-BURDEN"),
        ("jestem dla wszystkich ciężarem", "TX-DIS-BURDEN"),
        ("nimekuwa mzigo kwa familia yangu", "TX-DIS-BURDEN"),
        ("ich falle allen nur zur last", "TX-DIS-BURDEN"),
        ("i've been feeling incredibly lonely since the move", "TX-DIS-ALONE"),
        ("je suis si seule depuis la rentrée", "TX-DIS-ALONE"),
        ("ich fühle mich so einsam in der neuen stadt", "TX-DIS-ALONE"),
        ("i picture how life just goes on without me", "TX-PI-WISH-DEAD"),
        ("i think about my family talking about me in the past tense", "TX-PI-WISH-DEAD"),
        ("ik stel me voor hoe mijn vrienden zonder mij verder gaan", "TX-PI-OTHER-LANGUAGE"),
        ("j'imagine ma famille continuer sans moi", "TX-PI-OTHER-LANGUAGE"),
        ("ich stelle mir vor, wie meine familie ohne mich weitermacht", "TX-PI-OTHER-LANGUAGE"),
        ("ningependa tu kuzimwa", "TX-PI-OTHER-LANGUAGE"),
        ("sitaki kuwa hapa tena", "TX-PI-OTHER-LANGUAGE"),
        ("j'aimerais juste m'éteindre", "TX-PI-OTHER-LANGUAGE"),
        ("kuna watu wengine wanaotamani kufa?", "TX-PI-QUESTION"),
    ],
)
def test_burden_loneliness_life_without_one_and_switching_off_in_more_words(
    text: str, rule: str
) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "the burden of proof is on the prosecution",
        "kamyona yük yükledik, yarın yola çıkıyoruz",
        "bu kutu bana yük oldu, çok ağır",
        "ik ben niemand tot last",
        "sou um peso pesado no boxe",
        "nimebeba mzigo mzito sokoni",
        "je suis seul à la maison ce soir",
        "estoy sola en casa",
        "my family goes on holiday without me next week",
        "ik zie voor me hoe mijn familie op vakantie gaat zonder mij",
        "switched off the lights and went to bed",
        "nataka kuzima taa nilale",
        "sitaki kuwa hapa tena kazini",
        "my grandad feels very isolated since grandma died",
    ],
)
def test_a_load_a_place_a_trip_or_a_light_is_not_burden_loneliness_or_absence(text: str) -> None:
    assert not [
        r
        for r in read(text)
        if r[0]
        in (
            "TX-DIS-BURDEN",
            "TX-DIS-ALONE",
            "TX-PI-WISH-DEAD",
            "TX-PI-OTHER-LANGUAGE",
            "TX-PI-QUESTION",
        )
    ]


def test_respeller_reads_use_2_as_use_to() -> None:
    # The d of "used" dropped as well as "to" written "2": someone's past told in chat spelling.
    respelled = load_respeller().respell("my gf use 2 cut in skool")
    assert respelled.text == "my gf use to cut in school"


def test_respeller_leaves_words_and_numbers_alone() -> None:
    for text in (
        "my cousin is within the margin",
        "i have 2 kids",
        "sh x2 today",
        "thin skin, a win and a sin",
        "at 2 we left",
    ):
        respelled = load_respeller().respell(text)
        assert respelled.text == text
        assert respelled.origin is None


def test_respeller_reads_a_word_in_its_own_sense_only_after_its_words() -> None:
    # "bout" stands for "about" after "thinkin" (respelled with it), not in "a bout of flu".
    respeller = load_respeller()
    text = "thinkin bout endin it agen tnite"
    respelled = respeller.respell(text)
    assert respelled.text == "thinking about ending it again tonight"
    start = respelled.text.index("about")
    assert text[respelled.at(start) : respelled.at(start + 5)] == "bout"
    assert respelled.at(len(respelled.text)) == len(text)
    for kept in ("a bout of flu", "the title bout tonight", "thinking bout of flu", "bout time"):
        assert respeller.respell(kept).text == kept


def test_respeller_reads_been_and_blood_only_after_their_words() -> None:
    # "bin" is "been" after a word that takes it and "blud" is "blood" after a word that goes
    # before it; the rubbish bin and "blud" for a friend stay.
    respeller = load_respeller()
    assert respeller.respell("ive bin hertin myself").text == "ive been hurting myself"
    assert respeller.respell("saw blud on my pilow").text == "saw blood on my pillow"
    for kept in ("put it in the bin", "the bin men", "wagwan blud", "nah blud u good"):
        assert respeller.respell(kept).text == kept


def test_a_cover_story_for_blood_said_to_be_believed_is_an_excuse() -> None:
    found = [
        s.rule
        for s in RULES.analyse(
            "mum saw blood on my sheets. said it was a nosebleed. she bought it"
        ).signals
    ]
    assert "TX-SH-EXCUSE" in found
    assert not RULES.analyse("said the cake was homemade and my nan bought it").signals


def test_respeller_reads_masked_words_and_maps_back() -> None:
    respeller = load_respeller()
    for text, want in (
        ("s*icidal again tonite", "suicidal again tonight"),
        ("feeling su1cidal", "feeling suicidal"),
        ("su!c!de thots", "suicide thoughts"),
        ("s.u.i.c.i.d.a.l. rn", "suicidal. rn"),
        ("s-u-i-c-i-d-e", "suicide"),
    ):
        respelled = respeller.respell(text)
        assert respelled.text == want, text
        assert respelled.at(len(respelled.text)) == len(text)
        start = respelled.text.index("suicid")
        end = respelled.text.index(" ", start) if " " in respelled.text[start:] else None
        end = len(respelled.text) if end is None else end
        original = text[respelled.at(start) : respelled.at(end)]
        assert original.startswith("s") and original[-1] in "el.", text


def test_respeller_reads_suicidal_spelt_as_it_sounds() -> None:
    respeller = load_respeller()
    assert respeller.respell("im so sooicidal 2nite").text == "im so suicidal tonight"
    assert respeller.respell("thinkin abt sooicide").text.endswith("suicide")


def test_respeller_reads_cased_shorthand_only_as_written() -> None:
    # "SI" in capitals is suicidal ideation; the lower-case "si", the units, the joint and a
    # shouted all-capitals "SI" are left as written.
    respeller = load_respeller()
    text = "The SI is bad again."
    respelled = respeller.respell(text.lower(), text)
    assert respelled.text == "the suicidal ideation is bad again."
    start = respelled.text.index("suicidal")
    end = start + len("suicidal ideation")
    assert text[respelled.at(start) : respelled.at(end - 1) + 1] == "SI"
    for kept in ("si vienes mañana", "SI units only", "my SI joint aches", "SI, VA BENE"):
        assert respeller.respell(kept.lower(), kept).text == kept.lower()
    # Without the writer's own text no cased shorthand is read.
    assert respeller.respell("the si is bad again").text == "the si is bad again"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("The SI is really loud tonight and I don't feel safe", "ideation"),
        ("I get passive SI now and then, no plan", "ideation"),
        ("Convert the answer to SI units first", "none"),
        ("si quieres vamos mañana", "none"),
        # Said to be bad with the "I" dropped; a group's thoughts are no one's.
        ("Tues. SI bad all day.", "ideation"),
        ("suicidal thoughts are worse among students", "none"),
        # Wishing not to wake, as a plain past; not waking at an hour or early.
        ("wish i just didnt wake up tmrw", "ideation"),
        ("I wish I didn't wake up at five every day", "none"),
        ("wish i didnt wake up so early", "none"),
        # Tired of existing after "so"; tired of living somewhere is distress at most.
        ("just so tired of existing", "ideation"),
        ("so tired of living like this, moving house again", "none"),
        ("tired of living with my parents", "none"),
        # Wanting just to stop being; not to stop being something.
        ("I just want to stop being.", "ideation"),
        ("I want to stop being so anxious", "none"),
        ("I want to stop being a pushover at work", "none"),
        # Other languages: Welsh, romanised Hindi, Swahili, Turkish, Dutch.
        ("Dwi'n teimlo'n hunanladdol heno", "ideation"),
        ("Dwi ddim yn teimlo'n hunanladdol", "none"),
        ("mujhe bahut suicidal thoughts aa rahe hain", "ideation"),
        ("mujhe suicidal thoughts nahi aate", "none"),
        ("natamani ningekufa usingizini", "ideation"),
        ("natamani ningekufa kwa kicheko", "none"),
        ("artık var olmak istemiyorum", "ideation"),
        ("ik stel me voor hoe mijn begrafenis eruit zou zien", "ideation"),
        ("ik stel me voor hoe de bruiloft eruit zal zien", "none"),
        # Dutch suicidal thoughts named; "nooit" or a brother's are not the writer's.
        ("ik heb weer suïcidale gedachten", "ideation"),
        ("ik heb nooit suïcidale gedachten gehad", "none"),
        ("mijn broer heeft suïcidale gedachten", "none"),
        ("ik heb soms passieve suïcidale gedachten", "ideation"),
        ("ik heb geen passieve suïcidale gedachten meer", "none"),
        # The "s word" shorthand for suicidal thoughts; the s-word as a swear word is not it.
        ("i keep getting s word thoughts again", "ideation"),
        ("the s-word is banned at dinner", "none"),
        # Tired of existing in Swahili, wishing to vanish in Turkish; not at work, a meeting or
        # for a week.
        ("ila nimechoka kuwepo", "ideation"),
        ("nimechoka kuwepo kazini leo", "none"),
        ("keşke yok olsam", "ideation"),
        ("keşke bu toplantıdan kaybolsam", "none"),
        ("keşke kaybolsam bir haftalığına", "none"),
        # One's own things pictured given away or binned; not for a new job or a move.
        ("I pictured my bedroom with my things boxed up and my mug in the bin", "ideation"),
        ("I picture my desk given to the new hire once I start my new job", "none"),
        ("kol yom atakhayal el bet men gheri", "ideation"),
    ],
)
def test_si_shorthand_wishes_and_other_languages(text: str, level: str) -> None:
    assert RULES.analyse(text).suicide_risk.level == level


def test_passive_thoughts_unchanged_since_last_time_are_current() -> None:
    text = "I have passive suicidal thoughts, unchanged since last time, no plan"
    result = RULES.analyse(text)
    assert result.suicide_risk.level == "ideation"
    assert result.concern == "concern"


def test_respeller_leaves_unreadable_or_other_words_alone() -> None:
    # Three or more masked letters, a first letter masked, a word inside another word, and the
    # plain word are all left as written.
    for text in ("s**c*dal", "$uicide", "asuicide", "sui*cidal", "suicide squad", "suicidal"):
        respelled = load_respeller().respell(text)
        assert respelled.text == text
        assert respelled.origin is None


def test_masked_pattern_counts_masks() -> None:
    pattern = re.compile(masked_pattern("suicide"))
    assert pattern.fullmatch("su1c*de")
    assert pattern.fullmatch("s_u_i_c_i_d_e")
    assert not pattern.fullmatch("s.u_i.c.i.d.e")
    # The plainly written word is not a masked one: a text that only holds it skips the pass.
    assert not pattern.search("thinking about suicide again")
    assert pattern.search("thinking about suicide and su1cide again")
    assert masks("su1c*de", "suicide") == 2
    assert masks("s.u.i.c.i.d.e", "suicide") == 0


def test_dropped_g_only_for_the_rules_own_ing_words() -> None:
    words = ing_words(["(?:cutting|kill(?:ed|ing)|thing|sing)", "cut(?:s|ting)"])
    assert words == {"cutting", "killing"}


@pytest.mark.parametrize(
    ("text", "experiencer"),
    [
        # a bare noun of self-harm filled into a form about the writer: the writer's own
        ("Reason for referral (self): ongoing self-harm, most weeks.", "self"),
        ("Self-referral: self-harm (burning) since the summer.", "self"),
        ("Intake form, referred by: self. Main concern: self-harm, most days lately.", "self"),
        ("About me - recent self-harm, not sleeping.", "self"),
        # a referral by or for someone else, or self-referral spoken of as a service: not
        ("Referral (parent): ongoing self-harm in my son since the spring.", "other"),
        ("Referred by: school nurse. Reason: self-harm disclosed by a pupil.", "other"),
        ("Our team accepts self-referrals for self-harm support.", "other"),
    ],
)
def test_a_self_harm_noun_on_a_form_about_the_writer_is_the_writers(
    text: str, experiencer: str
) -> None:
    found = [e for rule, _, _, _, e, _ in read(text) if rule == "TX-SH-NOUN"]
    assert found and found[0] == experiencer, found


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Re: Mrs Hale, 54. Low mood, poor sleep, tearful in clinic.", False),
        ("Patient: Mr T Reid, 61. Presenting complaint: low mood, poor appetite.", False),
        ("Dear Dr Okafor, I saw Mrs Bell in clinic today. Poor sleep, low mood.", False),
        ("handover - saw mr ahmed on the ward. tearful, low mood.", False),
        # The writer of the record speaking of their own state stays the writer's.
        ("Re: Mrs Hale. I have been low myself and my sleep is poor.", True),
        # A form about the writer (a self-referral) is never a record of someone else.
        ("Self-referral: low mood, poor sleep.", True),
        # No named third person: the bare nouns stay the writer's.
        ("Re: my appointment. Low mood, poor sleep.", True),
    ],
)
def test_bare_symptoms_in_a_record_about_a_named_person_are_that_persons(
    text: str, own: bool
) -> None:
    found = [r for r in read(text) if r[0].startswith("TX-DEP-")]
    assert found
    assert all((r[4] == "self") is own for r in found), found


@pytest.mark.parametrize(
    ("text", "hypothetical"),
    [
        ("I want to ask if someone could look at the cuts on my arm", False),
        ("can u ask if someone can check the burns on my leg pls", False),
        ("I'd be grateful if a nurse could dress the cuts on my thigh", False),
        # A what-if stays one: no request, or no word of the writer's own.
        ("what would you do if someone saw the cuts on my arm", True),
        ("what would happen if someone could see the cuts on my arm", True),
    ],
)
def test_a_request_if_someone_could_about_the_writers_own_marks_is_not_a_what_if(
    text: str, hypothetical: bool
) -> None:
    found = [r for r in read(text) if r[0] == "TX-SH-TRACES"]
    assert found
    assert found[0][3] is hypothetical, found


@pytest.mark.parametrize(
    ("text", "level", "concern"),
    [
        # An overdose told with the subject dropped is the writer's, past unless dated recent.
        ("had an overdose in march and i still cant sleep", "attempt", "concern"),
        ("had a overdoes at new year. still shaky", "attempt", "concern"),
        ("had another overdose last night", "attempt", "urgent"),
        ("my brother had an overdose last year", "none", "none"),
        ("She had an overdose at 19.", "none", "none"),
        ("had an overdose of sunshine on holiday", "none", "none"),
        ("had an overdose of heroin in 2019, clean now", "none", "none"),
    ],
)
def test_an_overdose_with_the_subject_dropped_is_the_writers(
    text: str, level: str, concern: str
) -> None:
    result = RULES.analyse(text)
    assert (result.suicide_risk.level, result.concern) == (level, concern), text


@pytest.mark.parametrize(
    ("text", "level", "concern"),
    [
        # The whole of one's medicine, the medicine cupboard, or "too much" with a body sign
        # now or on purpose: an attempt, urgent when told as now.
        ("I took my whole prescription tonight", "attempt", "urgent"),
        ("took everything in the medicine cupboard an hour ago", "attempt", "urgent"),
        ("I took too much and I can't breathe properly", "attempt", "urgent"),
        ("took too much on purpose just now", "attempt", "urgent"),
        ("i did something stupid tonight. took loads. please dont be mad", "attempt", "urgent"),
        ("years ago I took my whole prescription at once, doing well now", "attempt", "watch"),
        # Daily medicine on its round, too much on at work, food, a workout powder, a
        # headache's painkiller, a prescription taken to the chemist, a cupboard cleared.
        ("I took all my meds this morning with breakfast", "none", "none"),
        ("I took too much on at work and I can't breathe some days", "none", "none"),
        ("took too much pre-workout and my heart is racing lol", "none", "none"),
        ("took too much cold medicine for my headache, being sick now", "none", "none"),
        ("took my whole prescription to the chemist", "none", "none"),
        ("took everything in the cupboard out and cleaned it", "none", "none"),
        ("my brother took too much and can't breathe", "none", "none"),
    ],
)
def test_an_overdose_told_by_the_whole_supply_or_a_body_sign_now(
    text: str, level: str, concern: str
) -> None:
    result = RULES.analyse(text)
    assert (result.suicide_risk.level, result.concern) == (level, concern), text


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # Bleeding the writer cannot stop from their own injury, a goodbye beside an act just
        # done, stepping in front of a train or traffic.
        ("im bleeding a lot and i cant stop it, i did it to myself", "TX-SH-TOO-DEEP"),
        ("i cut and it's not stopping bleeding", "TX-SH-TOO-DEEP"),
        # A self-inflicted cut worse than meant, said to need stitches, or meant to kill.
        ("cut myself way deeper than i meant to", "TX-SH-TOO-DEEP"),
        ("i cut again and i think it needs stitches", "TX-SH-TOO-DEEP"),
        ("i cut tonight and wanted it to kill me", "TX-SH-TOO-DEEP"),
        # The same told as hurting oneself, or in German.
        ("hurt myself badly again and it might need stitches", "TX-SH-TOO-DEEP"),
        ("ich hab mich wieder geschnitten und es hört nicht auf zu bluten", "TX-SH-TOO-DEEP"),
        ("I just did it, I'm sorry, tell mum I love her", "TX-PREP-NOTE"),
        ("at the station, going to step in front of the next one", "TX-SI-WANT-JUMP"),
        ("I want to walk out in front of a lorry", "TX-SI-WANT-JUMP"),
        # A nosebleed, a shaving nick, a relapse in shorthand, a feat cheered, a camera.
        ("my nose is bleeding and I can't stop it", None),
        ("i cut myself shaving my legs and it wont stop bleeding lol", None),
        ("cut myself on a broken glass in the kitchen, think it needs stitches", None),
        ("cut my finger chopping onions and it's still bleeding", None),
        ("cut last night, didn't need stitches, cleaned it up", None),
        ("hurt myself falling down the stairs, think it needs stitches", None),
        ("hab mich beim Rasieren geschnitten, es hört nicht auf zu bluten", None),
        ("did it again. sorry, tell mum i love her", None),
        ("I just did it! passed my test, tell mum I love her", None),
        ("going to step in front of the camera for the video", None),
        ("going to step in front of the bus to stop it leaving without us", None),
    ],
)
def test_a_crisis_told_in_the_moment_is_read_by_its_family(text: str, rule: str | None) -> None:
    found = {s.rule for s in RULES.analyse(text).signals if s.counted}
    crisis = found & {"TX-SH-TOO-DEEP", "TX-PREP-NOTE", "TX-SI-WANT-JUMP"}
    assert crisis == ({rule} if rule else set()), text


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # A letter about the writer's own absence: a bare attempt noun in it is the writer's,
        # and "for your records" names no other person.
        (
            "To HR: following my recent absence, for your records, the absence followed a "
            "suicide attempt. I would like reduced hours.",
            True,
        ),
        ("Regarding my sick leave: it followed a suicide attempt in May.", True),
        (
            "Regarding my recent absence: my sister made a suicide attempt and I stayed with her.",
            False,
        ),
        ("For your information, the survey counts suicide attempts by age.", False),
    ],
)
def test_an_attempt_noun_in_a_letter_about_ones_own_absence_is_the_writers(
    text: str, own: bool
) -> None:
    assert (RULES.analyse(text).suicide_risk.level == "attempt") is own, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # The writer's own funeral imagined, a past attempt, thoughts of suicide, a wish not to
        # be, in the first-person words of languages mixed into English posts.
        ("dw i'n dychmygu fy angladd bob nos", "ideation"),
        ("ik zie mezelf weer in een kist liggen", "ideation"),
        ("aku bayangin pemakamanku sendiri", "ideation"),
        ("natamani nisingezaliwa", "ideation"),
        ("vorrei non esserci più", "ideation"),
        ("nina mawazo ya kujiua", "ideation"),
        ("sono passati due anni dal mio tentativo", "attempt"),
        ("nilijaribu kujiua mwaka jana", "attempt"),
        ("geçen yıl kendimi öldürmeyi denedim", "attempt"),
        ("ik voel me zo eenzaam", "indicator"),
        ("kendimi çok yalnız hissediyorum", "indicator"),
        ("pagod na talaga ako sa lahat", "indicator"),
        ("saya rasa nak bunuh diri", "ideation"),
        ("aku betul-betul nak mati je", "ideation"),
        # Someone else's, the opposite wish, a place, a thing tried, a grandparent's funeral.
        ("alijaribu kujiua mwaka jana", "none"),
        ("rafiki yangu ana mawazo ya kujiua", "none"),
        ("natamani ningekuwepo pale", "none"),
        ("natamani nisingekuwepo kazini leo", "none"),
        ("vorrei non esserci più alla riunione", "none"),
        ("dal mio tentativo di entrare in squadra", "none"),
        ("geçen hafta denedim ama sınavı geçemedim", "none"),
        ("annem kendini yalnız hissediyor", "none"),
        ("ik zie opa nog in de kist liggen", "none"),
        ("pagod ako sa lahat ng ginawa namin", "none"),
        ("ich bringe mich noch um den Verstand", "none"),
        ("aku tak nak mati lagi", "none"),
        ("saya nak mati ketawa", "none"),
    ],
)
def test_first_person_forms_of_other_languages_name_the_writer(text: str, level: str) -> None:
    assert RULES.analyse(text).suicide_risk.level == level, text


def test_turkish_son_for_last_names_no_other_person() -> None:
    assert read("son zamanlarda kendimi çok değersiz hissediyorum")[-1][4] == "self"
    assert read("my son told me he wants to die")[-1][4] == "other"


def test_swahili_zamani_puts_the_thought_in_the_past() -> None:
    assert read("zamani nilikuwa na mawazo ya kujiua kila siku")[-1][5] == "past"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("We've finally set the date! The party will be on the 12th, bring a dish.", False),
        ("me and Jo have finally picked the date, the wedding is in August", False),
        ("Picked the date! Our wedding will be on the first Saturday of June.", False),
        ("i picked the date. after my brothers birthday so he doesnt have it the same day", True),
        ("I've picked the date. It's the Sunday after my sister's wedding.", True),
        ("I've set a date. Everyone will be better off.", True),
    ],
)
def test_a_date_set_together_or_for_a_named_event_is_no_chosen_time(text: str, found: bool) -> None:
    # A date chosen alone is active ideation (TX-SI-PLAN-SET); beside a step taken for after,
    # preparation (TX-PREP-NOTE). Neither reads a couple's date or an event's own.
    assert any(f[0] in ("TX-SI-PLAN-SET", "TX-PREP-NOTE") for f in read(text)) is found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # A date or a time chosen with no step taken is active ideation.
        ("i've picked a date. not telling anyone which", "TX-SI-PLAN-SET"),
        ("got a date in my head now", "TX-SI-PLAN-SET"),
        ("i'm going to do it this weekend", "TX-SI-PLAN-SET"),
        # A date set beside a step taken, in either order, is preparation.
        ("wrote the letters to my sisters and picked the date", "TX-PREP-NOTE"),
        ("i've set the date. gave my brother my guitar", "TX-PREP-NOTE"),
    ],
)
def test_a_date_set_is_ideation_unless_a_step_is_taken(text: str, rule: str) -> None:
    assert read(text)[0][0] == rule


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # The how and the when settled, that time told as when it will be done, a decision then
        # the how known, in English, Spanish or Portuguese: a plan with a time.
        ("The how is decided. The when is Sunday.", True),
        ("I know when now. Sunday. I'm going to.", True),
        ("the flat's empty friday night. that's when i'm doing it", True),
        ("Ya lo decidí. El sábado. Ya sé cómo lo voy a hacer.", True),
        ("Já decidi. Sexta à noite. Já sei como vou fazer.", True),
        # A move's how and when, a party in an empty house, painting done then, knowing how and
        # when to ask for help, a decision about a move: none.
        ("For the move the how is sorted (van booked) and the when is Friday.", False),
        ("house will be empty saturday so party at mine", False),
        ("house empty saturday. thats when im doing it. gonna finally paint my room", False),
        ("I know how and when to ask for help now.", False),
        ("Ya lo decidí, me mudo a Madrid en enero. Ya sé cómo lo voy a hacer con el piso.", False),
    ],
)
def test_the_how_and_the_when_settled_is_a_plan_with_a_time(text: str, found: bool) -> None:
    assert any(f[0] == "TX-SI-PLAN-SET" for f in read(text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Suicidal ideation 9/10 tonight. Scared.", True),
        ("Suicidal thoughts at 8 out of 10 today.", True),
        ("Presenting concern (in your own words): Suicidal ideation, severe, daily.", True),
        ("suicidal thoughts 2/10 today, background only.", False),
        ("SI units 9/10 would recommend", False),
        ("Presenting concern (in the patient's own words): suicidal ideation, daily.", False),
    ],
)
def test_suicidal_thoughts_rated_high_or_in_an_own_words_field_are_the_writers(
    text: str, found: bool
) -> None:
    assert any(f[0] == "TX-SI-SUICIDAL-DIARY" for f in read(text)) is found


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # Who will find the writer planned for is active ideation.
        ("how do i make sure my brother isnt the one who finds me", "TX-SI-PLAN-SET"),
        ("so that my mum won't be the first to find me. doing it friday", "TX-SI-PLAN-SET"),
        # A pet handed on with the reason veiled, or for the writer's absence, is preparation.
        ("rehomed my cat yesterday, he'll need someone when i'm gone", "TX-PREP-NOTE"),
        ("gave my rabbit to my aunt. told her i can't take care of her anymore", "TX-PREP-NOTE"),
        ("asked my gran to keep my dog. she doesn't know why.", "TX-PREP-NOTE"),
        # Found crying, a pet rehomed for a named reason, a pet's own habits: none.
        ("make sure my mum isnt the one who finds me crying again", None),
        ("rehomed our dog because my son is allergic, we all miss him", None),
        ("gave my cat to my neighbour, she doesn't know why he keeps coming back", None),
        ("asked my dad to keep my dog while I'm on holiday, told him I can't look after him", None),
    ],
)
def test_who_finds_the_writer_and_a_pet_handed_on_with_a_veiled_reason(
    text: str, rule: str | None
) -> None:
    found = [f[0] for f in read(text)]
    if rule is None:
        assert not {"TX-SI-PLAN-SET", "TX-PREP-NOTE"} & set(found)
    else:
        assert rule in found


def test_a_date_set_for_an_event_is_not_read() -> None:
    assert read("we set a date for the wedding") == []


@pytest.mark.parametrize(
    ("text", "experiencer", "time"),
    [
        # "They" after a fragment of thoughts coming back stands for the thoughts.
        ("the suicidal thoughts are back and they're worse than last year", "self", "current"),
        ("Back to being suicidal. Properly this time.", "self", "current"),
        ("bahut suicidal feel ho raha hai aaj", "self", "current"),
        # Someone else named stays theirs.
        ("my cousin is back to being suicidal", "other", "current"),
    ],
)
def test_suicidal_thoughts_back_with_the_subject_dropped(
    text: str, experiencer: str, time: str
) -> None:
    found = [r for r in read(text) if r[0].startswith("TX-SI-SUICIDAL")]
    assert found, text
    assert found[0][4:] == (experiencer, time)


@pytest.mark.parametrize(
    ("text", "experiencer"),
    [
        # Thoughts told as lingering in the background, or as a passive note with no urge.
        ("FYI the suicidal thoughts are still hanging about, nothing new", "self"),
        ("Mood low. Background suicidal thoughts, passive, no urges to act.", "self"),
        # A statement about a group is not the writer's.
        ("Suicidal thoughts are in the background of many posts, the report says.", "other"),
        # Dialect "them" as a determiner after getting or having: the writer's own.
        ("i get them suicidal thoughts in the back of my head", "self"),
        ("my mate gets them suicidal thoughts sometimes", "other"),
    ],
)
def test_suicidal_thoughts_in_the_background_are_the_writers(text: str, experiencer: str) -> None:
    found = [r for r in read(text) if r[0].startswith("TX-SI-SUICIDAL")]
    assert found, text
    assert found[0][4] == experiencer


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("since the night I try kill myself, I no dey sleep", "TX-ATT-TRIED-WORDS"),
        ("Tried again last night. Didn't work. Will do it properly.", "TX-ATT-TRIED-WORDS"),
        ("7awelt a2tel nafsi", "TX-ATT-OTHER-LANGUAGE"),
        ("One suicide attempt aged 19, hospitalised.", "TX-ATT-RECORD-LINE"),
        ("ik heb mezelf net diep gesneden en het blijft bloeden", "TX-SH-TOO-DEEP"),
        ("dei soco na parede até a mão inchar. de propósito.", "TX-SH-OTHER-MEANS"),
        ("picked the old scab open on purpose and watched it bleed", "TX-SH-OTHER-MEANS"),
        ("bit my lip hard just to feel the sting", "TX-SH-OTHER-MEANS"),
        ("no comí nada como castigo por la nota", "TX-SH-OTHER-MEANS"),
        ("omdat ik mezelf snijd durf ik niet te zwemmen", "TX-SH-OTHER-LANGUAGE"),
        ("aku cakar lengan aku sampai berdarah", "TX-SH-OTHER-LANGUAGE"),
        ("ik had mezelf gesneden en het bloedt maar door", "TX-SH-TOO-DEEP"),
        ("próbowałam się zabić rok temu", "TX-ATT-OTHER-LANGUAGE"),
        ("the scar from when i tried still itches", "TX-ATT-TRIED-WHEN"),
        ("wen i tryd nobody noticed", "TX-ATT-TRIED-WHEN"),
        ("Years ago, after a bad winter, I tried to end it. My dad found me.", "TX-ATT-TRIED-WHEN"),
        ("i tryd agen on wensday n they sent me home", "TX-ATT-TRIED-WORDS"),
        ("four yrs sins i tried to end it", "TX-ATT-TRIED-WHEN"),
        ("mene pichle mahine suicide ki koshish ki thi", "TX-ATT-TRIED"),
        ("I woke up in the hospital after what I did, nobody visited", "TX-ATT-TRIED"),
        ("the ward where I ended up after what I did", "TX-ATT-TRIED"),
        ("i did something last week to try and end my life", "TX-ATT-ACT-TO-END"),
        ("i took something on monday to end it", "TX-ATT-ACT-TO-END"),
        ("depuis ma tentative de suicide je dors mal", "TX-ATT-OTHER-LANGUAGE"),
        ("après ma TS, rien n'est pareil", "TX-ATT-OTHER-LANGUAGE"),
        ("the scar from wen i tryd to die", "TX-ATT-TRIED-WORDS"),
        ("Talked about the ward, the week after what I did.", "TX-ATT-WHAT-HAPPENED"),
        ("on the psych ward since what i did in march", "TX-ATT-WHAT-HAPPENED"),
        ("saw my scar from wen i tryed to end it", "TX-ATT-TRIED-WHEN"),
        ("the night when i tried to end it my dog sat by me", "TX-ATT-TRIED-WHEN"),
        ("Od mojej próby minęły dwa lata", "TX-ATT-OTHER-LANGUAGE"),
        ("po mojej próbie w 2020 długo nie spałam", "TX-ATT-OTHER-LANGUAGE"),
        ("Dün gece yine denedim ama olmadı. I'm going to try again", "TX-ATT-OTHER-LANGUAGE"),
        ("Discharged today. I'll try again once they stop checking on me.", "TX-ATT-TRIED-WORDS"),
        ("home from the ward and gonna try again when my parents go out", "TX-ATT-TRIED-WORDS"),
    ],
)
def test_attempts_and_self_harm_in_other_registers(text: str, rule: str) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Tried again last night to fix the boiler. Didn't work.",
        "ik heb mezelf gesneden aan een blikje, het bloedde",
        "dei um soco na parede sem querer",
        "the scar from when i tried to fix the fence",
        "Years ago I tried to end it with him but he kept calling.",
        "tried again on friday, the recipe flopped again",
        "próbowała się zabić, moja siostra",
        "two yrs sins i tried to end it with her",
        "maine kabhi nahi suicide try kiya",
        "uske bhai ne suicide try kiya tha",
        "ended up in hospital after what I did to my wrist at netball",
        "my sister ended up in hospital after what she did",
        "i did something to end it with him last month",
        "i want to do something to end it all",
        "my cousin did something to try and end her life",
        "depuis ma tentative de réparer le vélo",
        "Back on the ward after what I did to my knee at training.",
        "on the ward after my operation the nurses were lovely",
        "When I tried to end it with him he cried for hours.",
        "Od mojej próby generalnej minęły dwa tygodnie.",
        "Od jej próby minęły dwa lata.",
        "Dün akşam yine denedim ama olmadı, kek yine söndü. Try again tomorrow.",
        "Discharged today after my knee op. I'll try again once they let me walk.",
        "Out of hospital after the birth, I'll try again once she wakes to feed.",
    ],
)
def test_everyday_tries_cuts_and_knocks_are_not_read(text: str) -> None:
    assert not [r for r in read(text) if r[0].startswith(("TX-ATT", "TX-SH"))]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # Not getting past or over something keeps it: the attempt is the writer's own.
        ("i used to think id never get past my attempt", False),
        ("I still can't get over my attempt, even now", False),
        # A plain denial stays one.
        ("I have never made an attempt", True),
    ],
)
def test_never_getting_past_an_attempt_does_not_deny_it(text: str, negated: bool) -> None:
    found = [r for r in read(text) if r[0].startswith("TX-ATT")]
    assert found, text
    assert found[0][2] is negated


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("I do not plan to be alive after next week.", "TX-SI-INTENT-WORDS"),
        ("after my death, which I expect to be soon and by my own hand", "TX-SI-INTENT-WORDS"),
        ("j'ai trouvé quelqu'un pour prendre mon chat après.", "TX-PREP-PET"),
        ("after eleven months free of self-harm I hurt myself twice", "TX-SH-LAPSE-AFTER-WELL"),
        ("sitaki kuwepo tena", "TX-PI-OTHER-LANGUAGE"),
        ("pengen nggak ada aja", "TX-PI-OTHER-LANGUAGE"),
        ("artık burada olmamak", "TX-PI-OTHER-LANGUAGE"),
        ("aku merasa jadi beban buat keluargaku", "TX-DIS-BURDEN"),
        ("me siento una carga para todos", "TX-DIS-BURDEN"),
        ("je me sens comme un fardeau", "TX-DIS-BURDEN"),
        ("ich bin nur eine last für meine familie", "TX-DIS-BURDEN"),
    ],
)
def test_wishes_intent_and_handovers_in_letters_and_other_languages(text: str, rule: str) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I don't plan to be alive at ninety",
        "I built the shed by my own hand",
        "j'ai trouvé quelqu'un pour garder mon chien après les vacances",
        "sitaki kuwepo kazini kesho",
        "besok pengen nggak ada di kantor",
    ],
)
def test_a_far_age_a_handmade_thing_a_holiday_or_a_place_is_not_read(text: str) -> None:
    assert not [r for r in read(text) if r[0].startswith(("TX-SI", "TX-PI", "TX-PREP"))]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("i hate everything about myself lately", "TX-DIS-SELF-HATE"),
        ("Everything I touch goes wrong. Useless.", "TX-DIS-SELF-HATE"),
        ("everything i do turns to crap", "TX-DIS-SELF-HATE"),
        ("a veces desearía estar muerta", "TX-PI-OTHER-LANGUAGE"),
        ("quisiera no haber nacido", "TX-PI-OTHER-LANGUAGE"),
        ("est-ce normal de souhaiter mourir dans son sommeil", "TX-PI-OTHER-LANGUAGE"),
        ("j'aimerais être morte parfois", "TX-PI-OTHER-LANGUAGE"),
        ("is it common for people to wish they were dead?", "TX-PI-QUESTION"),
        ("is it normal to want to die every day", "TX-PI-QUESTION"),
    ],
)
def test_self_hatred_and_wishes_to_be_dead_in_other_wordings(text: str, rule: str) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I hate everything about this phone",
        "not everything I touch goes wrong",
        "desearía estar en la playa",
        "desearía morir de viejo en mi casa",
        "je souhaiterais mourir vieux",
        "j'aimerais mourir de rire comme ça",
        "is it normal for my dog to want to sleep all day",
    ],
)
def test_a_thing_hated_a_place_wished_for_or_dying_old_is_not_read(text: str) -> None:
    assert not [
        r
        for r in read(text)
        if r[0] in ("TX-DIS-SELF-HATE", "TX-PI-OTHER-LANGUAGE", "TX-PI-QUESTION")
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("thought about who'd get my records when i'm dead", "TX-PI-WISH-DEAD"),
        ("i picture my sister's wedding after i've died", "TX-PI-WISH-DEAD"),
        ("i think abt how the team would just carry on after i died", "TX-PI-WISH-DEAD"),
        ("i keep picturing the assembly they'd have if i died", "TX-PI-WISH-DEAD"),
        ("i imagine an email going round and someone else taking my desk", "TX-PI-WISH-DEAD"),
        ("I'd honestly rather not be alive, I just don't act on it", "TX-PI-WISH-DEAD"),
        ("is it usual to feel that you'd rather not be alive?", "TX-PI-QUESTION"),
        ("I just want to float up and be gone from this life", "TX-PI-WISH-DEAD"),
        ("je voudrais juste ne plus être en vie", "TX-PI-WISH-DEAD"),
        ("pengen nggak bangun lagi besok", "TX-PI-WISH-DEAD"),
        ("pakiramdam ko pabigat lang ako sa kanila", "TX-DIS-BURDEN"),
    ],
)
def test_the_time_after_ones_own_death_imagined_and_wishes_not_to_be(text: str, rule: str) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "who'll get grandma's plants when she's dead",
        "we wrote a will so they know who gets what when i'm dead and old",
        "i think about how my dog would cope after i die, so we updated the will",
        "i imagine someone else taking my desk while i'm on maternity leave",
        "I'd rather not be alive at 6am on a Monday lol",
        "is it normal to feel you'd rather not be at work on a Monday?",
        "I want to be gone from this job by summer",
        "je voudrais ne plus être là demain pour la réunion",
        "mau nggak bangun lagi jam lima",
        "hindi ako pabigat sa pamilya ko",
    ],
)
def test_someone_elses_death_a_will_a_leave_a_joke_or_a_job_is_not_read(text: str) -> None:
    assert not [
        r for r in read(text) if r[0] in ("TX-PI-WISH-DEAD", "TX-PI-QUESTION", "TX-DIS-BURDEN")
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("j'ai écrit mes lettres d'adieu hier soir", "TX-PREP-NOTE"),
        ("les lettres d'adieu sont dans le tiroir, c'est pour après ma mort", "TX-PREP-NOTE"),
        ("nimeshaandika barua za kuaga kwa familia yangu", "TX-PREP-NOTE"),
        ("j'ai donné mon chat à la voisine, pour de bon", "TX-PREP-PET"),
        ("i wont be alive to feed her after sunday", "TX-PREP-PET"),
        ("its all sorted for after i kill myself", "TX-PREP-NOTE"),
        ("I have decided and I want my affairs in order first", "TX-PREP-NOTE"),
    ],
)
def test_goodbye_letters_pets_and_affairs_for_after_in_other_words(text: str, rule: str) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "j'ai écrit une lettre d'adieu pour ma collègue qui part à la retraite",
        "dans le roman, elle laisse des lettres d'adieu pour après sa mort",
        "nimeandika barua ya kuaga kwa mwenzangu anayestaafu",
        "j'ai donné mon chat à ma sœur pour de bon, on déménage",
        "i won't be alive to look after the tortoise when he's a hundred",
        "save the rest for after i kill myself with revision lol",
        "I want my affairs in order before the operation",
    ],
)
def test_farewells_at_work_in_novels_and_for_moves_or_operations_are_not_read(text: str) -> None:
    assert not [r for r in read(text) if r[0].startswith("TX-PREP")]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("took bella to the rescue so she's safe when i'm gone. said i was moving", "TX-PREP-PET"),
        ("handed mochi over to my friend so she's loved after i'm gone", "TX-PREP-PET"),
        ("can you take rufus for me? properly, i mean, for good", "TX-PREP-PET"),
        ("rote goodbye letters 4 evry1 n put em in the draw", "TX-PREP-NOTE"),
        ("gave my switch to my cousin. its bc i wont be here", "TX-PREP-NOTE"),
    ],
)
def test_pets_handed_over_misspelt_letters_and_belongings_for_after(text: str, rule: str) -> None:
    assert rule in [r[0] for r in read(text)]


@pytest.mark.parametrize(
    "text",
    [
        "took our dog to the shelter so he's safe when i'm gone. we're moving abroad in may",
        "left pip with my mum so he's looked after when i'm gone on holiday",
        "dropped pip at my mum's so he's looked after when i'm gone. back on the 14th",
        "can you take rufus for me? properly, i mean, for good. we're moving, no pets allowed",
        "we learned the dates by rote in history",
        "gave my old hoodies to the charity shop because i wont be here for the summer",
        "gave my bike to my cousin since i wont be here next term, off to uni",
    ],
)
def test_pets_minded_for_trips_or_moves_and_things_given_for_a_term_away_are_not_read(
    text: str,
) -> None:
    assert not [r for r in read(text) if r[0].startswith("TX-PREP")]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "asked my aunt to mind my rats for when im not around anymore. she thinks im moving",
            "TX-PREP-PET",
        ),
        ("can u look aftr my kitten wen im gone. i meen it", "TX-PREP-PET"),
        ("would you keep Juniper after I'm gone, please", "TX-PREP-PET"),
        ("surrendered my dog today, i don't plan to be alive next month", "TX-PREP-PET"),
        ("can u take Pip for me? not for a week, for good", "TX-PREP-PET"),
        ("popped round to nan's to say goodbye without saying goodbye", "TX-PREP-VEILED-GOODBYE"),
    ],
)
def test_pets_kept_for_when_the_writer_is_gone_and_veiled_goodbyes(text: str, rule: str) -> None:
    found = [r for r in read(text) if r[0] == rule]
    assert found and found[0][4] == "self"


@pytest.mark.parametrize(
    "text",
    [
        "can you look after my dog when im gone on holiday",
        "could u mind my hamster wen im gone. back on sunday",
        "gave away our hamster, the kids lost interest in him",
        "surrendering my dog, the landlord said no pets, i don't want to be here without him",
        "said goodbye at the gate without crying",
        "my sister said goodbye without saying goodbye and left",
        "said goodbye without saying goodbye, off to uni tomorrow",
    ],
)
def test_pets_minded_for_a_trip_given_up_for_a_reason_and_plain_goodbyes_are_not_read(
    text: str,
) -> None:
    assert not [r for r in read(text) if r[0].startswith("TX-PREP")]


def test_no_longer_feeling_safe_keeps_the_signal_current() -> None:
    text = "my suicidal ideation has escalated and I no longer feel confident I can keep safe"
    found = [r for r in read(text) if r[0] == "TX-SI-SUICIDAL"]
    assert found and found[0][5] == "current"


def test_mine_still_ongoing_after_self_harm_is_the_writers() -> None:
    text = "How do you tell a partner about self-harm? Mine's still ongoing, not just scars."
    found = [r for r in read(text) if r[0] == "TX-SH-ELLIPSIS"]
    assert found and found[0][2:5] == (False, False, "self")
    assert not [
        r
        for r in read("A project on self-harm awareness. Mine's still ongoing, the research part.")
        if r[0] == "TX-SH-ELLIPSIS"
    ]


@pytest.mark.parametrize(
    ("text", "self_harm"),
    [
        (
            "my cousin told me she's been burning herself again and honestly i've been doing "
            "the same thing since march",
            True,
        ),
        ("my sister keeps cutting herself and ive been doing it too, most nights", True),
        ("my friend self harms. im doing the same tbh", True),
        ("my sister self harms and ive been doing the same job for ten years", False),
        ("he keeps cutting himself shaving and i've been doing the same thing lately", False),
        ("my brother cut his hair short and i've been doing the same thing since march", False),
    ],
)
def test_someone_elses_self_harm_taken_up_as_the_same_thing_is_the_writers(
    text: str, self_harm: bool
) -> None:
    # Rules alone: "the same (thing)" refers back only to self-harm named before it, someone
    # else cutting or burning themselves included, never to a shave, a haircut or a job.
    assert RULES.analyse(text).self_harm.present is self_harm


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my friend tried to kill herself last year and i've tried twice", "attempt"),
        ("my brother attempted to end his life in may. I have tried as well.", "attempt"),
        ("my mum tried to end her life when i was ten. i tried once, at nineteen.", "attempt"),
        ("her attempt was in 2019, and i tried too, a few years back", "attempt"),
        # trying something else, trying to help, or never trying is no attempt of the writer's
        ("my friend tried to kill herself last year and i've tried twice to get her help", "none"),
        ("my friend tried to kill herself last year and i've tried everything to help", "none"),
        ("my friend tried to kill herself last year and i've never tried", "none"),
        ("My sister tried to kill herself. Mum tried to stop her and I tried too.", "none"),
        ("my brother tried to kill himself and i tried too, to reach him, all night", "none"),
        ("his attempt at the exam failed and i tried too", "none"),
    ],
)
def test_someone_elses_attempt_taken_up_as_having_tried_too_is_the_writers(
    text: str, level: str
) -> None:
    # Rules alone: "I've tried twice" after someone else's attempt is the writer's own past
    # attempt (concern, no current time), never while someone is told helping or stopping it.
    result = RULES.analyse(text)
    assert result.suicide_risk.level == level
    assert result.concern == ("concern" if level == "attempt" else "none")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (
            "Presenting problem (in your own words): Active suicidal thoughts, daily, "
            "increasing in intensity. I feel close to acting on them.",
            "ideation",
        ),
        (
            "Referral form, presenting concern (self-completed): suicidal ideation, active, "
            "worsening over the last month.",
            "ideation",
        ),
        ("Please describe, in your own words: suicidal thoughts most nights.", "ideation"),
        # a person named after the field, a field that does not ask for the writer's words,
        # or a clinician's "self-reported" note about a patient is not the writer's own
        ("Main concern (in your own words): my daughter, active suicidal thoughts.", "none"),
        ("Presenting problem: suicidal ideation, active.", "none"),
        (
            "Patient: Mrs Khan. Presenting problem (self-reported): active suicidal thoughts.",
            "none",
        ),
    ],
)
def test_a_form_field_asking_for_the_writers_own_words_makes_a_bare_signal_the_writers(
    text: str, level: str
) -> None:
    assert RULES.analyse(text).suicide_risk.level == level


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # the mind drawn back to the act is an urge, not the act
        ("my brain keeps going back to hurting myself", "TX-SHU-URGE"),
        ("i keep thinking about cutting", "TX-SHU-URGE"),
        ("every time i pass the bathroom i think about burning myself", "TX-SHU-URGE"),
        ("ive been thinking about hurting myself all week", "TX-SHU-URGE"),
        ("tô com uma vontade enorme de me machucar", "TX-SHU-OTHER-LANGUAGE"),
        # an urge fought whose object is named is read with its object
        ("I'm fighting a really strong urge to hurt myself", "TX-SHU-URGE"),
        # "the pull" had or told as a feeling's subject, a plan thought through to the act,
        # "urj" spelt by ear
        ("I've had the pull to hurt myself all evening", "TX-SHU-URGE"),
        ("the impulse to burn myself keeps coming back", "TX-SHU-URGE"),
        ("i kept thinking about going home and hurting myself", "TX-SHU-URGE"),
        ("the urj to hurt myself is bad", "TX-SHU-URGE"),
        # a long stretch marked today with the act named absent; German "seit ... nicht mehr"
        ("Three years today. No self-harm.", "TX-SH-RECOVERY"),
        (
            "Früher habe ich mich oft selbst verletzt, seit zwei Jahren nicht mehr.",
            "TX-SH-RECOVERY",
        ),
        # the act told as over, or as lived experience
        ("first time since i stopped hurting myself", "TX-SH-RECOVERY"),
        ("I no longer self-harm", "TX-SH-RECOVERY"),
        ("I have lived experience of self-harm", "TX-SH-RECOVERED"),
    ],
)
def test_urges_and_stopped_self_harm_are_not_the_act(text: str, rule: str) -> None:
    rules = [s.rule for s in RULES.analyse(text).signals]
    assert rule in rules
    assert "TX-SH-ACT" not in rules


@pytest.mark.parametrize(
    ("text", "rule", "found"),
    [
        # Work stopped is the writer's own even after a "don't" with no punctuation between.
        ("i dont enjoy anything ive stopped working", "TX-DEP-IMPAIRMENT", True),
        # Someone else who stopped replying, or a thing that has not worked, is not daily life lost.
        ("my supervisor has stopped replying to my emails", "TX-DEP-IMPAIRMENT", False),
        ("Haven't worked since March.", "TX-DEP-PERVASIVE", True),
        ("I am still managing work and home", "TX-DEP-GOING-ON", True),
        ("Flat few days. Still went to work.", "TX-DEP-MOOD-HEDGED", True),
        ("for over eighteen months", "TX-DEP-YEARS", True),
        ("hace un año", "TX-DEP-YEARS", False),
    ],
)
def test_whose_daily_life_and_how_long_in_depression_cues(
    text: str, rule: str, found: bool
) -> None:
    hits = [r for r in read(text) if r[0] == rule and not r[2]]
    assert bool(hits) is found, read(text)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # Food withheld from oneself as a punishment, in English and mixed into other languages.
        ("No food today. Punishment for the meeting.", True),
        ("skipping lunch to punish myself", True),
        ("not eating cos i dont deserve it", True),
        ("non mangio oggi per punirmi", True),
        ("no como hoy para castigarme", True),
        # A child punished, a fast, a lost appetite.
        ("No food for the kids after seven, punishment for the mess.", False),
        ("not eating today, fasting for lent", False),
        ("didn't eat much today, no appetite", False),
    ],
)
def test_food_withheld_as_a_punishment_is_self_harm(text: str, own: bool) -> None:
    found = {s.rule for s in RULES.analyse(text).signals if s.counted}
    assert ("TX-SH-OTHER-MEANS" in found) is own, text


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # "Not with" the marks gives the reason the arms stay covered; it denies nothing.
        ("nobody can see my arms, not with the new marks", True),
        ("no shorts this summer, not with these fresh cuts", True),
        ("no new marks this week", False),
    ],
)
def test_not_with_the_marks_is_a_reason_not_a_denial(text: str, own: bool) -> None:
    found = {s.rule for s in RULES.analyse(text).signals if s.counted}
    assert ("TX-SH-TRACES" in found) is own, text


@pytest.mark.parametrize(
    ("text", "level", "concern"),
    [
        # "myself", "kill" and "planned" typed in a hurry, and "u no" for "you know" (no denial).
        ("so u no im gona kil myslef on friday. got it planed", "ideation", "urgent"),
        ("going to kll mysef tonight", "ideation", "urgent"),
        ("so u no i passed my test today", "none", "none"),
        # "S/I" as "SI" is: suicidal ideation, not a sales invoice's number.
        ("Tues. S/I bad again. Not passive. Kept thinking of how.", "ideation", "urgent"),
        ("Please attach the S/I no. 7 to the order.", "none", "none"),
        # Romanised Hindi with a degree word, Tagalog "ko" (my), its passive denied.
        ("Main seriously suicidal feel kar rahi hoon.", "ideation", "urgent"),
        ("Grabe suicidal thoughts ko ngayon. Hindi na siya passive.", "ideation", "urgent"),
        ("Grabe suicidal thoughts niya ngayon.", "none", "none"),
        # Working out when to end it, or when the house is empty to do so; not a bus timed.
        ("working out when the flat will be empty long enough to end it", "ideation", "urgent"),
        ("working out when the bus comes", "none", "none"),
        ("working out when to end things with her", "none", "none"),
        # Turkish "I tried to kill myself" with "çalıştım", the wish still there; someone else's.
        ("Geçen ay kendimi öldürmeye çalıştım. Hâlâ ölmek istiyorum.", "attempt", "urgent"),
        ("Abim geçen ay kendini öldürmeye çalıştı.", "none", "none"),
    ],
)
def test_misspelt_coded_and_code_mixed_urgent_wordings(text: str, level: str, concern: str) -> None:
    result = Detector().analyse(text)
    assert (result.suicide_risk.level, result.concern) == (level, concern)


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Day 90 clean and I've never wanted to relapse so badly.", False),
        ("30 days clean and i never wanted to relapse this badly", False),
        ("90 days clean. I've never wanted to relapse. Proud of me.", True),
        ("Two months clean. I don't want to relapse, so I went to my mum's.", True),
    ],
)
def test_a_feelings_strength_said_after_never_is_no_denial(text: str, negated: bool) -> None:
    urges = [s for s in Detector().analyse(text).signals if s.kind == "self_harm_urge"]
    assert urges, text
    assert urges[0].negated is negated, text


def test_marks_said_to_come_from_a_pet_are_no_traces_unless_called_a_story() -> None:
    cat = "My boss asked whether the scratches on my arm were from the cat."
    traces = [r for r, *_ in read(cat)]
    assert "TX-SH-TRACES" not in traces
    story = [r for r, *_ in read("the cuts on my arms are from the cat. go along with it please")]
    assert "TX-SH-TRACES" in story


@pytest.mark.parametrize(
    ("text", "time"),
    [
        # called old scars in the very next sentence: the past
        ("A pupil asked about the lines on my arm. I said they were old scars.", "past"),
        # a fresh cut named beside them keeps them current
        (
            "A pupil asked about the lines on my arm. Old scars and a new one from last night.",
            "current",
        ),
        # nothing dates them
        ("A pupil asked about the lines on my arm. I went red.", "current"),
    ],
)
def test_traces_called_old_in_the_next_sentence_are_the_past(text: str, time: str) -> None:
    traces = [s for s in Detector().analyse(text).signals if s.rule == "TX-SH-TRACES"]
    assert traces, text
    assert traces[0].time == time, text
