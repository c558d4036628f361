// Several fetches at once with Promise.all: the VM pauses once with all of them pending.
// One answers 404 (checked with res.ok), one fails at the network level (caught), then a
// POST with headers and a JSON body.
// python -m fetchflow run examples/parallel.js --responses examples/parallel.responses.json
const base = "https://inventory.example.com";

async function stock(sku) {
  try {
    const res = await fetch(`${base}/stock/${sku}`);
    if (!res.ok) return { sku, error: `HTTP ${res.status} ${res.statusText}` };
    const { count } = await res.json();
    return { sku, count };
  } catch (e) {
    return { sku, error: `${e.name}: ${e.message}` };
  }
}

const skus = ["apple", "pear", "plum", "kiwi"];
const results = await Promise.all(skus.map(stock));
for (const r of results) {
  console.log(r.sku.padEnd(6), "error" in r ? `unavailable (${r.error})` : `${r.count} in stock`);
}

const restock = results.filter((r) => r.count !== undefined && r.count < 10).map((r) => r.sku);
const res = await fetch(`${base}/orders`, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: "Bearer demo-token" },
  body: JSON.stringify({ restock, requestedBy: "fetchflow" }),
});
const order = await res.json();
console.log(res.status, res.statusText, res.headers.get("location"));
console.log("order", order.id, "for", order.items, "eta", order.eta);
