"""Programmes: the plan from the first lesson back to running, and the rules that move it on.

``parser`` reads ``*.programme`` files; ``progress`` replays the journal to find where the runner
stands; ``week`` and ``today`` say what to do; ``criteria`` and ``clinician`` hold the tests and
the reasons. Nothing here imports Qt, pygame or pydub.
"""
