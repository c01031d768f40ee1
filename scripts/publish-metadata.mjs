#!/usr/bin/env node
// What a package needs on the registry's page that the repository cannot
// know until it has a public address: `repository` (with `directory`),
// `homepage` and `bugs` in every package.json, and README links and images
// that work outside the repository (absolute URLs). All of it is derived
// from ONE field, the root package.json's `repository`; nothing is guessed
// when it is missing.
//
//   node scripts/publish-metadata.mjs check   exit 1 unless the root names a repository
//                                             and every package's fields agree with it
//   node scripts/publish-metadata.mjs sync    write repository/homepage/bugs into the packages
//   node scripts/publish-metadata.mjs readme  (prepack, in a package folder) README.md with
//                                             absolute links; the original kept beside it
//   node scripts/publish-metadata.mjs restore (postpack) puts the original README back
//
// `npm run release` runs `check` first, so a package is never published
// with links that break on the registry.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KEPT = 'README.md.prepack';

/**
 * The web address of a repository from a package.json `repository` field
 * (a string or `{ url }`; `git+https://…/o/r.git`, `https://…/o/r`,
 * `github:o/r`), or null when there is none.
 */
export function webAddress(repository) {
  const url = typeof repository === 'string' ? repository : repository?.url;
  if (typeof url !== 'string' || url.trim() === '') return null;
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url.trim());
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, '')}`;
  const parsed = /^(?:git\+)?(https?):\/\/([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(url.trim());
  if (!parsed) throw new Error(`repository: cannot read a web address from "${url}"`);
  return `${parsed[1]}://${parsed[2]}/${parsed[3]}`;
}

/** The fields a package gets from the repository's address; `directory` is its folder. */
export function packageFields(web, directory, branch = 'main') {
  return {
    repository: { type: 'git', url: `git+${web}.git`, directory },
    homepage: `${web}/tree/${branch}/${directory}#readme`,
    bugs: { url: `${web}/issues` },
  };
}

/**
 * Markdown with every relative link made absolute: images (`![…](x.png)`)
 * to the raw file, other links to the file's page, both at `branch`. Links
 * with a scheme, `#anchors` and links inside code spans or fences are kept.
 *
 * @param markdown - the README's text
 * @param web - the repository's web address (from {@link webAddress})
 * @param directory - the README's folder inside the repository, posix style
 */
export function absoluteLinks(markdown, web, directory, branch = 'main') {
  const lines = markdown.split('\n');
  let fenced = false;
  return lines
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return line;
      }
      if (fenced) return line;
      // A link that starts inside a code span (`[x](y)`) stays as written;
      // a link whose text holds a code span ([`x`](y)) does not.
      const spans = [...line.matchAll(/`[^`]*`/g)].map((m) => [m.index, m.index + m[0].length]);
      const inCode = (at) => spans.some(([from, to]) => at > from && at < to);
      return line.replace(
        /(!?)\[((?:`[^`]*`|[^\]`])*)\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g,
        (all, bang, text, target, title, at) => {
          if (inCode(at)) return all;
          if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return all;
          const [path, anchor = ''] = target.split(/(?=#)/);
          const full = posix.normalize(posix.join(directory, path));
          if (full.startsWith('..')) throw new Error(`README link ${target} leaves the repository`);
          const kind = bang === '!' ? 'raw' : 'blob';
          return `${bang}[${text}](${web}/${kind}/${branch}/${full}${anchor}${title})`;
        },
      );
    })
    .join('\n');
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function packageFolders() {
  const root = readJson(join(ROOT, 'package.json'));
  return root.workspaces
    .map((pattern) => pattern.replace(/\/\*$/, ''))
    .flatMap((folder) => readdirSafe(join(ROOT, folder)).map((name) => join(ROOT, folder, name)))
    .filter((folder) => existsSync(join(folder, 'package.json')));
}

function readdirSafe(folder) {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

const MISSING =
  'the root package.json has no "repository": add the public repository\'s address there ' +
  '(e.g. "repository": "github:OWNER/toplines"), then run `node scripts/publish-metadata.mjs sync`';

function rootWeb() {
  return webAddress(readJson(join(ROOT, 'package.json')).repository);
}

function command(name) {
  const web = rootWeb();
  if (name === 'check') {
    if (web === null) return fail(MISSING);
    const wrong = [];
    for (const folder of packageFolders()) {
      const manifest = readJson(join(folder, 'package.json'));
      if (manifest.private) continue;
      const want = packageFields(web, relative(ROOT, folder).split(sep).join('/'));
      for (const [field, value] of Object.entries(want))
        if (JSON.stringify(manifest[field]) !== JSON.stringify(value))
          wrong.push(`${manifest.name}: ${field} is ${JSON.stringify(manifest[field])}`);
    }
    if (wrong.length > 0)
      return fail(`${wrong.join('\n')}\nrun \`node scripts/publish-metadata.mjs sync\``);
    console.log('publish metadata: every package names the repository');
    return 0;
  }
  if (name === 'sync') {
    if (web === null) return fail(MISSING);
    for (const folder of packageFolders()) {
      const file = join(folder, 'package.json');
      const manifest = readJson(file);
      if (manifest.private) continue;
      Object.assign(manifest, packageFields(web, relative(ROOT, folder).split(sep).join('/')));
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
      console.log(`${manifest.name}: repository, homepage, bugs`);
    }
    return 0;
  }
  if (name === 'readme') {
    const folder = process.cwd();
    if (web === null) {
      console.warn(`publish metadata: README links stay relative: ${MISSING}`);
      return 0;
    }
    const readme = join(folder, 'README.md');
    const text = readFileSync(readme, 'utf8');
    writeFileSync(join(folder, KEPT), text);
    writeFileSync(readme, absoluteLinks(text, web, relative(ROOT, folder).split(sep).join('/')));
    return 0;
  }
  if (name === 'restore') {
    const folder = process.cwd();
    if (existsSync(join(folder, KEPT))) renameSync(join(folder, KEPT), join(folder, 'README.md'));
    return 0;
  }
  return fail(`unknown command "${name}": check, sync, readme or restore`);
}

function fail(message) {
  console.error(`publish metadata: ${message}`);
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(command(process.argv[2]));
