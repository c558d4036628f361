// Fetch a GitHub user, then their repositories, and print a summary.
// Run offline:  python -m fetchflow run examples/github_user.js --responses examples/github_user.responses.json
// Run for real: python -m fetchflow run examples/github_user.js   (hits api.github.com)
const API = "https://api.github.com";
const login = "octocat";

async function getJSON(url) {
  const res = await fetch(url, { headers: { accept: "application/vnd.github+json" } });
  if (!res.ok) throw new Error(`GET ${url} failed: ${res.status} ${res.statusText}`);
  return res.json();
}

const user = await getJSON(`${API}/users/${login}`);
console.log(`${user.name} (@${user.login}), ${user.followers} followers, ${user.public_repos} public repos`);

// each fetch above and below pauses the VM; the host answers and the script carries on
const repos = await getJSON(user.repos_url);
const stars = repos.reduce((sum, r) => sum + r.stargazers_count, 0);
const byLanguage = {};
for (const { language } of repos) {
  const key = language || "(none)";
  byLanguage[key] = (byLanguage[key] || 0) + 1;
}
const top = repos
  .filter((r) => !r.fork)
  .sort((a, b) => b.stargazers_count - a.stargazers_count)
  .slice(0, 3)
  .map((r) => `${r.name} ★${r.stargazers_count}`);

console.log("stars:", stars);
console.log("languages:", byLanguage);
console.log("top repos:", top.join(", "));
console.log("forks skipped:", repos.filter((r) => r.fork).map((r) => r.name));
