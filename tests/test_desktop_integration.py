"""Seesaw in a Linux desktop's app menu: ``seesaw install-desktop`` puts a valid launcher, the
icon and the metainfo in the user's XDG folders, the launcher starts this Seesaw, and
``--remove`` takes out exactly those files.

Validity is judged by the freedesktop tools themselves (Debian's desktop-file-utils and
appstream, which ``.ci/run`` installs where it can); where they are missing those checks are
skipped and say so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.freedesktop import APP_ID, DESKTOP_ENTRY, ICON, METAINFO, packaged
from ui.freedesktop.install import launcher_text

SEESAW = Path(sys.executable).with_name("seesaw")
"""The installed ``seesaw`` script of the environment running the tests."""


def run_seesaw(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    return subprocess.run(
        [str(SEESAW), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def entry_values(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def needs(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils / appstream)")
    return path


def test_install_desktop_puts_the_launcher_icon_and_metainfo_in_the_xdg_folders(
    tmp_path: Path,
) -> None:
    done = run_seesaw(tmp_path, "install-desktop")
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    entry = share / "applications" / DESKTOP_ENTRY
    values = entry_values(entry.read_text(encoding="utf-8"))
    assert values["Exec"] == str(SEESAW) and values["TryExec"] == str(SEESAW)
    assert values["Icon"] == APP_ID
    icon = share / "icons" / "hicolor" / "scalable" / "apps" / ICON
    assert icon.read_bytes() == packaged(ICON).read_bytes()
    assert (share / "metainfo" / METAINFO).read_bytes() == packaged(METAINFO).read_bytes()
    assert "Seesaw is in the app menu" in done.stdout


def test_remove_takes_out_only_what_install_put_in(tmp_path: Path) -> None:
    neighbour = tmp_path / "share" / "applications" / "org.example.Other.desktop"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("[Desktop Entry]\n")
    assert run_seesaw(tmp_path, "install-desktop").returncode == 0
    done = run_seesaw(tmp_path, "install-desktop", "--remove")
    assert done.returncode == 0, done.stderr
    left = sorted(p.relative_to(tmp_path) for p in (tmp_path / "share").rglob("*") if p.is_file())
    assert left == [neighbour.relative_to(tmp_path)]
    assert done.stdout.count("removed ") == 3
    again = run_seesaw(tmp_path, "install-desktop", "--remove")
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_a_folder_the_launcher_cannot_be_written_to_is_reported_and_nothing_is_half_made(
    tmp_path: Path,
) -> None:
    (tmp_path / "share").write_text("a file where the folder should be")
    done = run_seesaw(tmp_path, "install-desktop")
    assert done.returncode == 1
    assert "could not add Seesaw to the app menu" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_installed_launcher_is_valid(tmp_path: Path) -> None:
    validate = needs("desktop-file-validate")
    assert run_seesaw(tmp_path, "install-desktop").returncode == 0
    entry = tmp_path / "share" / "applications" / DESKTOP_ENTRY
    done = subprocess.run([validate, str(entry)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_a_launcher_for_a_seesaw_in_a_folder_with_spaces_and_quotes_is_valid(
    tmp_path: Path,
) -> None:
    validate = needs("desktop-file-validate")
    entry = tmp_path / DESKTOP_ENTRY
    entry.write_text(launcher_text(['/home/sam/My "apps"/seesaw', "-m", "ui.main"]))
    done = subprocess.run([validate, str(entry)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    assert entry_values(entry.read_text())["Exec"] == (
        '"/home/sam/My \\\\"apps\\\\"/seesaw" -m ui.main'
    )


def test_the_packaged_launcher_and_metainfo_are_valid() -> None:
    validate = needs("desktop-file-validate")
    appstream = needs("appstreamcli")
    done = subprocess.run(
        [validate, str(packaged(DESKTOP_ENTRY))], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    done = subprocess.run(
        [appstream, "validate", "--no-net", "--explain", str(packaged(METAINFO))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_launcher_metainfo_and_icon_name_the_same_app() -> None:
    """A desktop finds the icon by the launcher's Icon, and the launcher by the metainfo's id."""
    component = ET.parse(packaged(METAINFO)).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP_ENTRY
    assert entry_values(packaged(DESKTOP_ENTRY).read_text())["Icon"] == APP_ID
    assert packaged(ICON).name == f"{APP_ID}.svg"


def test_the_start_at_login_entry_is_seesaws_own_valid_launcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autostart entry shows the same icon and name as the app menu's, and is valid."""
    from ui.desktop.settings.autostart import set_autostart

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    set_autostart(True)
    entry = tmp_path / "config" / "autostart" / "seesaw.desktop"
    values = entry_values(entry.read_text(encoding="utf-8"))
    assert (values["Name"], values["Icon"]) == ("Seesaw", APP_ID)
    done = subprocess.run(
        [needs("desktop-file-validate"), str(entry)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
