// Follow `next` links across pages, collecting every item.
// python -m fetchflow run examples/paginate.js --responses examples/paginate.responses.json
async function fetchAll(url) {
  const items = [];
  let pages = 0;
  while (url) {
    const res = await fetch(url);          // pauses here once per page
    const page = await res.json();
    pages++;
    console.log(`page ${pages}: ${page.items.length} items (${res.headers.get("x-total-count")} total)`);
    items.push(...page.items);
    url = page.next;                       // null on the last page
  }
  return { items, pages };
}

const { items, pages } = await fetchAll("https://api.example.com/orders?page=1&per_page=3");
const total = items.reduce((sum, o) => sum + o.amount, 0);
const byStatus = items.reduce((acc, o) => ((acc[o.status] = (acc[o.status] || []).concat(o.id)), acc), {});
console.log(`${items.length} orders over ${pages} pages, total ${total.toFixed(2)}`);
console.log(byStatus);
console.log("largest:", items.slice().sort((a, b) => b.amount - a.amount)[0]);
