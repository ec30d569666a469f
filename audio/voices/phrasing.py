"""Where the neural voice takes a breath inside a long sentence: its parts, one synthesis each.

The voice's runtime holds memory for the whole sound of one synthesis while it makes it, about
20 MB for every second of speech, so the longest sentence of a lesson set the app's peak: 8.6 s
of speech took the app from 220 MB to about 400 (bench/memory.py). A sentence longer than
``LONGEST_PART`` phonemes is therefore made in parts: split where the text itself pauses (a
comma, semicolon or colon; espeak-ng writes a dash as a semicolon), as many clauses to a part as
fit. A clause that is too long on its own is split between two words, before a joining word
("and", "while", "by" ...) near its middle where there is one, and its first half is given a
comma, so the voice reads it as the phrase it is and pauses as at a comma. Each part ends on
its mark, so the voice gives it the pause it gives that mark inside a sentence.

This works on the phonemes espeak-ng makes for the voice (one symbol each: stress marks and
spaces included), not on the text: the voice's own sentence breaks stay as they are, and a
part's length is what the runtime sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


LONGEST_PART = 52
"""Phoneme symbols in one synthesis at the voice's own pace, about 3 s of speech: the app then
holds about 80 MB more while the voice speaks than at rest, and peaked at 294-297 MB in two of
three runs against 397-401 MB with every sentence made in one go (bench/memory.py)."""

CLAUSE_MARKS = frozenset(",;:")
ADDED_MARK = ","
STRESS = str.maketrans("", "", "ˈˌ")
LINKING = "ʲ"
"""The glide espeak-ng writes at a word's end when the next begins with a vowel; without the
next word it would be said on its own."""
JOINING_WORDS = _words(
    "ænd ɔːɹ bʌt waɪl æz soʊ ðɛn ʌntɪl tɪl wɪð wɪððə wɪðaʊt baɪ ɪf wɛn bɪkʌz wɛɹ bᵻfɔːɹ "
    "æftɚ θɹuː ɪntʊ ʌnlɛs wɪtʃ ðætðə"
)
"""Words a phrase may start with, as espeak-ng writes them for the voice (en-us, without their
stress marks, some run together with the next word as it runs them): "and", "while", "by" ..."""
LEADING_WORDS = _words(
    "ɪn ɔn æt æɾə fɔːɹ fɚ fɚɹə oʊvɚ oʊvɚɹ ʌndɚ ʌndɚɹ ɔf ɐbaʊt ɐɡɛnst ɐlɔŋ ɚɹaʊnd bᵻtwiːn "
    "təwɔːɹd təwɔːɹdz əkɹɑːs bᵻhaɪnd bᵻloʊ əbʌv ɑːntʊ fɹʌm fɹʌmðə wɪðɪn dʊɹɹɪŋ"
)
"""Words that begin a phrase of place or time ("in", "over", "from" ...): the next best start.
Not "of" nor "to": "the side | of the pelvis", "four | to six" would part what belongs together."""
BOUND_WORDS = LEADING_WORDS | _words(
    "ðə ðɪ ɐ ən əvə æɾə fɚɹə jʊɹ juːɹ ðɪs ðæt ðiːz ðoʊz maɪ hɪz hɜː ɪts ðɛɹ əv ʌv tə tʊ iːtʃ "
    "ɛvɹi ʌðɚ boʊθ sʌm ɛni noʊ sɛvɹəl fjuː"
)
"""Words that belong with the next ("the", "your", "of", "at", "each" ...): never the last of a
phrase; nor is a word run together with "the" ("ʌvðə", "of the")."""
SIDE_WORDS = _words("lɛft ɹaɪt")
""""left" and "right", which belong with the next word ("the left | hip") unless it joins."""
CLINGING_WORDS = _words("əv ʌv əvə ʌvðə tə tʊ")
"""Words that belong with the one before ("of", "to"): never the first of a phrase."""
NUMBER_WORDS = _words(
    "wʌn tuː θɹiː fɔːɹ faɪv sɪks sɛvən eɪt naɪn tɛn ɪlɛvən twɛlv θɜːtiːn fɔːɹtiːn fɪftiːn "
    "sɪkstiːn sɛvəntiːn eɪtiːn naɪntiːn twɛnti θɜːɾi fɔːɹɾi fɪfti sɪksti sɛvənti eɪɾi naɪnti"
)
"""The words of a number, never parted from the rest of it nor from what it counts ("one
hundred | fifty", "a hundred and sixty | steps")."""


def longest_part(speed: float) -> int:
    """``LONGEST_PART`` at ``speed``: slower speech lasts longer for the same phonemes."""
    return max(1, round(LONGEST_PART * speed))


@dataclass(frozen=True)
class Phrase:
    """One part of a sentence, made by one synthesis."""

    symbols: tuple[str, ...]
    written: bool
    """Whether it ends where the text pauses (a mark written there, or the sentence's end);
    False where it was split between words and given a comma."""


def phrases(sentence: Sequence[str], longest: int = LONGEST_PART) -> list[Phrase]:
    """``sentence`` (espeak-ng phonemes) in the parts the voice makes one at a time: itself
    when it has at most ``longest`` symbols, otherwise clauses packed up to ``longest`` each,
    and a clause longer than that in halves split between words."""
    whole = _trimmed(list(sentence))
    if len(whole) <= longest:
        return [Phrase(tuple(whole), written=True)] if whole else []
    parts: list[Phrase] = []
    current: list[str] = []
    for clause in _clauses(whole):
        if current and len(current) + 1 + len(clause) > longest:
            parts.append(Phrase(tuple(current), written=True))
            current = []
        if len(clause) > longest:
            parts.extend(_halves(clause, longest))
        else:
            current = [*current, " ", *clause] if current else clause
    if current:
        parts.append(Phrase(tuple(current), written=True))
    return parts


def _trimmed(symbols: list[str]) -> list[str]:
    start, end = 0, len(symbols)
    while start < end and symbols[start].isspace():
        start += 1
    while end > start and symbols[end - 1].isspace():
        end -= 1
    return symbols[start:end]


def _clauses(sentence: list[str]) -> list[list[str]]:
    """The sentence cut after each clause mark, each clause keeping its mark."""
    clauses: list[list[str]] = []
    start = 0
    for at, symbol in enumerate(sentence):
        if symbol in CLAUSE_MARKS:
            clauses.append(_trimmed(sentence[start : at + 1]))
            start = at + 1
    rest = _trimmed(sentence[start:])
    if rest:
        clauses.append(rest)
    return [clause for clause in clauses if clause]


def _halves(clause: list[str], longest: int) -> list[Phrase]:
    """A clause too long for one part, in halves (and halves of halves) split between words."""
    at = _split_point(clause) if len(clause) > longest else None
    if at is None:  # short enough, or nowhere to split it well: one part, however long
        return [Phrase(tuple(clause), written=True)]
    first = clause[:at]
    while first and (first[-1].isspace() or first[-1] == LINKING):
        first = first[:-1]
    head = _halves([*first, ADDED_MARK], longest)
    head[-1] = Phrase(head[-1].symbols, written=False)
    return [*head, *_halves(_trimmed(clause[at:]), longest)]


def _split_point(clause: list[str]) -> int | None:
    """Where the second half starts: at a word, best before a joining word, next before a word
    that starts a phrase of place or time, else anywhere but after a word that belongs with the
    next one; of the best kind, the one nearest the middle. Neither half is under a fifth."""
    edge = len(clause) / 5
    starts = [
        at + 1
        for at, symbol in enumerate(clause)
        if symbol == " " and edge <= at + 1 <= len(clause) - edge
    ]
    ranked = [(_kind(clause, at), abs(at - len(clause) / 2), at) for at in starts]
    usable = [rank for rank in ranked if rank[0] < 3]
    return min(usable)[2] if usable else None


def _kind(clause: list[str], start: int) -> int:
    """How good a start of the second half ``start`` is: 0 best, 3 never."""
    before = start - 1
    while before > 0 and clause[before - 1] != " ":
        before -= 1
    word, last = _word_at(clause, start), _word_at(clause, before)
    if word in JOINING_WORDS:
        return 3 if last in BOUND_WORDS or last.endswith(("ðə", "ðɪ")) else 0
    if (
        last in BOUND_WORDS | SIDE_WORDS
        or last.endswith(("ðə", "ðɪ"))
        or word in CLINGING_WORDS
        or _is_number(last)
    ):
        return 3
    return 1 if word in LEADING_WORDS else 2


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or "hʌndɹɪd" in word or "θaʊzənd" in word


def _word_at(clause: list[str], start: int) -> str:
    """The word from ``start``, without stress marks, a linking glide or a clause mark."""
    end = start
    while end < len(clause) and clause[end] != " ":
        end += 1
    return (
        "".join(clause[start:end]).translate(STRESS).rstrip(LINKING).rstrip("".join(CLAUSE_MARKS))
    )
