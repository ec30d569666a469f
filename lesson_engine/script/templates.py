"""The starting point for a new lesson: a working script that shows each construct once."""

from __future__ import annotations

from lesson_engine.script.header import slug_for

TEMPLATE = """\
id: {id}
title: {title}
summary: One sentence on what the learner will notice.
position: lying on your side, knees bent
level: beginner
group: weight-shift
tags: weight-shift
equipment: mat, cushion
length: 15m
say: ITB = I T band
---
// Lines starting with // are notes for you; the voice never reads them.
// The say: line above tells the voice how to read a word it would guess at.
// Check this file with:  seesaw check {id}.lesson

# Getting comfortable
Lie on your left side with your knees bent and your head on a cushion.
[pause 8s]
Notice where your weight rests on the floor. [pause 2s] There is nothing to change yet.
[pause 10s]

# Lifting the knee
[repeat 4 every 8s]
    Slowly lift your top knee a little, and let it come down.

[rest 1m] Roll onto your back and rest. Let your legs go long.

[sides left, right]
    Lie on your {{side}} side. Lift your top knee a little, then rest.
    [pause 8s]

# Ending
Slowly come up to standing and walk around. Notice how you stand on each foot,
and how your ITB feels along the outside of each thigh.
[bell]
"""


def new_lesson_text(name: str) -> str:
    """A template for a lesson called ``name``; its id is made from the name."""
    lesson_id = slug_for(name)
    title = name.strip() or "My lesson"
    return TEMPLATE.format(id=lesson_id, title=title[:1].upper() + title[1:])
