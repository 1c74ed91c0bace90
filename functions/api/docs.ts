/**
 * A browsable, self-contained reference page for the OpenAPI document: no CDN, works offline
 * at the venue and under the Lambda alike. The page fetches the document and renders it.
 */
export function docsPage(specUrl: string): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gongnon API 참조 (Reference)</title>
<style>
  body { font-family: system-ui, "Pretendard GOV", sans-serif; margin: 0; color: #1e2124; background: #f4f5f6; }
  header { background: #063a74; color: #fff; padding: 1rem 2rem; }
  main { max-width: 960px; margin: 0 auto; padding: 1rem 2rem 4rem; }
  section { background: #fff; border: 1px solid #d6d9dd; border-radius: 8px; margin: 1rem 0; padding: 0.5rem 1rem; }
  h2 { font-size: 1.25rem; } h3 { font-size: 1rem; margin: 0.25rem 0; }
  .m { display: inline-block; min-width: 4.5rem; font-weight: 700; }
  .get { color: #0b5c2e; } .post { color: #063a74; } .patch, .put { color: #7a4a00; } .delete { color: #9e1b1b; }
  pre { background: #f4f5f6; padding: 0.5rem; overflow: auto; font-size: 0.85rem; }
  details summary { cursor: pointer; padding: 0.25rem 0; }
</style>
</head>
<body>
<header><h1>Gongnon API 참조 <span lang="en">(API reference)</span></h1>
<p>OpenAPI: <a href="${specUrl}" style="color:#fff">${specUrl}</a></p></header>
<main id="app" aria-live="polite"><p>불러오는 중… (loading)</p></main>
<script>
(async () => {
  const el = document.getElementById("app");
  const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
  const spec = await (await fetch(${JSON.stringify(specUrl)})).json();
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags ?? ["other"])[0];
      (byTag[tag] ??= []).push({ path, method, op });
    }
  }
  let html = "<p>" + esc(spec.info?.description) + "</p>";
  for (const [tag, ops] of Object.entries(byTag)) {
    html += "<section><h2>" + esc(tag) + "</h2>";
    for (const { path, method, op } of ops) {
      html += "<details><summary><h3 style='display:inline'><span class='m " + method + "'>" + method.toUpperCase() + "</span> <code>" + esc(path) + "</code></h3> — " + esc(op.summary) + (op.security ? " 🔒" : "") + "</summary>";
      if (op.description) html += "<p>" + esc(op.description) + "</p>";
      const reqSchema = op.requestBody?.content?.["application/json"]?.schema;
      if (reqSchema) html += "<h4>Request body</h4><pre>" + esc(JSON.stringify(reqSchema, null, 2)) + "</pre>";
      html += "<h4>Responses</h4><ul>";
      for (const [status, r] of Object.entries(op.responses ?? {})) html += "<li><strong>" + esc(status) + "</strong> " + esc(r.description) + "</li>";
      html += "</ul></details>";
    }
    html += "</section>";
  }
  html += "<section><h2>Schemas</h2><pre>" + esc(JSON.stringify(spec.components?.schemas ?? {}, null, 2)) + "</pre></section>";
  el.innerHTML = html;
})().catch((e) => { document.getElementById("app").textContent = "Failed to load the OpenAPI document: " + e; });
</script>
</body>
</html>`;
}
