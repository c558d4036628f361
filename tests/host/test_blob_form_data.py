"""Blob, File and FormData (File API, XHR 4.3), against node 20, and across a pause."""
from __future__ import annotations

from tests.host.pause_check import assert_pause_transparent
from tests.node_oracle import assert_same_as_node

PROGRAM = r"""
const t = (f) => { try { console.log(f()); } catch (e) { console.log(e.name, e.code, e.message); } };
t(() => new Blob(5)); t(() => new Blob("ab")); t(() => new Blob([1, {}, null])); t(() => new Blob([], 5));
t(() => new Blob(undefined, {type: "A/B\u00e9"})); t(() => new Blob([], {type: "A/B"})); t(() => Blob());
t(() => new Blob(["a\r\nb\n"], {endings: "native"}).size); t(() => new Blob([], {endings: "x"}));
const b = new Blob(["hello ", new Uint8Array([0xe2, 0x82, 0xac]), new Blob(["!"])], {type: "text/plain"});
t(() => [b.size, b.type, b.slice(1, 3).size, b.slice(-3).size, b.slice(2, 1).size, b.slice(0, 5, "X/Y").type, b.slice(undefined, undefined).size]);
t(() => new File(["x"])); t(() => [new File(["x"], "a/b", {type: "T"}).name, new File(["x"], "a/b", {type: "T"}).type]);
t(() => Object.getPrototypeOf(File.prototype) === Blob.prototype);
t(() => new File(["x"], "n", {lastModified: "12"}).lastModified);
const fd = new FormData();
t(() => fd.append("a")); t(() => fd.append("a", "b", "c")); t(() => fd.append("a", {}));
t(() => new FormData(5)); t(() => FormData.prototype.get.call({}, "a"));
fd.append("a", "1"); fd.set("b", new Blob(["z"])); fd.append("a", new File(["q"], "q.txt"), "renamed.txt"); fd.append("c", 5);
t(() => [fd.get("a"), fd.getAll("a").map(String), fd.getAll("a")[2].name, fd.has("b"), fd.get("b").name, fd.get("zz"), fd.getAll("zz")]);
t(() => [...fd.keys()]); fd.set("a", "only"); t(() => [...fd].map(([k, v]) => k + "=" + v)); fd.delete("b"); t(() => [...fd.entries()]);
console.log(fd, new FormData(), [fd.values()]);
fd.forEach((v, k, o) => console.log(k, v, o === fd));
(async () => {
  console.log(await b.text(), await b.arrayBuffer(), await b.slice(6).text(), b);
  console.log(await new Response(b).text(), new Response(b).headers.get("content-type"));
  const r = new Request("https://x.com", {method: "POST", body: new Uint16Array([0x4142])});
  console.log(r.headers.get("content-type"), await r.text());
})();
"""


def test_like_node() -> None:
    assert_same_as_node(PROGRAM)


def test_blobs_and_form_data_survive_a_pause():
    lines = assert_pause_transparent("""
const b = new Blob(["héllo ", new Uint8Array([0, 1])], {type: "text/x"});
const f = new File([b, "!"], "f.txt", {lastModified: 42});
const fd = new FormData(); fd.append("a", "1"); fd.append("f", f); fd.append("b", b, "named");
const it = fd.keys(); it.next();
const pending = new Response(fd);
PAUSE
console.log(b, f, await b.slice(1, 4).text(), [...it], fd.get("b").name);
const back = await pending.formData();
console.log([...back.keys()], await back.get("f").text(), back.get("f").lastModified > 0, back.get("b").name);
""")
    assert lines[0].startswith("Blob { size: 9, type: 'text/x' } File { size: 10, type: '', name: 'f.txt', lastModified: 42 }")
