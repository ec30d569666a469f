"""Colours and type: calm, high contrast, legible from the floor two metres away.

Follows the system's light or dark scheme unless the learner picks one. Sizes are in points so
high-DPI screens scale them; the caption size is the learner's own setting.

This is the first module of Seesaw's to touch Qt's namespace (``Qt``), and so it pays for it:
PySide builds all of that namespace's 93 enums at once, as Python enums with some 1,200 members,
about 20 ms wherever it first happens. Any first screen with words needs it (``bench/app_start``'s
window with one line of text pays it too), so it is not put off.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

DEFAULT_CAPTION_PT = 30
CAPTION_PT_RANGE = (18, 56)


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_text: str
    rest: str
    warning: str

    def color(self, role: str) -> QColor:
        return QColor(getattr(self, role))


LIGHT = Theme(
    name="light",
    window="#f6f4ef",
    surface="#ffffff",
    text="#1d2326",
    muted="#5b6468",
    accent="#1f6f78",
    accent_text="#ffffff",
    rest="#7a5c1e",
    warning="#8a3b12",
)
DARK = Theme(
    name="dark",
    window="#14191b",
    surface="#1d2427",
    text="#f1f3f2",
    muted="#a9b3b6",
    accent="#5fb3ba",
    accent_text="#0d1315",
    rest="#e0b85c",
    warning="#f0a27a",
)


def system_prefers_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        return bool(scheme() == Qt.ColorScheme.Dark)
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def pick_theme(preference: str) -> Theme:
    if preference == "dark":
        return DARK
    if preference == "light":
        return LIGHT
    return DARK if system_prefers_dark() else LIGHT


def apply_theme(app: QApplication, theme: Theme) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, theme.color("window"))
    palette.setColor(QPalette.ColorRole.Base, theme.color("surface"))
    palette.setColor(QPalette.ColorRole.AlternateBase, theme.color("window"))
    palette.setColor(QPalette.ColorRole.Text, theme.color("text"))
    palette.setColor(QPalette.ColorRole.WindowText, theme.color("text"))
    palette.setColor(QPalette.ColorRole.Button, theme.color("surface"))
    palette.setColor(QPalette.ColorRole.ButtonText, theme.color("text"))
    palette.setColor(QPalette.ColorRole.Highlight, theme.color("accent"))
    palette.setColor(QPalette.ColorRole.HighlightedText, theme.color("accent_text"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, theme.color("muted"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, theme.color("surface"))
    palette.setColor(QPalette.ColorRole.ToolTipText, theme.color("text"))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(theme))


def stylesheet(t: Theme) -> str:
    return f"""
    QWidget {{ font-size: 12pt; }}
    QLabel[role="muted"] {{ color: {t.muted}; }}
    QLabel[role="title"] {{ font-size: 20pt; font-weight: 600; }}
    QLabel[role="heading"] {{ font-size: 15pt; font-weight: 600; color: {t.muted}; }}
    QLabel[role="rest-timer"] {{ font-size: 64pt; font-weight: 300; color: {t.rest}; }}
    QLabel[role="rest-title"] {{ font-size: 22pt; color: {t.rest}; }}
    QLabel[role="status-line"] {{ font-size: 26pt; font-weight: 600; color: {t.rest}; }}
    QLabel[role="caution"] {{ color: {t.warning}; font-size: 13pt; }}
    QLabel[role="medical"] {{ color: {t.muted}; font-size: 10.5pt; }}
    QFrame[role="card"] {{ background: {t.surface}; border-radius: 10px; }}
    QFrame[role="banner"] {{ background: {t.surface}; border-left: 4px solid {t.warning}; }}
    QPushButton {{
        padding: 8px 16px; border-radius: 8px; border: 1px solid {t.muted};
        background: {t.surface}; color: {t.text};
    }}
    QPushButton:focus {{ border: 2px solid {t.accent}; }}
    QPushButton:hover {{ border-color: {t.accent}; }}
    QPushButton[role="primary"] {{
        background: {t.accent}; color: {t.accent_text}; border: none; font-weight: 600;
    }}
    QPushButton[role="primary"]:focus {{ border: 3px solid {t.text}; }}
    QPushButton[role="control"] {{
        font-size: 14pt; min-width: 56px; min-height: 44px; padding: 8px 12px;
    }}
    QPushButton[role="big-control"] {{
        font-size: 16pt; min-width: 104px; min-height: 52px; padding: 8px 12px;
        background: {t.accent}; color: {t.accent_text}; border: none; font-weight: 600;
    }}
    QPushButton[role="big-control"]:focus {{ border: 3px solid {t.text}; }}
    QPushButton:disabled {{ color: {t.muted}; background: transparent; border: 1px dashed {t.muted}; }}
    QTabBar::tab {{
        border: none; border-bottom: 3px solid transparent; background: transparent;
        color: {t.text}; font-size: 13pt; padding: 10px 14px;
    }}
    QTabBar::tab:selected {{ color: {t.accent}; border-bottom: 3px solid {t.accent}; }}
    QTabBar::tab:hover {{ color: {t.accent}; }}
    QTabBar::tab:disabled {{ color: {t.muted}; }}
    QTabBar::tab:selected:disabled {{ color: {t.muted}; border-bottom: 3px solid {t.muted}; }}
    QTabBar:focus {{ outline: none; }}
    QWidget[floor="true"] QPushButton[role="control"] {{
        font-size: 20pt; min-height: 72px; min-width: 110px;
    }}
    QWidget[floor="true"] QPushButton[role="big-control"] {{
        font-size: 24pt; min-height: 84px; min-width: 190px;
    }}
    QWidget[floor="true"] QLabel[role="muted"] {{ font-size: 20pt; }}
    QPushButton[role="small"] {{ padding: 2px 10px; }}
    QLabel[role="legend"] {{ font-size: 15pt; color: {t.muted}; }}
    QLabel[role="floor-notice"] {{ font-size: 16pt; font-weight: 600; }}
    QWidget[floor="true"] QLabel[role="floor-notice"] {{ font-size: 22pt; }}
    QWidget[floor="true"] QLabel[role="legend"] {{ font-size: 18pt; }}
    QListWidget::item {{ padding: 6px 4px; }}
    QCheckBox::indicator, QRadioButton::indicator {{
        width: 16px; height: 16px; border: 2px solid {t.muted}; background: {t.surface};
    }}
    QRadioButton::indicator {{ border-radius: 10px; }}
    QCheckBox::indicator {{ border-radius: 4px; }}
    QCheckBox::indicator:checked, QRadioButton::indicator:checked {{
        background: {t.accent}; border-color: {t.accent};
    }}
    QCheckBox, QRadioButton {{ spacing: 8px; padding: 4px 10px 4px 0; }}
    QListWidget, QTextEdit, QPlainTextEdit, QLineEdit {{
        background: {t.surface}; border: 1px solid {t.muted}; border-radius: 6px;
    }}
    """
