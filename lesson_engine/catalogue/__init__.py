"""The strength-exercise and treatment catalogue: what each source says, side by side.

Data lives in ``lessons/catalogue`` (TOML, one file per entry, plus ``sources.toml``);
``loader.load_catalogue`` checks it as strictly as lesson scripts are checked.
"""
