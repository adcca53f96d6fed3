"""Prototype sentences for the `prototypes` labelling function (`sentence_data.py`).

Short descriptions of each class in general words, grouped by the kinds of wording the
detector must read (acts, shorthand, traces and hiding, other means, broken streaks, urges;
wishes to die, passive images, suicide as the subject, plans, past attempts). Written for
Waylight, none taken from any data set. A sentence of the training data whose encoder vector
lies close to one of them gets a positive vote; one far from all of them gets a negative vote.
They are a labelling function, not training data: the label model weighs them against the
other functions, and the heads learn from the data's own sentences.
"""

from __future__ import annotations

RISK: tuple[str, ...] = (
    # wanting to die, active
    "I want to die",
    "I want to kill myself",
    "I'm going to end my life",
    "I want to end it all",
    "I'm ready to die",
    "I am thinking of taking my own life",
    "I keep thinking about ending my life",
    "I have been having suicidal thoughts",
    "I think about suicide every day",
    # passive wishes and images
    "I wish I was dead",
    "I don't want to be alive anymore",
    "I don't want to live anymore",
    "I wish I could disappear forever",
    "I hope I don't wake up tomorrow",
    "I just want to stop existing",
    "I'm tired of being alive",
    "there's no reason for me to keep living",
    "I want my life to be over",
    "I'd rather be dead",
    "I wish I had never been born",
    "I want to go to sleep and never wake up",
    "everyone would be better off if I was dead",
    "I want to be gone for good",
    "I wish I could just not exist",
    # suicide as the subject, plans
    "suicide feels like the only way out",
    "death would be a relief",
    "ending my life seems like the answer",
    "I keep imagining how I would end my life",
    "I have a plan to end my life",
    "tonight I'm going to do it and end everything",
    "I wrote a goodbye letter",
    # past attempts
    "I tried to kill myself",
    "I attempted suicide last year",
    "after my attempt I woke up in hospital",
)

SELF_HARM: tuple[str, ...] = (
    # acts
    "I cut myself",
    "I have been cutting again",
    "I self harm",
    "I hurt myself on purpose",
    "I hurt myself again last night",
    "I've been self harming for years",
    "cutting is the only way I cope",
    "my self harm is getting worse",
    # shorthand and broken streaks
    "I relapsed on self harm",
    "I was clean from self harm but I relapsed",
    "I broke my streak of days without self harm",
    "I did it again even though I promised I would stop",
    # other means
    "I burned myself on purpose",
    "I hit myself until it hurts",
    "I scratch my skin until it bleeds",
    "I punish myself by hurting my body",
    "I bang my head against the wall to feel pain",
    # traces and hiding
    "I hide my scars with long sleeves",
    "I have fresh cuts on my arm",
    "nobody knows about the marks on my arms",
    "I lie about where my scars came from",
    "I cover my arms so no one sees what I did",
    # urges and wishes
    "I want to cut myself",
    "the urge to self harm is strong",
    "I want to hurt myself",
    "I really want to cut tonight",
)
