"""site/watch.py: the dev server hears of a saved file from the system, not by listing folders."""

from __future__ import annotations

import time

import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer

from generator.site.watch import use_file_events


def _server(tmp_path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def test_every_watch_moves_to_file_events_and_a_save_is_heard_at_once(tmp_path):
    records, config = tmp_path / "cases", tmp_path / "mkdocs.yml"
    records.mkdir()
    (records / "nested").mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = _server(tmp_path)
    server.watch(str(records))
    server.watch(str(config))
    server.watch(str(tmp_path / "cases"), recursive=True)       # watched twice: kept twice
    assert isinstance(server.observer, watchdog.observers.polling.PollingObserver)
    before = dict(server._watched_paths)

    assert use_file_events(server)
    assert not isinstance(server.observer, watchdog.observers.polling.PollingObserver)
    assert server._watched_paths == before
    server.observer.start()
    try:
        for changed in (records / "nested" / "a.yaml", config):
            server._want_rebuild = False
            time.sleep(0.05)
            changed.write_text("saved\n", encoding="utf-8")
            start = time.monotonic()
            while not server._want_rebuild and time.monotonic() - start < 5:
                time.sleep(0.005)
            heard = time.monotonic() - start
            assert server._want_rebuild, f"{changed.name}: no rebuild asked for"
            assert heard < 0.2, f"{changed.name}: heard after {heard:.2f} s (polling would take up to 0.5 s)"
        server.unwatch(str(records))          # the paths can still be let go, once per watch
        server.unwatch(str(records))
        assert str(records) not in server._watched_paths
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_a_server_already_watching_is_left_as_it_is(tmp_path):
    server = _server(tmp_path)
    server.watch(str(tmp_path))
    server.observer.start()
    try:
        assert not use_file_events(server)
        assert isinstance(server.observer, watchdog.observers.polling.PollingObserver)
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_reading_a_watched_file_asks_for_no_rebuild(tmp_path):
    """The build reads every record: with file events, each read would start another rebuild."""
    record = tmp_path / "case.yaml"
    record.write_text("id: x\n", encoding="utf-8")
    server = _server(tmp_path)
    server.watch(str(tmp_path))
    assert use_file_events(server)
    server.observer.start()
    try:
        time.sleep(0.1)
        server._want_rebuild = False
        for _ in range(3):
            record.read_text(encoding="utf-8")
        time.sleep(0.5)
        assert not server._want_rebuild
        record.touch()                        # what polling saw as a change still is one
        start = time.monotonic()
        while not server._want_rebuild and time.monotonic() - start < 2:
            time.sleep(0.005)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
