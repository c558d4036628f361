// Retry with exponential backoff until a flaky endpoint recovers (503, 503, then 200).
// There are no timers (setTimeout does not exist), so the backoff is bookkeeping only:
// a host could sleep between resumes, or store the paused state and resume later.
// python -m fetchflow run examples/retry.js --responses examples/retry.responses.json
async function fetchWithRetry(url, { retries = 5, baseDelayMs = 200, factor = 2 } = {}) {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    let problem;
    try {
      const res = await fetch(url);
      if (res.ok) return { res, attempt, waited };
      if (res.status < 500) throw new Error(`${url}: ${res.status} (not retryable)`);
      problem = `${res.status} ${res.statusText}, retry-after ${res.headers.get("retry-after")}`;
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;   // network errors are TypeErrors: retry those
      problem = e.message;
    }
    if (attempt > retries) throw new Error(`${url}: gave up after ${attempt} attempts (${problem})`);
    const delay = baseDelayMs * factor ** (attempt - 1);
    waited += delay;
    console.log(`attempt ${attempt} failed: ${problem}; backing off ${delay} ms`);
  }
}

const { res, attempt, waited } = await fetchWithRetry("https://status.example.com/api/report");
const report = await res.json();
console.log(`ok after ${attempt} attempts (${waited} ms of backoff):`, report);

try {
  await fetchWithRetry("https://status.example.com/api/down", { retries: 2, baseDelayMs: 50 });
} catch (e) {
  console.log("gave up:", e.message);
}
