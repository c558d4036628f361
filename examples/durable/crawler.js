// A rate-limited crawler as a durable run: it sleeps between pages (real time: no process
// is held while it sleeps), honours the server's rate-limit headers, then waits for a
// person to approve the report before posting it.
//
//   python -m fetchflow start examples/durable/crawler.js --store sqlite:///runs.db
//   python -m fetchflow worker --store sqlite:///runs.db --until-idle \
//       --fetcher examples.durable.canned:fetch          # drop --fetcher for real HTTP
//   python -m fetchflow runs show RUN_ID --store sqlite:///runs.db   # waiting for 'approval'
//   python -m fetchflow runs send-event RUN_ID approval '{"by": "ada", "ok": true}' --store sqlite:///runs.db
//   python -m fetchflow worker --store sqlite:///runs.db --until-idle --fetcher examples.durable.canned:fetch
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const PAUSE_MS = 1000;                       // at most one page a second

let url = "https://api.example.com/orders?page=1&per_page=3";
const items = [];
for (let page = 1; url; page++) {
  const res = await fetch(url);
  if (res.status === 429) {                  // the worker retries 429s; this is the last word
    throw new Error(`still rate limited at page ${page}`);
  }
  const body = await res.json();
  items.push(...body.items);
  console.log(`page ${page}: ${body.items.length} items, ${res.headers.get("x-ratelimit-remaining")} requests left`);
  url = body.next;
  if (url) {
    const left = Number(res.headers.get("x-ratelimit-remaining"));
    await sleep(left > 0 ? PAUSE_MS : 60000);  // durable sleep: the run is only a row meanwhile
  }
}

const total = items.reduce((sum, o) => sum + o.amount, 0);
console.log(`${items.length} orders, total ${total.toFixed(2)}: waiting for approval`);
let decision;
try {
  decision = await waitForEvent("approval", { timeout: 24 * 3600 * 1000 });
} catch (e) {
  if (e.name !== "TimeoutError") throw e;
  console.log("nobody approved within a day: giving up");
  decision = { ok: false };
}
if (decision.ok) {
  const res = await fetch("https://api.example.com/reports", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ approvedBy: decision.by, orders: items.length, total }),
  });
  console.log(`report posted (${res.status}), approved by ${decision.by}`);
}
({ orders: items.length, total, approved: !!decision.ok })
