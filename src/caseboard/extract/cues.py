"""The attribution cue lexicon: words that introduce what someone said, wrote or believes.

Lemmas are matched against spaCy's ``token.lemma_``. Each group has an invented example.
"""

from __future__ import annotations

# Speech verbs: the complement is what was said.
#   "The minister said the border would stay closed."
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "add",
        "warn",
        "claim",
        "argue",
        "insist",
        "deny",
        "write",
        "note",
        "explain",
        "suggest",
        "report",
        "announce",
        "state",
        "declare",
        "acknowledge",
        "admit",
        "assert",
        "contend",
        "maintain",
        "predict",
        "promise",
        "pledge",
        "vow",
        "confirm",
        "reveal",
        "stress",
        "emphasize",
        "emphasise",
        "recall",
        "reply",
        "respond",
        "counter",
        "conclude",
        "allege",
        "complain",
        "concede",
        "tweet",
        "post",
        "ask",
        "observe",
        "remark",
        "caution",
        "indicate",
        "charge",
        "boast",
        "joke",
        "quip",
        "testify",
        "disclose",
        "signal",
        "urge",
        "agree",
        "point",  # "point out"
        "shout",
        "chant",
        "yell",
        "scream",
        "continue",  # '"...," he continued.'
    }
)

# Cognition verbs: attributed beliefs and assessments; they need a clausal complement.
#   "Analysts believe the sanctions will bite by spring."
COGNITION_VERBS: frozenset[str] = frozenset(
    {
        "believe",
        "think",
        "fear",
        "hope",
        "expect",
        "doubt",
        "feel",
        "worry",
        "estimate",
        "assess",
        "know",
        "suspect",
        "understand",
        "recognize",
        "recognise",
        "learn",
        "find",
        "show",
        "suggest",
    }
)

# Verbs that, governing a short quotation, make it speech rather than a title or scare quote.
#   'The governor called the plan "reckless".'
NAMING_VERBS: frozenset[str] = frozenset(
    {"call", "describe", "dub", "label", "term", "brand", "characterize", "characterise"}
)

# Stance and intention verbs: attributed positions; the content is their object or
# infinitive complement, never a bare verb.
#   "The union rejected the offer as an insult."   "The mayor wants to close the port."
STANCE_VERBS: frozenset[str] = frozenset(
    {
        "want",
        "plan",
        "seek",
        "intend",
        "refuse",
        "threaten",
        "cite",
        "reject",
        "criticize",
        "criticise",
        "attack",
        "accuse",
        "blame",
        "praise",
        "defend",
        "question",
        "dispute",
        "condemn",
        "denounce",
        "welcome",
        "endorse",
        "oppose",
        "support",
        "propose",
        "demand",
        "describe",
        "call",
        "push",
        "vote",
        "back",
        "view",
        "consider",
        "regard",
        "fight",
        "embrace",
        "show",
        "find",
        "indicate",
        "mention",
        "discuss",
        "echo",
        "offer",
        "decline",
    }
)

# Speech verbs whose object alone is what was said (no clause needed).
#   "The ministry announced a ban on grain exports."   "The firm reported a loss."
ANNOUNCE_VERBS: frozenset[str] = frozenset(
    {"announce", "report", "reveal", "disclose", "confirm", "deny", "unveil", "predict"}
    | {"acknowledge", "admit", "concede", "promise", "pledge", "vow", "tweet", "post"}
)

CUE_VERBS: frozenset[str] = SPEECH_VERBS | COGNITION_VERBS | STANCE_VERBS

# Subjects that never name a speaker ("It is said that ...", "There is ...").
NON_SPEAKERS: frozenset[str] = frozenset(
    {"it", "there", "this", "these", "those", "what", "which", "that", "here", "one"}
)

PERSONAL_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them"})
FIRST_PERSON: frozenset[str] = frozenset({"i", "we", "you"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "that", "which"})

# Markers of an anonymous source kept as part of the speaker phrase.
#   "a senior official who spoke on condition of anonymity said ..."
ANONYMITY_WORDS: frozenset[str] = frozenset(
    {"anonymity", "anonymously", "authorized", "authorised", "identified", "named"}
)

# Nouns naming a document or a survey that can head a 'Source: content' headline.
#   e.g. the headline "Survey - most farmers expect losses this year" written with a colon
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {"poll", "survey", "report", "study", "memo", "lawsuit", "audit", "analysis", "source"}
)

# Generic media nouns after an outlet's name; the outlet speaks under its name.
#   "The plan is doomed, says Harbour Weekly magazine."  -> Harbour Weekly
MEDIA_NOUNS: frozenset[str] = frozenset(
    {
        "magazine",
        "newspaper",
        "paper",
        "daily",
        "weekly",
        "broadcaster",
        "channel",
        "network",
        "website",
        "outlet",
        "station",
        "tabloid",
        "agency",
    }
)

# Singular nouns for a person (besides the role nouns of roles.ROLE_WORDS) that a later
# 'he' or 'she' can refer to.
#   "A local farmer said the river had dried up. She added that ..."
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "man",
        "woman",
        "farmer",
        "voter",
        "resident",
        "worker",
        "student",
        "teacher",
        "doctor",
        "nurse",
        "witness",
        "source",
        "pastor",
        "priest",
        "supporter",
        "veteran",
        "businessman",
        "businesswoman",
        "mother",
        "father",
        "wife",
        "husband",
        "owner",
        "driver",
        "survivor",
        "protester",
        "neighbour",
        "neighbor",
    }
)

# Polls and surveys that report a finding through 'in': "In a survey published last week,
# most fishermen favoured the quota." / "The mayor is behind in every recent poll."
POLL_NOUNS: frozenset[str] = frozenset({"poll", "survey", "average", "tally", "census"})

# Verbs whose position is the object of a preposition (lemma -> prepositions).
#   "The mayor pointed to the budget."  "Ruiz sided with the dockers."
#   "The union campaigned against the merger."  "Holm referred to the treaty."
PREP_CUES: dict[str, frozenset[str]] = {
    "point": frozenset({"to"}),
    "refer": frozenset({"to"}),
    "respond": frozenset({"to"}),
    "agree": frozenset({"with", "on"}),
    "side": frozenset({"with", "against"}),
    "campaign": frozenset({"against", "for", "on"}),
    "apologize": frozenset({"for"}),
    "apologise": frozenset({"for"}),
    "comment": frozenset({"on"}),
    "speak": frozenset({"about", "of", "on", "against", "out"}),
    "talk": frozenset({"about"}),
    "complain": frozenset({"about", "of"}),
    "worry": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "rail": frozenset({"against"}),
    "lobby": frozenset({"for", "against"}),
    "insist": frozenset({"on"}),
    "argue": frozenset({"for", "against"}),
    "warn": frozenset({"of", "about", "against"}),
    "vote": frozenset({"for", "against"}),
    "call": frozenset({"for"}),
    "push": frozenset({"for"}),
    "fight": frozenset({"for", "against"}),
}

# Messages that speak for whoever issued them.
#   "The ministry released a statement saying the border was open."  -> the ministry
MESSAGE_NOUNS: frozenset[str] = frozenset(
    {"statement", "note", "ad", "advertisement", "video", "letter", "memo", "email", "e-mail"}
    | {"tweet", "post", "release", "message", "reference", "speech", "remark", "comment"}
    | {"editorial", "column", "op-ed", "interview", "announcement"}
)

# Stance adjectives after a copula: the holder is the subject, the position their clause.
#   "The mayor is confident that the port will reopen."  "Ruiz was worried about the vote."
ADJECTIVE_CUES: frozenset[str] = frozenset(
    {"confident", "sure", "certain", "convinced", "aware", "glad", "happy", "proud"}
    | {"worried", "concerned", "optimistic", "hopeful", "skeptical", "sceptical", "afraid"}
    | {"angry", "upset", "adamant", "unapologetic", "critical", "supportive", "doubtful"}
)

# Nouns that name a statement or a position ("Ruiz's claim that ...", "his support for ...").
NOMINAL_CUES: frozenset[str] = frozenset(
    {"claim", "assertion", "allegation", "suggestion", "belief", "argument", "warning"}
    | {"promise", "pledge", "vow", "call", "demand", "decision", "plan", "support"}
    | {"opposition", "criticism", "attack", "complaint", "concern", "fear", "hope"}
    | {"insistence", "proposal", "endorsement", "view", "contention", "prediction"}
)
