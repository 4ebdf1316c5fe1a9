"""Small, model-free evidence for pronoun resolution: the usual gender of common first names.

A document often names someone ('Karen Voss said ...') and then refers to them as 'she'
without ever writing an honorific. The first name is then the only clue to which of two
nearby people a 'she' is. Only names that are overwhelmingly given to one gender in
English-language news are listed; an unlisted or ambiguous name ('Jordan', 'Robin') tells
nothing, and what the document itself shows (honorifics, '-woman' titles, pronouns) weighs
more than the name.
"""

from __future__ import annotations

_MALE_TEXT = """
    aaron adam adrian ahmed alan albert alexander alfonso ali allen alvin andrew andy anthony
    antonio arnold arthur barack barry ben benjamin bernard bernie bill billy bob bobby brad
    bradley brandon brian bruce bryan carl carlos chad charles charlie chris christopher chuck
    clarence craig dale dan daniel danny darrell dave david dennis derek dick don donald doug
    douglas duncan dustin dwight earl ed eddie edward elijah enrique eric ernest eugene frank
    fred frederick gary gene george gerald gordon graham greg gregory hank harold harry henry
    herbert howard hugh ian isaac jack jacob jake james jared jason jeb jeff jeffrey
    jeremy jerry jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua
    juan justin keith ken kenneth kevin kirk kyle larry lawrence leon leonard
    lloyd louis luis marco marcus mario mark martin matt matthew michael mike mitch mitt mohammed
    muhammad nathan neil nicholas nick noah norman oliver orrin oscar patrick paul peter phil
    philip ralph randy ray raymond reince richard rick rob robert rod roger ron ronald roy rudy
    russell ryan sam samuel scott sean sergio seth sherrod stanley stephen steve steven stuart
    ted thomas tim timothy todd tom tommy tony travis trey tyler victor vincent walter
    wayne william willie zach
"""
_FEMALE_TEXT = """
    abigail alice alicia alison allison amanda amber amy andrea angela ann anna anne annette
    arianna ashley barbara becky betsy betty beverly brenda brittany carly carol caroline carolyn
    catherine cathy cheryl christina christine claire cynthia debbie deborah debra denise
    diana diane donna doris dorothy elaine elena elizabeth ellen emily emma erin eva evelyn
    frances gloria grace hannah heather heidi helen hillary holly hope huma irene jacqueline
    jane janet janice jean jeanne jennifer jessica jill joan joanne joni joyce judith judy julia
    julie karen kate katherine kathleen kathryn kathy katie kelli kelly kellyanne kimberly
    kirsten laura lauren linda lisa lois loretta lori louise lucy madeleine margaret maria
    marie marilyn marsha martha mary megan melania melissa michelle mona nancy natalie nicole
    nikki nina olivia pam pamela patricia patty paula peggy rachel rebecca regina rita rosa rose
    ruth sally samantha sandra sara sarah sharon sheila shirley sophia stephanie sue susan
    suzanne tammy tanya teresa theresa tiffany tina valerie vanessa victoria virginia
    wendy
"""
_MALE_FIRST = frozenset(_MALE_TEXT.split())
_FEMALE_FIRST = frozenset(_FEMALE_TEXT.split())


def first_name_gender(name: str) -> str | None:
    """'m' / 'f' for a full name whose first word is a listed first name, else None.

    'Karen Voss' -> 'f'; 'Voss' -> None (a surname alone says nothing); 'Sen. Tom Reyes' ->
    'm' (a leading title or initial is skipped).
    """
    words = [w.strip(".,").lower() for w in name.split()]
    while words and (len(words[0]) <= 1 or words[0] in _SKIP):
        words = words[1:]
    if len(words) < 2:
        return None
    first = words[0]
    if first in _MALE_FIRST:
        return "m"
    if first in _FEMALE_FIRST:
        return "f"
    return None


_SKIP = frozenset(
    {"sen", "senator", "rep", "gov", "governor", "president", "mr", "mrs", "ms", "dr", "gen"}
    | {"former", "the", "pastor", "rev", "judge", "mayor", "secretary", "adm", "col", "lt"}
)
