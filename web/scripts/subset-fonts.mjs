// Writes web/src/app/fonts/*.woff2 and web/src/app/styles/fonts.css: Pretendard GOV (krds-uiux's
// Regular and Bold subset woff2, ~265 KB each, every glyph of KS X 1001 Hangul and more) cut into
// slices that the browser fetches only when a page shows one of their characters (unicode-range):
//
//   core      Latin, punctuation (Latin and CJK), common symbols, those the app writes, and the Hangul syllables of a
//             small corpus: the app's own strings (web/src), the demo (core/demo), KRDS's own HTML
//             pages (krds-uiux/html) and axe-core's Korean messages. Every page needs it (the
//             header alone is Korean): it is the one font index.html preloads (Regular).
//   hangul-N  the font's other Hangul syllables, in code-point order, ~370 a slice: a page whose
//             text (a resident's proposal) has a rarer syllable fetches only that syllable's slice.
//   symbols   the rest of the font (jamo, other scripts, symbols).
//
// Only the weights the CSS uses (400 and 700: `font-weight` in web/src, and the browser's bold
// headings, th, strong); layout features kept: kern, calt, liga, ccmp, locl, mark, mkmk (the
// stylistic sets and character variants the app never turns on are dropped).
//
// The tool is subset-font (the wasm build of HarfBuzz's hb-subset) from the npm registry, not a
// project dependency (the output is committed). To run again (after new strings, or a new
// krds-uiux):
//   npm i --prefix /tmp/font-tools subset-font@2.9.0
//   FONT_TOOLS=/tmp/font-tools node web/scripts/subset-fonts.mjs
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const web = fileURLToPath(new URL("..", import.meta.url));
const root = join(web, "..");
const require = createRequire(process.env.FONT_TOOLS ? join(process.env.FONT_TOOLS, "noop.js") : import.meta.url);
const subsetFont = require("subset-font");
const fontkit = require("fontkit");

const FONTS = join(root, "node_modules/krds-uiux/resources/fonts");
const OUT = join(web, "src/app/fonts");
const CSS = join(web, "src/app/styles/fonts.css");
const WEIGHTS = [
  { weight: 400, name: "Regular" },
  { weight: 700, name: "Bold" },
];
const PER_SLICE = 370;
const FEATURES = ["kern", "calt", "liga", "ccmp", "locl", "mark", "mkmk"];

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const isHangul = (c) => c >= 0xac00 && c <= 0xd7a3;
const codePoints = (paths) => new Set(paths.flatMap((p) => [...readFileSync(p, "utf8")].map((ch) => ch.codePointAt(0))));

const covered = new Set(fontkit.openSync(join(FONTS, "PretendardGOV-Regular.subset.woff2")).characterSet);
const app = codePoints([...files(join(web, "src")).filter((f) => /\.(tsx?|css)$/.test(f)), join(web, "index.html")]);
const corpus = codePoints([
  ...files(join(root, "core/demo")),
  ...files(join(root, "node_modules/krds-uiux/html")).filter((f) => f.endsWith(".html")),
  join(root, "node_modules/axe-core/locales/ko.json"),
]);
for (const c of app) corpus.add(c);

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const latin = [...range(0x20, 0x7e), ...range(0xa0, 0xff), ...range(0x2010, 0x205e), 0x20a9, 0x20ac, 0x2122, ...range(0x2190, 0x2199), 0x2212, ...range(0x25a0, 0x25ff), 0x2605, 0x2606, ...range(0x3000, 0x303f)];
const core = new Set([...latin, ...[...app].filter((c) => c > 0x7e && !isHangul(c)), ...[...corpus].filter(isHangul)].filter((c) => covered.has(c)));

const rest = [...covered].filter((c) => isHangul(c) && !core.has(c)).sort((a, b) => a - b);
const slices = [{ name: "core", chars: [...core] }];
for (let i = 0; i * PER_SLICE < rest.length; i++) slices.push({ name: `hangul-${i + 1}`, chars: rest.slice(i * PER_SLICE, (i + 1) * PER_SLICE) });
slices.push({ name: "symbols", chars: [...covered].filter((c) => c > 0x20 && !isHangul(c) && !core.has(c)) });

/** unicode-range: runs of code points; a Hangul slice claims its whole span (core, declared last, is matched first). */
function unicodeRange(chars, span) {
  const sorted = [...chars].sort((a, b) => a - b);
  if (span) sorted.splice(0, sorted.length, ...range(sorted[0], sorted.at(-1)));
  const runs = [];
  for (const c of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  const hex = (c) => c.toString(16).toUpperCase();
  return runs.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(", ");
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const faces = [];
for (const { weight, name } of WEIGHTS) {
  const source = readFileSync(join(FONTS, `PretendardGOV-${name}.subset.woff2`));
  // Hangul slices and symbols first: the spec tries the last matching face first, so core wins.
  for (const slice of [...slices.slice(1), slices[0]]) {
    const file = `PretendardGOV-${name}-${slice.name}.woff2`;
    const text = String.fromCodePoint(...slice.chars);
    const font = await subsetFont(source, text, { targetFormat: "woff2", keepFeatures: FEATURES });
    writeFileSync(join(OUT, file), font);
    console.log(`${file}: ${slice.chars.length} characters, ${font.length} bytes`);
    faces.push(`/* ${slice.name}, ${slice.chars.length} characters */
@font-face {
  font-family: "Pretendard GOV";
  font-weight: ${weight};
  font-style: normal;
  font-display: swap;
  src: url("../fonts/${file}") format("woff2");
  unicode-range: ${unicodeRange(slice.chars, slice.name.startsWith("hangul-"))};
}`);
  }
}
writeFileSync(
  CSS,
  `/*
 * Pretendard GOV, the KRDS typeface, Regular (400) and Bold (700), cut into unicode-range slices
 * from krds-uiux's subset woff2: generated by web/scripts/subset-fonts.mjs (how, and why these
 * slices), do not edit by hand. index.html preloads the Regular core slice (web/vite.config.ts).
 */
${faces.join("\n")}
`,
);
console.log(`${relative(root, CSS)}: ${faces.length} faces`);
