"""Headset and remote buttons: Seesaw as an MPRIS2 media player on the Linux session bus.

Keyboard media keys, a Bluetooth headset's play/pause and the desktop's media controls all reach
the player that owns ``org.mpris.MediaPlayer2.*``, whichever window has focus. The learner lies
two metres from the keyboard, so these buttons are often the only ones in reach.

The name is owned only while a lesson is on screen (``attach`` until its detach), so between
lessons the buttons go to the learner's music player as before. Every button goes through the
lesson's ``SessionController``, as a key press would, so the window shows what happened. Stop
asks the window's Stop question (after the D-Bus call has been answered), as Esc does: a stray
press on a headset never ends a session unseen.

QtDBus exports the two adaptors' slots and properties with the types the specification names
(``Position`` as int64 microseconds, ``Metadata`` as a{sv}); Qt does not send
``PropertiesChanged`` by itself, so ``_changed`` does.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject, QTimer, Signal, Slot
from PySide6.QtDBus import (
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
)

from lesson_engine.playback.events import CueStarted, PlayerEvent, Seeked, StateChanged
from lesson_engine.playback.state import PlayerState
from ui.desktop.player.controller import SessionController
from ui.freedesktop import APP_ID, APP_NAME

BUS_NAME = "org.mpris.MediaPlayer2.seesaw"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"

STATUS = {
    PlayerState.PLAYING: "Playing",
    PlayerState.PAUSED: "Paused",
    PlayerState.RESTING: "Paused",  # the lesson waits for the learner, as after Pause
    PlayerState.READY: "Paused",
    PlayerState.FINISHED: "Stopped",
}

log = logging.getLogger(__name__)
Adaptor = TypeVar("Adaptor", bound=QDBusAbstractAdaptor)


def _dbus_interface(name: str) -> Callable[[type[Adaptor]], type[Adaptor]]:
    """PySide6's ``ClassInfo`` naming the D-Bus interface (its stub says it takes no dict)."""
    return cast(
        Callable[[type[Adaptor]], type[Adaptor]], cast(Any, ClassInfo)({"D-Bus Interface": name})
    )


def _cpp(type_name: str) -> type:
    """A C++ type name, which PySide6 takes where its stubs say a Python type: the D-Bus type
    follows it ("qlonglong" is int64, "QStringList" is as, "QVariantMap" is a{sv})."""
    return cast(type, type_name)


def track_path(lesson_id: str) -> str:
    """A lesson as an MPRIS track id: an object path, which allows only letters, digits and _."""
    return "/org/seesaw/lesson/" + (re.sub(r"[^A-Za-z0-9_]", "_", lesson_id) or "_")


@_dbus_interface(ROOT_INTERFACE)
class _Root(QDBusAbstractAdaptor):
    def __init__(self, controls: MediaControls) -> None:
        super().__init__(controls)
        self._controls = controls

    @Slot()
    def Raise(self) -> None:
        self._controls.raise_window()

    @Slot()
    def Quit(self) -> None:
        """Refused (CanQuit is false): closing mid-lesson is the window's own question."""

    def _false(self) -> bool:
        return False

    def _true(self) -> bool:
        return True

    def _identity(self) -> str:
        return APP_NAME

    def _desktop_entry(self) -> str:
        """The launcher's name: the media panel shows its icon (``seesaw install-desktop``)."""
        return APP_ID

    def _none(self) -> list[str]:
        return []

    CanQuit = Property(bool, _false)
    CanRaise = Property(bool, _true)
    HasTrackList = Property(bool, _false)
    Identity = Property(str, _identity)
    DesktopEntry = Property(str, _desktop_entry)
    SupportedUriSchemes = Property(_cpp("QStringList"), _none)
    SupportedMimeTypes = Property(_cpp("QStringList"), _none)


@_dbus_interface(PLAYER_INTERFACE)
class _Player(QDBusAbstractAdaptor):
    Seeked = Signal(_cpp("qlonglong"))  # relayed to D-Bus by Qt, as int64 microseconds

    def __init__(self, controls: MediaControls) -> None:
        super().__init__(controls)
        self._controls = controls

    @Slot()
    def PlayPause(self) -> None:
        self._controls.command(lambda c: c.toggle())

    @Slot()
    def Play(self) -> None:
        self._controls.command(lambda c: c.player.state is not PlayerState.PLAYING and c.toggle())

    @Slot()
    def Pause(self) -> None:
        self._controls.command(lambda c: c.player.state is PlayerState.PLAYING and c.toggle())

    @Slot()
    def Next(self) -> None:
        self._controls.command(lambda c: c.next())

    @Slot()
    def Previous(self) -> None:
        self._controls.command(lambda c: c.back())

    @Slot()
    def Stop(self) -> None:
        self._controls.stop()

    @Slot("qlonglong")
    def Seek(self, offset_us: int) -> None:
        self._controls.command(lambda c: c.seek(c.player.position_ms + offset_us // 1000))

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, track: QDBusObjectPath, position_us: int) -> None:
        self._controls.command(
            lambda c: (
                track.path() == track_path(c.player.timeline.lesson_id)
                and c.seek(position_us // 1000)
            )
        )

    @Slot(str)
    def OpenUri(self, _uri: str) -> None:
        """No URIs are supported (SupportedUriSchemes is empty)."""

    def _status(self) -> str:
        return self._controls.status()

    def _metadata(self) -> dict[str, Any]:
        return self._controls.metadata()

    def _position(self) -> int:
        return self._controls.position_us()

    def _one(self) -> float:
        return 1.0

    def _in_lesson(self) -> bool:
        return self._controls.in_lesson()

    def _true(self) -> bool:
        return True

    PlaybackStatus = Property(str, _status)
    Metadata = Property(_cpp("QVariantMap"), _metadata)
    Position = Property(_cpp("qlonglong"), _position)
    Rate = Property(float, _one)
    MinimumRate = Property(float, _one)
    MaximumRate = Property(float, _one)
    Volume = Property(float, _one)
    CanGoNext = Property(bool, _in_lesson)
    CanGoPrevious = Property(bool, _in_lesson)
    CanPlay = Property(bool, _in_lesson)
    CanPause = Property(bool, _in_lesson)
    CanSeek = Property(bool, _in_lesson)
    CanControl = Property(bool, _true)


class MediaControls(QObject):
    """The lesson on screen as an MPRIS2 player; ``attach`` is a lesson flow follower."""

    def __init__(
        self,
        bus: QDBusConnection,
        *,
        request_stop: Callable[[], None],
        raise_window: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._request_stop = request_stop
        self.raise_window = raise_window
        self._controller: SessionController | None = None
        self._root = _Root(self)
        self._player = _Player(self)
        self.available = bus.isConnected() and bus.registerObject(
            OBJECT_PATH, self, QDBusConnection.RegisterOption.ExportAdaptors
        )
        if not self.available:
            log.warning(
                "Media keys and headset buttons will work only while Seesaw's window has focus: %s",
                bus.lastError().message() or "no D-Bus session bus",
            )

    # -- one lesson ----------------------------------------------------------------------

    def attach(self, controller: SessionController) -> Callable[[], None]:
        self._controller = controller
        unsubscribe = controller.player.subscribe(self._heard)
        if self.available and not self._bus.registerService(BUS_NAME):
            log.warning("Could not own %s: %s", BUS_NAME, self._bus.lastError().message())
        self._changed(self._player_properties())

        def detach() -> None:
            unsubscribe()
            self._controller = None
            self._changed(self._player_properties())
            if self.available:
                self._bus.unregisterService(BUS_NAME)

        return detach

    # -- what the adaptors ask -----------------------------------------------------------

    def command(self, action: Callable[[SessionController], object]) -> None:
        if self.in_lesson() and self._controller is not None:
            action(self._controller)

    def stop(self) -> None:
        if self.in_lesson():
            QTimer.singleShot(0, self._request_stop)  # the Stop question waits for an answer

    def in_lesson(self) -> bool:
        """A lesson is on screen and not over (on its check-out, the buttons do nothing)."""
        controller = self._controller
        return controller is not None and controller.player.state is not PlayerState.FINISHED

    def status(self) -> str:
        return STATUS[self._controller.player.state] if self._controller else "Stopped"

    def position_us(self) -> int:
        return self._controller.player.position_ms * 1000 if self._controller else 0

    def metadata(self) -> dict[str, Any]:
        """The lesson as the track, and the instruction being followed as its title."""
        if self._controller is None:
            return {"mpris:trackid": QDBusObjectPath(NO_TRACK)}
        player = self._controller.player
        lesson = player.timeline.title
        return {
            "mpris:trackid": QDBusObjectPath(track_path(player.timeline.lesson_id)),
            "xesam:title": player.current_cue.caption,
            "xesam:album": lesson,
            "xesam:artist": [lesson],
        }

    # -- telling the desktop -------------------------------------------------------------

    def _heard(self, event: PlayerEvent) -> None:
        if isinstance(event, StateChanged):
            self._changed(self._player_properties())
        elif isinstance(event, CueStarted):
            self._changed({"Metadata": self.metadata()})
        elif isinstance(event, Seeked):
            self._player.Seeked.emit(event.position_ms * 1000)

    def _player_properties(self) -> dict[str, Any]:
        in_lesson = self.in_lesson()
        changed: dict[str, Any] = {"PlaybackStatus": self.status(), "Metadata": self.metadata()}
        for name in ("CanGoNext", "CanGoPrevious", "CanPlay", "CanPause", "CanSeek"):
            changed[name] = in_lesson
        return changed

    def _changed(self, properties: dict[str, Any]) -> None:
        if not self.available:
            return
        signal = QDBusMessage.createSignal(OBJECT_PATH, PROPERTIES_INTERFACE, "PropertiesChanged")
        no_names = QDBusArgument()  # an empty list must still go out as "as", not "av"
        no_names.beginArray(QMetaType(QMetaType.Type.QString))
        no_names.endArray()
        signal.setArguments([PLAYER_INTERFACE, properties, no_names])
        self._bus.send(signal)
