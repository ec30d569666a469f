"""The lessons, programmes and exercise catalogue that ship with Seesaw, as package data.

This folder is a package only so that an installed Seesaw (a wheel, pipx, a bundle) finds its
lessons with ``importlib.resources`` exactly where the source tree keeps them; it holds no code.
Every file in it goes into the wheel (``tests/test_wheel.py`` checks that none is left behind), so
a new kind of file needs no packaging change. Find it through ``lesson_engine.paths``.
"""
