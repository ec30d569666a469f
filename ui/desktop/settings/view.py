"""Settings a learner may want on the first day: caption size, theme, voice, speed, sound.

Changes apply at once and are kept with QSettings; only keys the learner changed are written, so
a later default can still reach everyone who never touched it. Only voices this computer has
are offered, and a chosen voice is tried at once, on a thread of its own (the page answers
meanwhile and says it is loading): if it will not load, the page says which voice reads instead
before any lesson starts. Turning the sound on opens the sound device on a thread of its own
(the switch answers at once); if it will not open, the page says so under it. Either way the
window's notice about sound is told (``sound_said``), so it never says what no longer is.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from audio.output.protocol import SOUND_OFF
from audio.voices.choice import loading_words
from lesson_engine.journal.backups import KEEP
from lesson_engine.journal.writer import done
from lesson_engine.playback.get_ready import DEFAULT_GET_READY_MS
from ui.desktop.settings.programme_settings import ProgrammeSettings
from ui.desktop.settings.store import (
    GET_READY,
    GET_READY_KEY,
    SPEAK_COUNT_KEY,
    SPEED_RANGE,
    THEMES,
    VOICE_LABELS,
    VOLUME_KEYS,
    VOLUME_RANGE,
    offered_voices,
    read_bool,
    read_choice,
    read_int,
    read_speak_count,
)
from ui.desktop.theme import CAPTION_PT_RANGE, DEFAULT_CAPTION_PT
from ui.desktop.widgets.scroll_page import scrolling_page
from ui.desktop.widgets.written import WhenWritten


def _nothing_to_say(_asked: object) -> Future[str]:
    """Without an audio layer: no voice to load, no device to open, nothing to say."""
    return done("")


class SettingsView(QWidget):
    changed = Signal(str)  # the settings key
    check_journal = Signal()  # the learner asked to check the journal's files (journal_care)
    restore_backup = Signal()  # the learner asked to put back a daily copy (journal_care)
    sound_said = Signal(str)
    """What the window's notice about sound says now the switch was turned ("" for none)."""

    def __init__(
        self,
        settings: QSettings,
        try_voice: Callable[[str], Future[str]] = _nothing_to_say,
        parent: QWidget | None = None,
        switch_sound: Callable[[bool], Future[str]] = _nothing_to_say,
    ) -> None:
        """``try_voice`` loads the voice a choice picks behind, and says who will read (the
        audio's); ``switch_sound`` opens or closes the sound device behind, and says if it
        would not."""
        super().__init__(parent)
        self.settings = settings
        self._try_voice = try_voice
        self._switch_sound = switch_sound
        self._when = WhenWritten(self)
        self.setAccessibleName("Settings")
        heading = QLabel("Settings")
        heading.setProperty("role", "title")

        self.caption_size = QSlider(Qt.Orientation.Horizontal)
        self.caption_size.setRange(*CAPTION_PT_RANGE)
        self.caption_size.setValue(
            read_int(settings, "captions/size", DEFAULT_CAPTION_PT, CAPTION_PT_RANGE)
        )
        self.caption_size.setAccessibleName("Caption size")
        self.caption_size.setToolTip("How big the instructions are written during a lesson")
        self.caption_sample = QLabel("Let your knee come down slowly.")
        self.caption_sample.setWordWrap(True)
        self._show_sample(self.caption_size.value())
        self.caption_size.valueChanged.connect(self._caption_size_changed)

        self.theme = self._combo("appearance/theme", THEMES, "Theme")
        self.voice = self._combo("voice/name", offered_voices(), "Voice")
        self.voice_status = QLabel()
        self.voice_status.setWordWrap(True)
        self.voice_status.setProperty("role", "muted")
        self.voice_status.setAccessibleName("Which voice reads")
        self.voice_status.hide()
        stored = str(settings.value("voice/name", ""))
        if stored in VOICE_LABELS and stored != self.voice.currentData():
            self.voice_status.setText(
                f"“{VOICE_LABELS[stored]}” is not installed on this computer: "
                "the best available voice reads."
            )
            self.voice_status.show()
        self.voice.currentIndexChanged.connect(lambda _: self._voice_chosen())
        self.voice_volume, voice_volume_row = self._volume(VOLUME_KEYS[0], "Voice volume")
        self.sounds_volume, sounds_volume_row = self._volume(
            VOLUME_KEYS[1], "Bells and metronome volume"
        )
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(*SPEED_RANGE)
        self.speed.setSingleStep(5)
        self.speed.setPageStep(5)
        self.speed.setValue(read_int(settings, "voice/speed", 100, SPEED_RANGE))
        self.speed.setAccessibleName("Speech speed")
        self.speed.setToolTip("Slower or faster speech; the pitch stays the same")
        self.speed_label = QLabel()
        self._show_speed(self.speed.value())
        self.speed.valueChanged.connect(self._speed_changed)
        self.sound = QCheckBox("Play sound (turn off to follow lessons by captions alone)")
        self.sound.setChecked(read_bool(settings, "audio/enabled", True))
        self.sound.setAccessibleName("Play sound")
        self.sound.toggled.connect(self._sound_switched)
        self.sound_status = QLabel()
        self.sound_status.setWordWrap(True)
        self.sound_status.setProperty("role", "muted")
        self.sound_status.setAccessibleName("Whether sound plays")
        self.sound_status.hide()
        self.get_ready = self._combo(
            GET_READY_KEY, GET_READY, "Get ready before the voice", str(DEFAULT_GET_READY_MS)
        )
        self.get_ready.setToolTip(
            "After Pause or Rest, and when a suggested rest ends: a chime and “Ready… 3, 2, 1” "
            "before the instruction is heard again from its start"
        )

        speed_row = QHBoxLayout()
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self.speed_label)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("Caption size", self.caption_size)
        form.addRow("", self.caption_sample)
        form.addRow("Theme", self.theme)
        form.addRow("Voice", self.voice)
        form.addRow("", self.voice_status)
        form.addRow("Speech speed", speed_row)
        form.addRow("Voice volume", voice_volume_row)
        form.addRow("Bells, metronome", sounds_volume_row)
        form.addRow("", self.sound)
        form.addRow("", self.sound_status)
        self.speak_count = QCheckBox("Say the count aloud")
        self.speak_count.setChecked(read_speak_count(settings))
        self.speak_count.setToolTip(
            "The voice says “Ready… 3, 2, 1” as the screen counts, for when your eyes are closed"
        )
        self.speak_count.toggled.connect(lambda on: self._store(SPEAK_COUNT_KEY, on))
        get_ready_row = QHBoxLayout()
        get_ready_row.addWidget(self.get_ready)
        get_ready_row.addWidget(self.speak_count)
        get_ready_row.addStretch(1)
        form.addRow("Get ready", get_ready_row)
        note = QLabel("Voice changes apply from the next lesson you start.")
        note.setProperty("role", "muted")

        # The page scrolls rather than squeeze its rows in a small window or at a large scale.
        content = QWidget()
        scrolling_page(self, content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 18, 28, 18)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addSpacing(18)
        programme_heading = QLabel("Programme")
        programme_heading.setProperty("role", "heading")
        layout.addWidget(programme_heading)
        self.programme = ProgrammeSettings(settings)
        self.programme.changed.connect(self.changed)
        layout.addWidget(self.programme)
        layout.addSpacing(18)
        journal_heading = QLabel("Journal")
        journal_heading.setProperty("role", "heading")
        self.check_button = QPushButton("Check the journal")
        self.check_button.setToolTip(
            "Read every journal file and record, changing nothing, and say what is wrong"
        )
        self.check_button.clicked.connect(self.check_journal)
        self.restore_button = QPushButton("Restore a backup…")
        self.restore_button.setToolTip(
            "Put your journal back as it was on an earlier day; what it holds now is kept"
        )
        self.restore_button.clicked.connect(self.restore_backup)
        self.check_result = QLabel(
            f"Seesaw keeps a copy of your journal each day (the last {KEEP} days); "
            "'Restore a backup…' puts one back."
        )
        self.check_result.setWordWrap(True)
        self.check_result.setProperty("role", "muted")
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_result.setAccessibleName("What the journal check found")
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.restore_button)
        check_row.addStretch(1)
        layout.addWidget(journal_heading)
        layout.addLayout(check_row)
        layout.addWidget(self.check_result)
        layout.addStretch(1)

    def show_check(self, lines: list[str]) -> None:
        self.check_result.setText("\n".join(lines))

    def _combo(
        self, key: str, choices: tuple[tuple[str, str], ...], name: str, default: str = ""
    ) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value, text in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(
            [v for v, _ in choices].index(read_choice(self.settings, key, choices, default))
        )
        combo.currentIndexChanged.connect(lambda _: self._store(key, combo.currentData()))
        return combo

    def _volume(self, key: str, name: str) -> tuple[QSlider, QHBoxLayout]:
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(*VOLUME_RANGE)
        slider.setSingleStep(5)
        slider.setPageStep(10)
        slider.setValue(read_int(self.settings, key, 100, VOLUME_RANGE))
        slider.setAccessibleName(name)
        shown = QLabel(f"{slider.value()} %")
        shown.setMinimumWidth(shown.fontMetrics().horizontalAdvance("100 %") + 8)

        def moved(value: int) -> None:
            shown.setText(f"{value} %")
            self._store(key, value)

        slider.valueChanged.connect(moved)
        row = QHBoxLayout()
        row.addWidget(slider, 1)
        row.addWidget(shown)
        return slider, row

    def _voice_chosen(self) -> None:
        """Try the voice behind (the natural voice takes a moment to load), say so meanwhile,
        then say who reads; chosen again meanwhile, only the last choice is answered."""
        choice = str(self.voice.currentData())
        trying = self._try_voice(choice)
        if not trying.done():
            _show(self.voice_status, loading_words(choice))
        self._when.then_latest("voice", trying, lambda words: _show(self.voice_status, words))

    def _sound_switched(self, on: bool) -> None:
        """Kept at once; the device opens behind, and the page says if it would not."""
        self._store("audio/enabled", on)
        switching = self._switch_sound(on)
        if not switching.done():
            _show(self.sound_status, "Opening the sound device…")
            self.sound_said.emit("")  # what the notice said of the sound before is not so now

        def opened(words: str) -> None:
            _show(self.sound_status, words if on else "")  # off, the switch says it all
            self.sound_said.emit(words if on else SOUND_OFF)

        self._when.then_latest("sound", switching, opened)

    def _store(self, key: str, value: object) -> None:
        self.settings.setValue(key, value)
        self.settings.sync()
        self.changed.emit(key)

    def step_caption_size(self, step: int) -> None:
        """Bigger or smaller captions by ``step`` points (Ctrl+Plus/Minus mid-lesson), kept."""
        self.caption_size.setValue(self.caption_size.value() + step)

    def _caption_size_changed(self, value: int) -> None:
        self._show_sample(value)
        self._store("captions/size", value)

    def _show_sample(self, value: int) -> None:
        self.caption_sample.setStyleSheet(f"font-size: {value}pt;")

    def _speed_changed(self, value: int) -> None:
        self._show_speed(value)
        self._store("voice/speed", value)

    def _show_speed(self, value: int) -> None:
        self.speed_label.setText(f"{value / 100:.2f}×")


def _show(label: QLabel, words: str) -> None:
    """``words`` under a setting, or nothing there at all."""
    label.setText(words)
    label.setVisible(bool(words))
