"""Saving: atomic, through symbolic links, keeping hard links, asking about read-only files, full disks."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.files import atomic
from debate_explorer.core.files.atomic import ReadOnlyError, atomic_write_text, is_read_only


def test_a_save_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "s.toml"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert [p.name for p in real.parent.iterdir()] == ["s.toml"]  # no temporary left behind


def test_a_chain_of_links_and_a_dangling_link(tmp_path):
    real = tmp_path / "s.toml"
    (tmp_path / "a").symlink_to(real)  # dangling: the save creates the target
    (tmp_path / "b").symlink_to(tmp_path / "a")
    atomic_write_text(tmp_path / "b", "x")
    assert real.read_text() == "x" and (tmp_path / "b").is_symlink() and (tmp_path / "a").is_symlink()


def test_hard_links_are_kept(tmp_path):
    first = tmp_path / "s.toml"
    first.write_text("old content that is longer")
    second = tmp_path / "other-name.toml"
    os.link(first, second)
    atomic_write_text(first, "new")
    assert second.read_text() == "new" and first.stat().st_ino == second.stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.toml", "s.toml"]


def test_a_full_disk_leaves_a_hard_linked_file_untouched(tmp_path, monkeypatch):
    first = tmp_path / "s.toml"
    first.write_text("old")
    os.link(first, tmp_path / "twin.toml")

    def full(fd, offset, length):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", full, raising=False)
    with pytest.raises(InputError) as info:
        atomic_write_text(first, "new and longer")
    assert "No space left" in info.value.reason and first.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml", "twin.toml"]


def test_a_read_only_file_is_refused_unless_replacing_is_confirmed(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("old")
    path.chmod(0o444)
    assert is_read_only(path)
    with pytest.raises(ReadOnlyError) as info:
        atomic_write_text(path, "new")
    assert str(path) in info.value.message and path.read_text() == "old"
    atomic_write_text(path, "new", replace_read_only=True)
    assert path.read_text() == "new" and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "s.toml"
    path.write_text("old")

    def broken_fsync(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(InputError) as info:
        atomic_write_text(path, "new")
    assert info.value.message.count(str(path)) == 1
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["s.toml"]


def test_new_files_get_ordinary_permissions(tmp_path):
    path = tmp_path / "new.toml"
    atomic_write_text(path, "x")
    assert stat.S_IMODE(path.stat().st_mode) == atomic.NEW_FILE_MODE


def test_saving_a_scenario_through_a_link(tmp_path):
    from debate_explorer.core.model.scenario import load_scenario, save_scenario, scenario_from_dict

    real = tmp_path / "real.toml"
    real.write_text("format_version = 1\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    save_scenario(scenario_from_dict({"format_version": 1, "title": "via link"}), link)
    assert load_scenario(real).title == "via link" and link.is_symlink()
