"""The ES2018-ES2023 library's state across a pause (each object alive at a fetch, the run
resumed from the state bytes) and the local time zone taken from the host (issue 10)."""
from __future__ import annotations

import pytest

import fetchflow
from fetchflow.interp.operations import date_time

from tests.interp.across_pause import across_pause
from tests.node_oracle import fetchflow_output, node_output


def test_match_all_iterator_across_pause() -> None:
    out = across_pause("const it = 'a1b2c3'.matchAll(/[a-z](\\d)/g); console.log(it.next().value[1]);",
                       "console.log([...it].map(m => m[1] + '@' + m.index).join(), it.next().done);")
    assert out == ["2@2,3@4 true"]


def test_match_all_over_a_subclass_across_pause() -> None:
    out = across_pause("class R extends RegExp {}; const it = 'xaxa'.matchAll(new R('a', 'g')); it.next();",
                       "console.log([...it].map(m => m.index), it instanceof Object);")
    assert out == ["[ 3 ] true"]


def test_weak_ref_and_finalization_registry_across_pause() -> None:
    out = across_pause(
        "const o = {n: 1}; const ref = new WeakRef(o); const sref = new WeakRef(Symbol.iterator);"
        "const fr = new FinalizationRegistry(() => console.log('never')); const tok = {};"
        "fr.register(o, 'held', tok); fr.register({}, 'other');"
        "const wm = new WeakMap([[Symbol.asyncIterator, 'wk']]);",
        "console.log(ref.deref() === o, ref.deref().n, sref.deref() === Symbol.iterator,"
        " fr.unregister(tok), fr.unregister(tok), wm.get(Symbol.asyncIterator), ref, fr);")
    assert out == ["true 1 true true false wk WeakRef {} FinalizationRegistry {}"]


def test_regexp_statics_across_pause() -> None:
    out = across_pause("/(\\w+)@(\\w+)/.exec('mail: ann@host.org');",
                       "console.log(RegExp.$1, RegExp.$2, RegExp.lastMatch, '|' + RegExp.leftContext,"
                       " RegExp.rightContext, RegExp.lastParen, RegExp.input);"
                       "RegExp.input = 'set after'; console.log(RegExp.$_);")
    assert out == ["ann host ann@host |mail:  .org host mail: ann@host.org", "set after"]


def test_regexp_statics_invalidated_by_a_subclass_across_pause() -> None:
    out = across_pause("class R extends RegExp {}; const r = new R('(a)', 'g'); r.exec('a');",
                       "try { RegExp.$1 } catch (e) { console.log(e.constructor.name) }"
                       "r.lastIndex = 0; console.log(r.exec('ba')[1], r instanceof R);"
                       "/(b)/.exec('b'); console.log(RegExp.$1);")
    assert out == ["TypeError", "a true", "b"]


def _paused_then_resumed(src: str) -> list:
    r = fetchflow.execute_code(src, quiet=True)
    assert r.type == "paused"
    resp = fetchflow.FetchResponse(r.fetch_request.id, True, 200, "OK", "body")
    r2 = fetchflow.resume_execution(r.state.to_bytes(), resp, quiet=True)
    return list(r.console) + list(r2.console)


def test_promise_combinators_pending_across_pause() -> None:
    out = _paused_then_resumed("""
const settled = Promise.allSettled([fetch('https://example.test/a').then(r => r.text()), Promise.reject(new Error('no')), 3]);
const any = Promise.any([Promise.reject(1), settled.then(() => 'late')]);
const none = Promise.any([settled.then(() => { throw 'x' })]);
const fin = settled.finally(() => console.log('finally ran'));
console.log('before the pause');
const results = await fin;
console.log(results.map(r => r.status + ':' + (r.value || r.reason.message)).join(' '));
console.log(await any);
try { await none } catch (e) { console.log(e.constructor.name, e.errors) }
""")
    assert out == ["before the pause", "finally ran", "fulfilled:body rejected:no fulfilled:3", "late",
                   "AggregateError [ 'x' ]"]


# -- the local time zone comes from the host --------------------------------------------------

DATE_SRC = ("const d = new Date(2024, 6, 1, 12); console.log(String(d), d.getTimezoneOffset(),"
            " new Date(0).getHours())")


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Kolkata"])
def test_tz_environment_variable_is_the_local_zone(zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", zone)
    expected = node_output(DATE_SRC, env={"TZ": zone})
    assert fetchflow_output(DATE_SRC) == expected
    monkeypatch.setenv("TZ", ":" + zone)  # glibc's form
    assert fetchflow_output(DATE_SRC) == expected


def test_timezone_option_overrides_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    assert fetchflow_output(DATE_SRC, timezone="Asia/Kolkata") == \
        node_output(DATE_SRC, env={"TZ": "Asia/Kolkata"})


def test_unknown_or_empty_tz_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    utc = node_output(DATE_SRC)
    for value in ("", "UTC", "Not/AZone", "EST+5EDT,M3.2.0/2,M11.1.0/2"):
        monkeypatch.setenv("TZ", value)
        assert fetchflow_output(DATE_SRC) == utc, value


def test_system_zone_without_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(date_time, "_system_zone", lambda: "Asia/Tokyo")
    assert date_time.host_timezone() == "Asia/Tokyo"
    assert fetchflow_output(DATE_SRC) == node_output(DATE_SRC, env={"TZ": "Asia/Tokyo"})


def test_a_state_keeps_the_zone_it_was_made_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    r = fetchflow.execute_code("await fetch('https://example.test/'); console.log(new Date(0).getHours())",
                               quiet=True)
    monkeypatch.setenv("TZ", "America/New_York")
    resp = fetchflow.FetchResponse(r.fetch_request.id, True, 200, "OK", "")
    assert fetchflow.resume_execution(r.state.to_bytes(), resp, quiet=True).console == ["5"]
