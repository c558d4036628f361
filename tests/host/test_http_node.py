"""fetch() over real HTTP through ``run``: the same program, run by node 20 and by
fetchflow against the same local server, prints the same lines.

The expected lines below are node's output (``test_node_prints_the_expected_lines``
re-checks them whenever node is on PATH), so the comparison runs without node too.
Not covered here because fetchflow does not report them yet: ``Response.url`` and
``Response.redirected`` (see test_http_fetcher_redirect_fields), iteration order of
repeated headers (node lists each ``set-cookie`` apart), and brotli bodies.
"""
from __future__ import annotations

import shutil
import subprocess
from typing import Iterator

import pytest

import fetchflow
from tests.durable.httpserver import LocalServer

CASES_JS = r'''const rel = (u) => u.split(B).join('');
async function show(label, p, init) {
  try {
    const r = await fetch(B + p, init);
    const t = await r.text();
    let body = t;
    try { const j = JSON.parse(t); if (j && j.headers) { delete j.headers.host; delete j.headers.connection; j.headers = Object.keys(j.headers).sort().map(k => k + '=' + j.headers[k]).join(' '); } body = JSON.stringify(j); } catch (e) {}
    console.log(label, r.status, r.ok, r.headers.get('content-encoding'), body);
  } catch (e) {
    console.log(label, 'rejected', e.name, e.message.split(':')[0]);
  }
}
(async () => {
  await show('gzip', '/gzip');
  await show('deflate', '/deflate');
  await show('deflate-raw', '/deflate-raw');
  await show('gzip-deflate', '/gzip-deflate');
  await show('latin1', '/latin1');
  await show('non-ascii url', '/echo?q=café &x=1#frag');
  await show('non-ascii path', '/echo/ä b/%7e?ü');
  await show('302 POST', '/redirect?status=302&to=/echo', {method: 'POST', body: 'x', headers: {'content-type': 'text/plain', 'x-keep': 'k'}});
  await show('301 POST', '/redirect?status=301&to=/echo', {method: 'POST', body: 'x'});
  await show('301 PUT', '/redirect?status=301&to=/echo', {method: 'PUT', body: 'x'});
  await show('303 PUT', '/redirect?status=303&to=/echo', {method: 'PUT', body: 'x'});
  await show('303 HEAD', '/redirect?status=303&to=/echo', {method: 'HEAD'});
  await show('307 POST', '/redirect?status=307&to=/echo', {method: 'POST', body: 'y', headers: {authorization: 'same-origin'}});
  await show('308 DELETE', '/redirect?status=308&to=/echo', {method: 'DELETE'});
  await show('300', '/redirect?status=300&to=/echo');
  await show('chain 20', '/chain/20');
  await show('chain 21', '/chain/21');
  await show('to ftp', '/redirect?to=' + encodeURIComponent('ftp://127.0.0.1/'));
  await show('bad location', '/redirect?to=' + encodeURIComponent('http://[::1'));
  await show('utf8 location', '/redirect?to=' + encodeURIComponent('/echo?é=1'));
  await show('absolute location', '/redirect?to=' + encodeURIComponent(B + '/echo?abs'));
  await show('post body utf8', '/echo', {method: 'POST', body: 'é\ud800'});
  await show('user agent', '/echo', {headers: {'User-Agent': 'mine', accept: 'text/plain'}});
  const h = await fetch(B + '/headers');
  console.log('repeated', h.headers.get('set-cookie'), '|', h.headers.get('x-multi'));
  try { await fetch('http://127.0.0.1:1/'); } catch (e) { console.log('bad port', e.name, e.message.split(':')[0]); }
})();
'''

NODE_LINES = '''gzip 200 true gzip hello, encoded world é
deflate 200 true deflate hello, encoded world é
deflate-raw 200 true deflate hello, encoded world é
gzip-deflate 200 true gzip, deflate hello, encoded world é
latin1 200 true null caf�
non-ascii url 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo?q=caf%C3%A9%20&x=1"}
non-ascii path 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo/%C3%A4%20b/%7e?%C3%BC"}
302 POST 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node x-keep=k","body":null,"target":"/echo"}
301 POST 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo"}
301 PUT 200 true null {"method":"PUT","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* content-length=1 content-type=text/plain;charset=UTF-8 sec-fetch-mode=cors user-agent=node","body":"x","target":"/echo"}
303 PUT 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo"}
303 HEAD 200 true null 
307 POST 200 true null {"method":"POST","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* authorization=same-origin content-length=1 content-type=text/plain;charset=UTF-8 sec-fetch-mode=cors user-agent=node","body":"y","target":"/echo"}
308 DELETE 200 true null {"method":"DELETE","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo"}
300 300 false null moved
chain 20 404 false null {"error":"not found"}
chain 21 rejected TypeError fetch failed
to ftp rejected TypeError fetch failed
bad location rejected TypeError fetch failed
utf8 location 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo?%EF%BF%BD=1"}
absolute location 200 true null {"method":"GET","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=node","body":null,"target":"/echo?abs"}
post body utf8 200 true null {"method":"POST","headers":"accept=*/* accept-encoding=gzip, deflate accept-language=* content-length=5 content-type=text/plain;charset=UTF-8 sec-fetch-mode=cors user-agent=node","body":"é�","target":"/echo"}
user agent 200 true null {"method":"GET","headers":"accept=text/plain accept-encoding=gzip, deflate accept-language=* sec-fetch-mode=cors user-agent=mine","body":null,"target":"/echo"}
repeated a=1; Path=/, b=2 | one, two
bad port TypeError fetch failed
'''


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    s = LocalServer()
    try:
        yield s
    finally:
        s.close()


def _program(server: LocalServer) -> str:
    return f"const B = {server.url!r};\n" + CASES_JS


def test_fetchflow_prints_what_node_prints(server: LocalServer) -> None:
    r = fetchflow.run(_program(server), quiet=True)
    assert r.type == "completed"
    assert [ln.replace(server.url, "B") for ln in r.console] == NODE_LINES.splitlines()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")
def test_node_prints_the_expected_lines(server: LocalServer) -> None:
    p = subprocess.run(["node", "-e", _program(server)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.replace(server.url, "B").splitlines() == NODE_LINES.splitlines()
