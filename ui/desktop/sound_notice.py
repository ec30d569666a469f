"""What the banner says about sound: one notice, kept true as the sound changes.

The start says it when the device will not open, or when sound is turned off in Settings. Then
the learner may turn the sound on (and the device opens) or off in Settings: the notice is
replaced by what that came to, or withdrawn once sound plays, never left saying what was.

The start's word can arrive after the switch's: the device is opened on a thread of its own
while the window answers, and the learner may reach Settings meanwhile. Then the switch's word
stands: it was asked for last, and the start's would no longer be true.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ui.desktop.widgets.banner import Banner

SOUND = "sound"
"""The banner's key for its notice about sound."""


class SoundNotice(QObject):
    told = Signal()
    """The start's opening or the switch came to something (or the switch began): what the
    lesson on screen says of the sound (its check-in's note) is read again."""

    def __init__(self, banner: Banner) -> None:
        super().__init__(banner)
        self._banner = banner
        self._switched = False

    def started(self, words: str) -> None:
        """What the start's opening of the device came to ("" when sound plays)."""
        if not self._switched:
            self._banner.put(SOUND, words)
        self.told.emit()

    def switched(self, words: str) -> None:
        """What the sound switch in Settings came to ("" when sound plays, or while the device
        opens: what was said before is no longer true)."""
        self._switched = True
        self._banner.put(SOUND, words)
        self.told.emit()


def sound_notice(banner: Banner) -> SoundNotice:
    """The banner's one notice about sound, for the start and the Settings page alike."""
    found = banner.findChild(SoundNotice)
    return found if isinstance(found, SoundNotice) else SoundNotice(banner)
