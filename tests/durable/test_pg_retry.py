"""A step's commit that PostgreSQL rolls back to break a conflict (deadlock 40P01, serialization
failure 40001) is run again, bounded and with jitter, instead of failing the worker's round.
Conflicts are forced on the throwaway cluster: a real deadlock with a second session, and
serialization failures raised by a trigger."""
from __future__ import annotations

import threading
import time

import pytest

from fetchflow.durable import Store
from fetchflow.durable.step import run_step

from .conftest import new_pg_database

OWNER = "test-worker"


def _answered_run(s: Store) -> tuple:
    """A run that fetched once and got its answer: ``(claim, outcome)`` of its last step,
    ready to commit (the commit deletes the answered fetch row)."""
    rid = s.start('const r = await fetch("http://x.test/a"); "got " + await r.text()')
    claim = s.claim_run(OWNER, 60)
    assert claim is not None
    out = run_step(claim.source, claim.state, claim.options, [], [], s.key, set())
    s.commit_step(claim, out, OWNER)
    s.finish_fetches([(rid, "req_1", {"id": "req_1", "success": True, "status": 200,
                                      "status_text": "OK", "data": "it", "headers": {}})])
    claim = s.claim_run(OWNER, 60)
    assert claim is not None and claim.responses
    out = run_step(claim.source, claim.state, claim.options, claim.responses, [], s.key,
                   claim.pending_ids)
    assert out.status == "completed"
    return claim, out


def test_a_deadlock_victim_commit_is_run_again(pg_cluster: str) -> None:
    import psycopg
    url = new_pg_database(pg_cluster)
    s = Store(url)
    claim, out = _answered_run(s)
    rid = claim.run_id
    # the commit locks the run row, then deletes the fetch row; the other session holds the
    # fetch row and then asks for the run row: a cycle.  The commit's session detects it
    # (its deadlock_timeout is the shorter) and is the victim.
    s.db.conn().execute("SET deadlock_timeout = '200ms'")
    other = psycopg.connect(url, autocommit=True)
    other.execute("SET deadlock_timeout = '30s'")
    holding, done = threading.Event(), threading.Event()
    errors: list = []

    def blocker() -> None:
        try:
            with other.transaction():
                other.execute("SELECT 1 FROM ff_fetches WHERE run_id = %s FOR UPDATE", (rid,))
                holding.set()
                deadline = time.time() + 20
                while time.time() < deadline:  # until the commit waits for our row
                    waiting = other.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        " AND pid <> pg_backend_pid()").fetchone()[0]
                    if waiting:
                        break
                    time.sleep(0.02)
                other.execute("SELECT 1 FROM ff_runs WHERE id = %s FOR UPDATE", (rid,))
                time.sleep(0.1)   # the victim's retry now waits for this transaction
                raise _Rollback
        except _Rollback:
            pass
        except Exception as e:  # noqa: BLE001 - reported by the test
            errors.append(e)
        finally:
            done.set()

    t = threading.Thread(target=blocker)
    t.start()
    assert holding.wait(10)
    s.commit_step(claim, out, OWNER)   # deadlocks once, then commits
    t.join(20)
    other.close()
    assert not errors, errors
    assert s.db.retried >= 1
    d = s.show(rid)
    assert d["status"] == "completed" and d["result"] == "got it"
    assert [h["step"] for h in s.history(rid)] == [0, 1, 2]


class _Rollback(Exception):
    pass


def _fail_step_inserts(url: str, times: int) -> None:
    """A trigger failing the next ``times`` history inserts with serialization_failure (a
    sequence counts them: it is not rolled back with the failed transaction)."""
    import psycopg
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("CREATE SEQUENCE fail_seq")
        c.execute(f"""CREATE FUNCTION fail_some() RETURNS trigger AS $$
            BEGIN
              IF nextval('fail_seq') <= {times} THEN
                RAISE EXCEPTION 'forced conflict' USING ERRCODE = 'serialization_failure';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        c.execute("CREATE TRIGGER fail_some BEFORE INSERT ON ff_steps FOR EACH ROW"
                  " WHEN (NEW.step > 0) EXECUTE FUNCTION fail_some()")


def test_serialization_failures_are_retried_a_bounded_number_of_times(pg_cluster: str) -> None:
    import psycopg
    url = new_pg_database(pg_cluster)
    s = Store(url)
    rid = s.start('"done"')
    _fail_step_inserts(url, 3)
    claim = s.claim_run(OWNER, 60)
    assert claim is not None
    out = run_step(claim.source, None, claim.options, [], [], s.key, set())
    t = time.time()
    s.commit_step(claim, out, OWNER)   # fails 3 times, commits on the 4th
    assert s.db.retried == 3 and time.time() - t < 5
    assert s.show(rid)["status"] == "completed"
    assert [h["step"] for h in s.history(rid)] == [0, 1]

    # always failing: it surfaces after max_retries more tries, and nothing is committed
    rid2 = s.start('"never"')
    _fail_step_inserts_forever(url)
    claim = s.claim_run(OWNER, 60)
    assert claim is not None and claim.run_id == rid2
    out = run_step(claim.source, None, claim.options, [], [], s.key, set())
    s.db.max_retries = 2
    with pytest.raises(psycopg.errors.SerializationFailure):
        s.commit_step(claim, out, OWNER)
    assert s.db.retried == 5
    assert s.show(rid2)["status"] == "runnable"


def _fail_step_inserts_forever(url: str) -> None:
    import psycopg
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("DROP TRIGGER fail_some ON ff_steps")
        c.execute("""CREATE OR REPLACE FUNCTION fail_all() RETURNS trigger AS $$
            BEGIN
              RAISE EXCEPTION 'forced conflict' USING ERRCODE = 'serialization_failure';
            END $$ LANGUAGE plpgsql""")
        c.execute("CREATE TRIGGER fail_all BEFORE INSERT ON ff_steps FOR EACH ROW"
                  " WHEN (NEW.step > 0) EXECUTE FUNCTION fail_all()")
