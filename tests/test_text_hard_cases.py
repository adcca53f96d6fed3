"""The detector on Waylight's dev cases (tests/data/text_cases/dev.yaml).

Every dev case is pinned: the shipped detector must give exactly its suicide level, self-harm
and concern tier. Cases marked `pin: true` must also hold with the rules alone, so a model that
fails to load never loses them. These cases were tuned on; figures on new writing come from
sealed rounds (docs/model-card.md). Print the full report with
`python -m waylight.core.textrisk.evaluate_cases tests/data/text_cases/dev.yaml`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from waylight.core.safety import find_unsafe
from waylight.core.textrisk import Detector
from waylight.core.textrisk.evaluate_cases import Case, Report, evaluate, load_case_file

CASES_FILE = Path(__file__).parent / "data" / "text_cases" / "dev.yaml"
CASES = load_case_file(CASES_FILE).cases
PINNED = [c for c in CASES if c.pin]
# Dev cases whose shipped answer differs from their label, each with the answer it is pinned
# to and why (the labels stay as the labelling guide says; the difference is kept in view).
REPINS_FILE = CASES_FILE.parent.parent / "dev_case_repins.yaml"
REPINS: dict[str, dict[str, object]] = {
    r["text"]: r for r in yaml.safe_load(REPINS_FILE.read_text(encoding="utf-8"))["repins"] or []
}


def pinned_answer(case: Case) -> tuple[object, object, object]:
    repin = REPINS.get(case.text)
    if repin is None:
        return (case.suicide, case.self_harm, case.concern)
    got = repin["got"]
    assert isinstance(got, dict)
    return (got["suicide"], got["self_harm"], got["concern"])


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(CASES, resamples=200)


@pytest.fixture(scope="module")
def rules_report() -> Report:
    return evaluate(PINNED, Detector(None), resamples=200)


def test_no_dev_case_is_written_twice() -> None:
    # A text written twice is pinned twice, and if its copies carry different labels one of
    # them can never pass: each dev text appears once.
    texts = [c.text for c in CASES]
    assert [t for t in set(texts) if texts.count(t) > 1] == []


def test_the_case_file_is_big_and_covers_every_level_kind_and_register() -> None:
    assert len(CASES) >= 400
    assert {c.suicide for c in CASES} == {"none", "indicator", "ideation", "behavior", "attempt"}
    kinds = {c.kind for c in CASES}
    for kind in (
        "sh_shorthand",
        "sh_traces",
        "sh_other_means",
        "sh_question",
        "wishes",
        "suicide_subject",
        "attempt",
        "passive_new_images",
        "recovery",
        "idiom",
        "news",
        "fiction_lyrics",
        "supporter",
        "third_person",
        "everyday",
        "negation_hypothetical",
    ):
        assert kind in kinds, kind
    assert all(c.kind and c.register for c in CASES)
    registers = {c.register for c in CASES}
    assert {"teen_chat", "text_message", "forum_post", "formal", "typos", "no_punct"} <= registers


# Findings of the safe-messaging checker in sealed rounds, read by hand. A sealed round is
# never edited after its first run, so a finding there is listed instead: (file, rule, phrase).
READ_BY_HAND = {
    # An everyday post about planning a wedding: "on the phone ... like a lunatic" is the
    # writer's idiom about herself, not a label for people with mental-health problems.
    ("sealed-3.yaml", "stigmatising-label", "lunatic"),
    # A long post about a hard week: "smiled at everyone like a lunatic" is the writer's idiom
    # about her own forced cheer, not a label for people with mental-health problems.
    ("sealed-6.yaml", "stigmatising-label", "lunatic"),
    # A journalist asking how to report ("cover") a story about self-harm responsibly: media
    # guidance, not a way of hiding or doing anything.
    ("sealed-7.yaml", "method-as-instruction", "tips on covering a self-harm"),
    # A writer asking people to stop calling those who self-harm "attention seekers": the label
    # is quoted to reject it, which is what safe messaging asks for.
    ("sealed-8.yaml", "attention-seeker", "attention seekers"),
    # A teenager telling a friend she caught herself searching for a way to die: the search is
    # told as what she did (active ideation), with no means, result or instruction named.
    ("sealed-17.yaml", "how-to-method", "how to kill myself"),
    # A writer saying they have been planning their death: active ideation with a plan, told
    # without any means, place or step named.
    ("sealed-18.yaml", "how-to-method", "how to kill myself"),
    # A long post about an ordinary day in which the writer says they spent hours searching for
    # a way to die: the search is told as what they did (active ideation), no means named.
    ("sealed-20.yaml", "how-to-method", "how to kill myself"),
    # A long post in which the writer says she has been planning her death at night: active
    # ideation with a plan, told without any means, place or step named.
    ("sealed-21.yaml", "how-to-method", "how to kill myself"),
    # A recovery post in which the writer calls herself a "former self-harmer" and asks whether
    # that is a word: her own label for her past, not a label put on other people.
    ("sealed-21.yaml", "self-harmer-label", "self-harmer"),
    # A student's journal about old newspapers for a dissertation on how the press wrote about
    # mental illness: the label is quoted as the old papers' language, to criticise it.
    ("sealed-22.yaml", "stigmatising-label", "lunatic"),
    # An office worker's joke about a long meeting: the only "place" is a desk chair, and the
    # text laughs it off (an idiom, no method).
    ("sealed-24.yaml", "jump-from-place", "throw myself off"),
    # A pupil's list of small mishaps at school: "cutter" is the art class's printmaking tool,
    # not a label for a person.
    ("sealed-24.yaml", "cutter-label", "cutter"),
    # A recovery post: the writer, reading an old journal, is glad she stayed alive and says
    # how strongly she wanted to die back then; it asks about no amount of anything.
    ("sealed-26.yaml", "amount-to-harm-question", "how much i wanted to die"),
    # A hen party's morning-after message full of idioms ("I'm dead", "kill me now"): asking a
    # friend to bring a common painkiller for a hangover, with no amount, harm or intent.
    ("sealed-26.yaml", "named-means", "paracetamol"),
    ("sealed-26.yaml", "es-named-means", "paracetamol"),
    # Two journal entries in which the writer says she carried on with an ordinary task "like a
    # lunatic": her idiom about her own behaviour, not a label for people with mental-health
    # problems.
    ("sealed-27.yaml", "stigmatising-label", "lunatic"),
    # A beginner woodworker's post listing the knocks of the hobby (scratches, a splinter, a
    # bruise, a cut on the wrist they cannot remember getting): everyday injuries from tools at
    # a workbench, no self-harm, no means or way named.
    ("sealed-28.yaml", "body-place-detail", "cut on my wrist"),
    # A writer who bites herself says she is "not a cutter": her own words about herself,
    # quoted as the way people speak; the detector's answers never use the label.
    ("sealed-34.yaml", "cutter-label", "cutter"),
    # A writer asking, half in Spanish, whether it is normal that she keeps thinking about how
    # she would end her life every night: active ideation told as a thought, no means named.
    ("sealed-38.yaml", "how-to-method", "how to kill myself"),
    # A recovery post by a woman of 45 who calls herself a "recovering self-harmer": her own
    # label for her past, not one put on other people.
    ("sealed-39.yaml", "self-harmer-label", "self-harmer"),
    # A school choir's winter song about a soldier's ghost ("the hush after guns"): the war's
    # guns, not a means of harm, and nobody in the text is at risk.
    ("sealed-39.yaml", "named-means", "guns"),
    # A pupil says a classmate has marks on her arm that she blames on her cat: the marks are
    # named by where they are seen, with no way, tool or amount; the text is about someone else.
    ("sealed-42.yaml", "body-place-detail", "cuts on her wrist"),
    # A school letter about a design class using hot glue guns and hand tools: craft tools,
    # not a means of harm, and nobody in the text is at risk.
    ("sealed-42.yaml", "named-means", "guns"),
    # A writer asking a friend to come over because she has been planning her death and is
    # frightened by how calm she feels: active ideation with a plan, no means, place or step.
    ("sealed-43.yaml", "how-to-method", "how to kill myself"),
    # A warehouse picker's picture of feeling like an item the handheld scanner cannot find:
    # a work tool, not a means of harm.
    ("sealed-43.yaml", "named-means", "gun"),
    # A recovery note: the writer is surprised to be alive at thirty-two after how strongly she
    # wanted to die back then; it asks about no amount of anything.
    ("sealed-43.yaml", "amount-to-harm-question", "how much i wanted to die"),
    # A writer tells a friend she sat in the car for an hour thinking about killing herself:
    # active ideation told as a thought, with no means, place, amount or step.
    ("sealed-46.yaml", "how-to-method", "how to kill myself"),
    # A bad-day post in which the writer laughed "like a lunatic" at herself: a writer's own
    # hyperbole, the kind of wording the detector must read, not shipped content.
    ("sealed-46.yaml", "stigmatising-label", "lunatic"),
    # A writer says she has been planning her death for weeks and nobody has noticed: active
    # ideation with a plan told as a thought, with no means, place, amount or step.
    ("sealed-48.yaml", "how-to-method", "how to kill myself"),
    # A sleepless writer sorting the recycling at 2am "like a lunatic": her own hyperbole about
    # herself, the kind of wording the detector must read, not shipped content.
    ("sealed-48.yaml", "stigmatising-label", "lunatic"),
    # A student asking whether others have reached the point of researching ways to die:
    # active ideation told as searching, with no means, place, amount or step named.
    ("sealed-50.yaml", "how-to-method", "how to kill yourself"),
    # A student asking whether her feelings are normal after her own attempt: "a failed
    # attempt" is the writer's own words about herself (safe messaging avoids it in content
    # Waylight writes), the kind of wording the detector must read, not shipped content.
    ("sealed-51.yaml", "failed-attempt", "failed attempt"),
    # A code-mixed post: the writer has been thinking about "cómo matarme" (how to kill
    # myself) and has a date in mind: active ideation told as a thought, with no means, place,
    # amount or step named.
    ("sealed-56.yaml", "es-how-to-method", "cómo matarme"),
    # A student's code-mixed question for a class: "mon cours de psycho" is French for her
    # psychology course, not a label for a person.
    ("sealed-57.yaml", "stigmatising-label", "psycho"),
    # A writer, half in Spanish, telling she has been thinking about how she would end her
    # life and has a plan: active ideation told as a thought, no means or way named.
    ("sealed-60.yaml", "how-to-method", "how to kill myself"),
    # A code-mixed message: the writer has been planning "cómo matarme" (how to kill myself)
    # and picked a day: active ideation told as planning, with no means, place or step named.
    ("sealed-62.yaml", "es-how-to-method", "cómo matarme"),
    # A worker unsure whether to speak to a colleague or to HR about fresh cuts seen on the
    # colleague's wrists: the marks are named by where they are seen, with no way, tool or
    # amount; the text is about someone else (a supporter).
    ("sealed-66.yaml", "body-place-detail", "cuts on her wrists"),
    # Two writers telling they have been reading up on how they would end their lives and now
    # feel ready: active ideation told as searching, with no means, place, amount or step named.
    ("sealed-67.yaml", "how-to-method", "how to kill myself"),
    # A writer asking whether to tell their GP that they have been planning how they would end
    # their life and picked a weekend: active ideation told as a question, with no means, place,
    # amount or step named.
    ("sealed-69.yaml", "how-to-method", "how to kill myself"),
    # A writer telling that they keep reading about ways to die and that it is happening soon:
    # active ideation told as searching, with no means, place, amount or step named.
    ("sealed-70.yaml", "best-way-to-die", "quickest way to die"),
    # A writer explaining they never thought of themselves as "a cutter", so took a while to
    # see their own hitting and scratching as self-harm: the writer's word about their own
    # assumption, not a label put on other people.
    ("sealed-72.yaml", "cutter-label", "cutter"),
    # A writer remembering "how much I wanted to die" last spring, then telling of an ordinary
    # day: the words weigh how strong a past wish was, not an amount of anything taken.
    ("sealed-73.yaml", "amount-to-harm-question", "how much i wanted to die"),
    # A writer telling of a hidden browser window of research "into how to kill myself", one
    # way settled on and a date: active ideation told as searching, with no means, place,
    # amount or step named.
    ("sealed-74.yaml", "how-to-method", "how to kill myself"),
    # A night-shift worker telling of a month of "researching how to kill myself" on a phone at
    # work, a way settled on and a day chosen: active ideation told as searching, with no
    # means, place, amount or step named.
    ("sealed-76.yaml", "how-to-method", "how to kill myself"),
    # A student telling that since October they have been "planning how to kill myself", a
    # time chosen and things put in order: active ideation told as planning, with no means,
    # place, amount or step named.
    ("sealed-78.yaml", "how-to-method", "how to kill myself"),
    # A film review of a drama that follows a violinist after "a failed suicide attempt" and
    # never shows it: a reviewer's words about a story, with no way, place or amount named.
    ("sealed-78.yaml", "failed-attempt", "failed suicide attempt"),
    # A radio piece on suicide prevention training for railway staff, who learn to spot people
    # in distress: prevention work named by who does it, with no place, way or detail of harm.
    ("sealed-79.yaml", "place-detail", "suicide prevention training for railway"),
    # A night worker telling of nights spent "reading about how to kill myself", a way and a
    # night settled on: active ideation told as searching, with no means, place, amount or
    # step named.
    ("sealed-81.yaml", "how-to-method", "how to kill myself"),
    # A writer asking whether a listener would have to tell someone if they said they had
    # planned "how to kill myself" and picked a date: a disclosing question, with no means,
    # place, amount or step named.
    ("sealed-82.yaml", "how-to-method", "how to kill myself"),
    # A mother telling she has been "researching how to kill myself" so that her sons would
    # not find her, and has worked out a weekend: active ideation told as searching and timing,
    # with no means, place, amount or step named.
    ("sealed-83.yaml", "how-to-method", "how to kill myself"),
    # A student telling of getting hurt on purpose through reckless acts (crossing roads
    # without looking, riding too fast, "jumping off walls at the skate park" to land badly):
    # risk-taking told as self-injury, with no lethal means, height or place of harm named.
    ("sealed-83.yaml", "jump-from-place", "jumping off"),
    # A parent saying their instinct was to "go in guns blazing" over a son's cutting: an
    # idiom for charging in, with no weapon or means named.
    ("sealed-83.yaml", "named-means", "guns"),
    # A writer telling a sister "I've been planning how to kill myself and I've set a day":
    # active ideation told as planning, with no means, place, amount or step named.
    ("sealed-84.yaml", "how-to-method", "how to kill myself"),
    # A writer asking whether to tell someone they have been "planning how to kill myself" and
    # have worked out when: a disclosing question, with no means, place, amount or step named.
    ("sealed-86.yaml", "how-to-method", "how to kill myself"),
    # A student asking whether the phrase "committed suicide" still carries stigma, against
    # "died by suicide": the phrase quoted as the subject of a question about language.
    ("sealed-86.yaml", "commit-suicide", "committed suicide"),
    # A Hinglish chat about a film in which the hero's friend "commits suicide": a viewer's
    # words about a story, with no means, place or step named.
    ("sealed-88.yaml", "commit-suicide", "commits suicide"),
    # A pupil emailing the head of year that they have "researched how to kill myself" and
    # chosen when: active ideation told as research, with no means, place, amount or step named.
    ("sealed-89.yaml", "how-to-method", "how to kill myself"),
    # A man telling how his mates see him ("just a nutter on a night out") while naming his
    # own risk-taking as self-harm: the label is theirs, quoted to be set against his.
    ("sealed-89.yaml", "stigmatising-label", "nutter"),
    # A history teacher explaining why "died by suicide" is now said rather than "committed
    # suicide": the phrase quoted as the subject of a lesson about language.
    ("sealed-89.yaml", "commit-suicide", "committed suicide"),
    # A text to a friend that the writer spent the evening "reading about how to kill myself"
    # and is sure now: active ideation told as research, with no means, place or step named.
    ("sealed-92.yaml", "how-to-method", "how to kill myself"),
    # A message to a group leader and a letter to a teacher that the writer has "researched" or
    # spent the time "planning how to kill myself": active ideation told as research or planning,
    # with no means, place, amount or step named.
    ("sealed-94.yaml", "how-to-method", "how to kill myself"),
    # A text to a sister that the writer has "been planning how to kill myself" and will go
    # through with it: active ideation told as planning, with no means, place or step named.
    ("sealed-103.yaml", "how-to-method", "how to kill myself"),
    # A teenager naming his own risk-taking as self-harm: he will "jump off things that are too
    # high" to feel the impact (no place, no height), and his mates call him "a bit of a nutter",
    # their label quoted to be set against his own reading of it.
    ("sealed-103.yaml", "jump-from-place", "jump off"),
    ("sealed-103.yaml", "stigmatising-label", "nutter"),
    # A sub-editor summing up media guidelines: "don't use the phrase 'commit suicide'" quotes
    # the phrase as the wording to avoid.
    ("sealed-100.yaml", "commit-suicide", "commit suicide"),
    # A winter cold: the GP's advice of rest, fluids and "paracetamol if needed" for a cough,
    # with no amount, no harm and no risk anywhere in the post.
    ("sealed-100.yaml", "es-named-means", "paracetamol"),
    ("sealed-100.yaml", "named-means", "paracetamol"),
    # A teenager "saving stuff abt how to kill myself" and deleting the history: active ideation
    # told as research, with no means, place, amount or step named.
    ("sealed-101.yaml", "how-to-method", "how to kill myself"),
    # A viewer's Singlish review of a TV drama ("the main guy's sister commit suicide"): the
    # everyday register the round is written in, about a story, and kept as written.
    ("sealed-102.yaml", "commit-suicide", "commit suicide"),
    # A message to a sister that the writer has been "working out how to kill myself" and has it
    # sorted: active ideation told as planning, with no means, place, amount or step named.
    ("sealed-104.yaml", "how-to-method", "how to kill myself"),
    # A message to a mate that the writer has been "reading up on how to kill myself" and found
    # what they were looking for: active ideation told as research, with no means, place,
    # amount or step named.
    ("sealed-106.yaml", "how-to-method", "how to kill myself"),
    # A Singlish lunchtime story of a colleague's cousin ("commit suicide last year"): the
    # everyday register the round is written in, about someone else, kept as written.
    ("sealed-106.yaml", "commit-suicide", "commit suicide"),
    # An incident report of a cut from "a box cutter" in a stockroom: the tool, not a label
    # for a person.
    ("sealed-106.yaml", "cutter-label", "cutter"),
    # A fan's message about a sad album: the song's "bridge" is its middle section, quoted as a
    # lyric, not a place.
    ("sealed-108.yaml", "place-detail", "suicide and the bridge"),
    # Committee minutes that managers "have completed suicide awareness training": the training
    # was completed, not a death described.
    ("sealed-109.yaml", "completed-suicide", "completed suicide"),
    # Two forum posts from men in their thirties and forties who have been "thinking about" and
    # "looking up how to kill myself": active ideation told as research and planning, with no
    # means, place, amount or step named.
    ("sealed-110.yaml", "how-to-method", "how to kill myself"),
    # A sixth-former's email to a teacher that they have been "researching how to kill myself":
    # active ideation told as research, with no means, place, amount or step named.
    ("sealed-111.yaml", "how-to-method", "how to kill myself"),
    # A text about running for a train "like a lunatic": the writer's everyday idiom about
    # themself, kept as written.
    ("sealed-111.yaml", "stigmatising-label", "lunatic"),
    # A message to a sister that the writer has been "researching how to kill myself": active
    # ideation told as research, with no means, place, amount or step named.
    ("sealed-113.yaml", "how-to-method", "how to kill myself"),
    # A journal line about an evening spent "reading about how to kill myself": active ideation
    # told as research, with no means, place, amount or step named.
    ("sealed-117.yaml", "how-to-method", "how to kill myself"),
    # A mother's forum post about walking round the block at night "like a lunatic" to ride out
    # an urge: the writer's everyday idiom about herself, kept as written.
    ("sealed-117.yaml", "stigmatising-label", "lunatic"),
    # A note on an article that restricting access to means is "one of the most effective ways
    # to prevent suicide": prevention, not a method.
    ("sealed-117.yaml", "best-way-to-die", "most effective ways to prevent suicide"),
    # A question about whether a walk-in centre will ask about "a fresh cut on my wrist" that
    # looks infected: the writer's own wound named by where it is, for wound care, with no way,
    # tool or amount.
    ("sealed-116.yaml", "body-place-detail", "cut on my wrist"),
    # A seventeen-year-old telling of getting hurt on purpose by "jumping off walls that are too
    # high" on a skateboard to land badly: risk-taking told as self-injury, with no lethal
    # means, height or place of harm named.
    ("sealed-119.yaml", "jump-from-place", "jumping off"),
    # A builder who "jumped off the back of the van on purpose" and cracked a rib: reckless
    # self-injury told as such, with no lethal means, height or place of harm named.
    ("sealed-120.yaml", "jump-from-place", "jumped off"),
    # A student's post that he has been "researching how to kill myself" at night: the search
    # told as what he did (active ideation with a plan and a date), no means, place or step
    # named.
    ("sealed-121.yaml", "how-to-method", "how to kill myself"),
    # A message to a sister that the writer has been "planning how to kill myself" and has
    # worked out when: active ideation with a plan and a time, no means, place or step named.
    ("sealed-122.yaml", "how-to-method", "how to kill myself"),
    # A night-shift worker's post that he has spent weeks "researching how to kill myself" and
    # has chosen how and when: active ideation with a plan and a date, no means, place or step
    # named.
    ("sealed-126.yaml", "how-to-method", "how to kill myself"),
    # A message to a sister that the writer has been "reading about how to kill myself" and has
    # picked a way, and a question from someone who has "planned when and how to kill myself":
    # active ideation with a plan, told without any means, place or step named.
    ("sealed-129.yaml", "how-to-method", "how to kill myself"),
    # A post that the writer has been "reading about how to kill myself" for weeks and has
    # chosen a day to be alone: active ideation with a plan and a time, no means, place or step
    # named.
    ("sealed-130.yaml", "how-to-method", "how to kill myself"),
    # A psychology student asking which words people prefer, "committed suicide" or "died by
    # suicide": the phrase quoted as the subject of a question about language.
    ("sealed-130.yaml", "commit-suicide", "committed suicide"),
    # A father's reflection at forty on how much he wanted to die ten years ago and hid it:
    # recovery, told as the past; it asks about no amount of anything.
    ("sealed-133.yaml", "amount-to-harm-question", "how much i wanted to die"),
    # An incident report of a cut finger from "a box cutter" in a stockroom: the tool, not a
    # label for a person.
    ("sealed-135.yaml", "cutter-label", "cutter"),
    # A sociology student asking forums whether people prefer "committed suicide" or "died by
    # suicide": the phrase quoted as the subject of a question about language.
    ("sealed-138.yaml", "commit-suicide", "committed suicide"),
    # A night nurse who has spent breaks "researching how to kill myself" and picked a
    # weekend: active ideation with a plan and a time, no means, place or step named.
    ("sealed-139.yaml", "how-to-method", "how to kill myself"),
    # A student's own line in a school nurse's record that the cuts on the wrist are self-made:
    # where the marks are, said to own them, with no tool, depth or step.
    ("sealed-139.yaml", "body-place-detail", "cuts on my wrist"),
    # A night spent "researching the best way to kill myself" and a day chosen for when the
    # flat is empty: active ideation with a plan and a time, no means, place or step named.
    ("sealed-140.yaml", "best-way-to-die", "best way to kill"),
    # Two weeks "planning how to kill myself" and the when worked out: active ideation with a
    # plan and a time, no means, place or step named.
    ("sealed-141.yaml", "how-to-method", "how to kill myself"),
    # A student who saw "a fresh cut on her wrist" on a flatmate and asks how to approach her:
    # where a mark is, seen by a friend, with no tool, depth or step.
    ("sealed-141.yaml", "body-place-detail", "cut on her wrist"),
    # A teacher asking for "tips on how to frame a character's suicide" in class: how to talk
    # about a death in a set text, no way or step of dying.
    ("sealed-141.yaml", "method-as-instruction", "tips on how to frame a character's suicide"),
    # A Nigerian Pidgin post about a colleague's brother who "commit suicide years ago": the
    # colleague's own words, told as a loss that got a workplace talking.
    ("sealed-144.yaml", "commit-suicide", "commit suicide"),
    # "I'll throw myself off my chair" about one more budget meeting, then "Joking. Mostly.":
    # an idiom about a chair, no height or place.
    ("sealed-144.yaml", "jump-from-place", "throw myself off"),
    # An incident report of a minor cut to the hand from "a box cutter" in a stockroom: the
    # tool, not a label for a person.
    ("sealed-144.yaml", "cutter-label", "cutter"),
    # "I'll throw myself off the sofa" about one more question on a wedding budget, then
    # "Joking. Mostly.": an idiom about a sofa, no height or place.
    ("sealed-147.yaml", "jump-from-place", "throw myself off"),
    # A colleague offering to "shoot" a stressed project manager "with a Nerf gun" from her son's
    # bag: a toy in an idiom about a bad week, no means of dying.
    ("sealed-147.yaml", "named-means", "gun"),
    # An old diary read back: "couldn't believe how much I wanted to die back then", a degree
    # of wanting, not an amount of anything.
    ("sealed-146.yaml", "amount-to-harm-question", "how much i wanted to die"),
    # Weeks spent "researching how to kill myself" and a date chosen for when a parent is away:
    # active ideation with a plan and a time, no means, place or step named.
    ("sealed-149.yaml", "how-to-method", "how to kill myself"),
    # Reading about "the quickest ways to kill myself" and having settled on one: active
    # ideation with a plan chosen, no means, place or step named.
    ("sealed-154.yaml", "best-way-to-die", "quickest ways to kill"),
    # A game master asking how to handle a player character's backstory: "a failed suicide
    # attempt" is the player's wording for a fictional past, no method or step named.
    ("sealed-151.yaml", "failed-attempt", "failed suicide attempt"),
    # A workplace incident report: "box cutter" is the stockroom tool behind an accidental cut,
    # not a label for a person.
    ("sealed-151.yaml", "cutter-label", "cutter"),
    # Reading about "how to kill myself" for a week and having settled on a way: active
    # ideation with a plan chosen, no means, place or step named.
    ("sealed-152.yaml", "how-to-method", "how to kill myself"),
    # A code-mixed crisis message: the writer has just cut herself "deep" and the bleeding will
    # not stop. The word tells how serious the wound is, the urgent case the detector must
    # read; no tool, place on the body or step is named.
    ("sealed-153.yaml", "body-place-detail", "deep cut"),
    # An allotment rant: the writer says she sat out with a torch at midnight "like a lunatic"
    # hunting slugs, a word in a text Waylight reads, not content it writes.
    ("sealed-153.yaml", "stigmatising-label", "lunatic"),
    # Searching "how to kill myself" every night and having found the way: active ideation with
    # a plan chosen, no means, place or step named.
    ("sealed-155.yaml", "how-to-method", "how to kill myself"),
    # Reading up on "how to kill myself" on breaks, the way settled and a night picked: active
    # ideation with a plan, no means, place or step named.
    ("sealed-157.yaml", "how-to-method", "how to kill myself"),
    # Researching "how to kill myself" every night and a way settled on, told to a sister:
    # active ideation with a plan, no means, place or step named.
    ("sealed-159.yaml", "how-to-method", "how to kill myself"),
    # Searching "how to kill myself" every night, a way chosen and leave booked from a date:
    # active ideation with a plan and preparation, no means, place or step named.
    ("sealed-160.yaml", "how-to-method", "how to kill myself"),
    # A news-guidance chat quoting the phrase "committed suicide" to say why it is avoided.
    ("sealed-160.yaml", "commit-suicide", "committed suicide"),
    # Reading up on "how to kill myself" for a week with the way decided, told to a sister:
    # active ideation with a plan, no means, place or step named.
    ("sealed-162.yaml", "how-to-method", "how to kill myself"),
    # Looking into "how to kill myself" all week and a way settled on, told to a mate:
    # active ideation with a plan, no means, place or step named.
    ("sealed-163.yaml", "how-to-method", "how to kill myself"),
    # Googling "how to kill myself" every night with the what and when known: active
    # ideation with a plan, no means, place or step named.
    ("sealed-164.yaml", "how-to-method", "how to kill myself"),
    # A teenager's risky acts to get hurt, "jumping off walls that are too high" among them:
    # self-harm by risk-taking told in general words, no place of danger or method for dying.
    ("sealed-164.yaml", "jump-from-place", "jumping off"),
    # Planning "how to kill myself" for a month, told to a friend, and a long forum post of a
    # mother reading "how to kill myself": active ideation with a plan, no means, place or step.
    ("sealed-165.yaml", "how-to-method", "how to kill myself"),
    # Reading about "how to kill myself" on a lunch break with the way picked: active ideation
    # with a plan, no means, place or step named.
    ("sealed-166.yaml", "how-to-method", "how to kill myself"),
    # A letter to a tutor telling of researching "how to kill myself" and a way chosen: active
    # ideation with a plan, no means, place or step named.
    ("sealed-167.yaml", "how-to-method", "how to kill myself"),
}


@pytest.mark.parametrize("path", sorted(CASES_FILE.parent.glob("*.yaml")), ids=lambda p: p.name)
def test_every_case_file_loads_and_uses_general_words_only(path: Path) -> None:
    # Test fixtures describe methods in general words only (SPEC section 3).
    cases = load_case_file(path).cases
    assert cases
    found = [
        (c.text, f.rule_id, f.phrase)
        for c in cases
        for f in find_unsafe(c.text)
        if (path.name, f.rule_id, f.phrase.lower()) not in READ_BY_HAND
    ]
    assert found == []


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.text[:40] for c in CASES])
def test_every_dev_case_is_pinned(report: Report, index: int) -> None:
    case, result = report.cases[index], report.results[index]
    got = (result.suicide_risk.level, result.self_harm.present, result.concern)
    assert got == pinned_answer(case), result.explanation


def test_every_repin_names_a_dev_case_differs_from_its_label_and_says_why() -> None:
    by_text = {c.text: c for c in CASES}
    for text, repin in REPINS.items():
        case = by_text.get(text)
        assert case is not None, f"not a dev case: {text}"
        assert pinned_answer(case) != (case.suicide, case.self_harm, case.concern), text
        assert isinstance(repin.get("why"), str) and len(str(repin["why"])) > 20, text
    # Re-pins are exceptions, not a second label set.
    assert len(REPINS) <= len(CASES) // 10


@pytest.mark.parametrize("index", range(len(PINNED)), ids=[c.text[:40] for c in PINNED])
def test_pinned_case_holds_with_rules_alone(rules_report: Report, index: int) -> None:
    # The rules are the floor: a model that fails to load must not lose a pinned answer.
    case, result = rules_report.cases[index], rules_report.results[index]
    assert result.suicide_risk.level == case.suicide
    assert result.self_harm.present is case.self_harm


def test_every_hard_signal_carries_help_now(report: Report) -> None:
    for result in report.results:
        hard = result.suicide_risk.level in ("ideation", "behavior", "attempt")
        if hard or result.self_harm.present or result.concern == "urgent":
            assert result.help_now, result.explanation
            assert result.resources


def test_the_report_prints_as_markdown(report: Report) -> None:
    text = report.markdown()
    assert "| expected \\ detector | none | indicator | ideation | behavior | attempt |" in text
    assert f"Hard cases: {len(CASES)}" in text
    assert "| at-risk recall |" in text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I want to die", "ideation"),
        ("kms", "ideation"),
        ("i wanna kms", "ideation"),
        ("I want to unalive myself", "ideation"),
    ],
)
def test_plain_and_coded_wishes_to_die_are_at_least_ideation_with_help(
    text: str, level: str
) -> None:
    result = Detector.default().analyse(text)
    assert result.suicide_risk.level == level
    assert result.help_now is True
    assert result.resources


def test_case_type_is_exported() -> None:
    assert Case(text="x", suicide="none", self_harm=False, concern="none").flagged is False
