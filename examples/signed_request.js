// Sign an API request with HMAC-SHA256 and check the signature of the answer, with the web
// APIs node and Deno give fetch scripts: URL, URLSearchParams, TextEncoder, crypto.subtle,
// Headers, Response.json and structuredClone.
// python -m fetchflow run examples/signed_request.js --responses examples/signed_request.responses.json
const enc = new TextEncoder();
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const unhex = (s) => new Uint8Array((s.match(/../g) || []).map((h) => parseInt(h, 16)));
const key = await crypto.subtle.importKey("raw", enc.encode("s3cr3t"), { name: "HMAC", hash: "SHA-256" },
                                          false, ["sign", "verify"]);

async function signedPost(path, query, payload) {
  const url = new URL(path, "https://api.example.com");
  url.search = new URLSearchParams(query);
  const body = JSON.stringify(payload);
  const digest = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", enc.encode(body)))));
  const timestamp = "1700000000";
  const headers = new Headers({ "Content-Type": "application/json", "X-Timestamp": timestamp });
  headers.set("Content-Digest", `sha-256=:${digest}:`);
  const toSign = `${timestamp}\nPOST\n${url.pathname}${url.search}\n${digest}`;
  headers.set("X-Signature", hex(await crypto.subtle.sign("HMAC", key, enc.encode(toSign))));
  console.log("POST", url.href);
  console.log(" ", [...headers].map(([k, v]) => `${k}: ${v.length > 24 ? v.slice(0, 24) + "…" : v}`).join(" | "));
  const res = await fetch(url.href, { method: "POST", headers, body });
  const text = await res.text();
  // the server signs its answer with the same key: check it before trusting it
  const claimed = res.headers.get("x-signature") || "";
  const trusted = await crypto.subtle.verify("HMAC", key, unhex(claimed), enc.encode(text));
  return { status: res.status, trusted, data: trusted ? JSON.parse(text) : null };
}

const first = await signedPost("/v1/orders", { status: "open", limit: "2" }, { note: "rush", items: [1, 2] });
console.log("orders:", first);
const forged = await signedPost("/v1/refunds", { order: "42" }, { amount: 1000 });
console.log("refund:", forged.status, forged.trusted ? "trusted" : "signature mismatch: ignored");

// keep a private copy of the answer, then hand a Response to the rest of the program
const kept = structuredClone(first.data);
first.data.orders.pop();
const cached = Response.json(kept, { status: 200, headers: { "x-cache": "hit" } });
console.log(cached.headers.get("content-type"), cached.headers.get("x-cache"), (await cached.json()).orders.length);

// a slow report: give up after a second rather than wait (the answer would take three)
try {
  const report = await fetch(new URL("/v1/reports?full=1", "https://api.example.com"),
                             { signal: AbortSignal.timeout(1000) });
  console.log("report:", report.status);
} catch (e) {
  console.log("report:", e.name, "-", e.message);
}
