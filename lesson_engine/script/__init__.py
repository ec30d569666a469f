"""Reading a ``.lesson`` file: decoding, the header, the body and its directives, diagnostics.

The first step of the data flow (text → Lesson); everything here reports ``file:line:column``."""
