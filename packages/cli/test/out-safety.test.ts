// --out DIR never harms a user's files: a folder of theirs is refused unless
// --force (and then only the report's own names are replaced), nothing is
// written through a symbolic link, a previous report is replaced whole (no
// stale charts), a failed run leaves DIR as it was and no temporary folder,
// and chart files of different questions never share a name.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { load, reanalyze } from '@toplines/data';
import { describe, expect, it } from 'vitest';
import { BadDataError, UsageError } from '../src/errors';
import { REPORT_MARKER, writeReport } from '../src/reanalyze/write-report';
import { BIN, ioAt, toplines } from './helpers';

const HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote';

/** A new folder for one test. */
function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'toplines-out-'));
}

/** Every file under a folder (links as links), with a digest of its bytes: a folder's fingerprint. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const info = lstatSync(path);
      const key = relative(dir, path);
      if (info.isSymbolicLink()) out[key] = 'link';
      else if (info.isDirectory()) walk(path);
      else out[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Names beside a folder that a run left behind (temporary or set-aside folders). */
function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((name) => name.includes('.toplines-'));
}

/** A results CSV with one question per id, for the survey "s": options `A<i>` and `B<i>`. */
function pollWith(ids: string[]): string {
  const rows = ids.flatMap((id, i) => {
    const quoted = `"${id.replace(/"/g, '""')}"`;
    return [
      `s,${quoted},total,total,A${i},55,exact,false,1000,src,A${i} 55%`,
      `s,${quoted},total,total,B${i},45,exact,false,1000,src,B${i} 45%`,
    ];
  });
  return `${HEADER}\n${rows.join('\n')}\n`;
}

const run = (args: string[], cwd: string) => toplines(['reanalyze', '--no-png', ...args], {}, cwd);

// Each test runs the command once or twice (a few seconds each).
const SLOW = { timeout: 60_000 };

describe('--out refuses a folder that is not a report', SLOW, () => {
  it("leaves a user's folder byte for byte as it was, exit 2, no temporary folder", () => {
    const root = scratch();
    mkdirSync(join(root, 'site'));
    writeFileSync(join(root, 'site', 'index.html'), '<p>my own page</p>\n');
    writeFileSync(join(root, 'site', 'notes.txt'), 'mine\n');
    const before = fingerprint(join(root, 'site'));
    const r = run(['--survey', 'api-2025-jp', '--out', 'site'], root);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('is a folder that holds files of its own');
    expect(r.stderr).toContain('--force');
    expect(r.stdout).toBe(''); // refused before any work
    expect(fingerprint(join(root, 'site'))).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('with --force writes the report and keeps the files that are not the report’s', () => {
    const root = scratch();
    mkdirSync(join(root, 'site'));
    writeFileSync(join(root, 'site', 'index.html'), '<p>my own page</p>\n');
    writeFileSync(join(root, 'site', 'notes.txt'), 'mine\n');
    const r = run(['--survey', 'api-2025-jp', '--out', 'site', '--force'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'site', 'index.html'), 'utf8')).toContain('<!doctype html>');
    expect(readFileSync(join(root, 'site', 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(root, 'site', REPORT_MARKER))).toBe(true);
    expect(readdirSync(join(root, 'site')).filter((n) => n.includes('.toplines-tmp'))).toEqual([]);
    // The folder still holds a file of the user's: the next run asks for --force again.
    expect(run(['--survey', 'api-2025-jp', '--out', 'site'], root).code).toBe(2);
  });

  it('refuses ".", "/", a file, a linked folder and --force without --out, with exit 2', () => {
    const root = scratch();
    writeFileSync(join(root, 'a-file'), 'keep\n');
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'linked'));
    const cases: [string[], RegExp][] = [
      [['--out', '.'], /is the current folder or one that holds it/],
      [['--out', '..'], /is the current folder or one that holds it/],
      [['--out', '/'], /is the root of the file system/],
      [['--out', 'a-file'], /exists and is not a folder/],
      [['--out', 'linked'], /is a symbolic link/],
      [['--out', 'linked', '--force'], /is a symbolic link/],
      [['--force'], /--force applies to --out DIR/],
    ];
    for (const [args, message] of cases) {
      const r = run(args, root);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(join(root, 'a-file'), 'utf8')).toBe('keep\n');
    expect(readdirSync(join(root, 'real'))).toEqual([]);
    expect(existsSync('/index.html')).toBe(false);
    expect(leftovers(root)).toEqual([]);
  });

  it('a place that cannot be written is exit 1 with a clear message', () => {
    const r = run(['--out', '/proc/toplines-report'], scratch());
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('cannot write the report to "/proc/toplines-report"');
  });

  it.skipIf(process.getuid?.() === 0)('a folder without write permission is exit 1', () => {
    const root = scratch();
    mkdirSync(join(root, 'locked'));
    chmodSync(join(root, 'locked'), 0o555);
    const r = run(['--survey', 'api-2025-jp', '--out', 'locked/report'], root);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/permission denied/);
  });
});

describe('--out replaces a previous report', SLOW, () => {
  it('as a whole: stale charts are gone, nothing is left beside it', () => {
    const root = scratch();
    expect(run(['--survey', 'api-2025-jp', '--out', 'report'], root).code).toBe(0);
    writeFileSync(join(root, 'report', 'charts', 'stale.share.vl.json'), '{}\n');
    const r = run(['--survey', 'jxpress-2025-07', '--out', 'report'], root);
    expect(r.code, r.stderr).toBe(0);
    const charts = readdirSync(join(root, 'report', 'charts'));
    expect(charts).not.toContain('stale.share.vl.json');
    expect(charts.every((name) => name.startsWith('jxpress-2025-07'))).toBe(true);
    expect(leftovers(root)).toEqual([]);
  });

  it('with --force, a link inside a folder is replaced, never written through', () => {
    const root = scratch();
    writeFileSync(join(root, 'precious.txt'), 'precious\n');
    mkdirSync(join(root, 'site'));
    writeFileSync(join(root, 'site', 'notes.txt'), 'mine\n');
    symlinkSync('../precious.txt', join(root, 'site', 'results.csv'));
    const r = run(['--survey', 'api-2025-jp', '--out', 'site', '--force'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'precious.txt'), 'utf8')).toBe('precious\n');
    const results = join(root, 'site', 'results.csv');
    expect(lstatSync(results).isSymbolicLink()).toBe(false);
    expect(readFileSync(results, 'utf8')).toMatch(/^survey_id,question_id/);
  });

  it('a link in a previous report is replaced, not followed', () => {
    const root = scratch();
    writeFileSync(join(root, 'precious.txt'), 'precious\n');
    expect(run(['--survey', 'api-2025-jp', '--out', 'report'], root).code).toBe(0);
    rmSync(join(root, 'report', 'leads.csv'));
    symlinkSync('../precious.txt', join(root, 'report', 'leads.csv'));
    expect(run(['--survey', 'api-2025-jp', '--out', 'report'], root).code).toBe(0);
    expect(readFileSync(join(root, 'precious.txt'), 'utf8')).toBe('precious\n');
    expect(lstatSync(join(root, 'report', 'leads.csv')).isSymbolicLink()).toBe(false);
  });
});

describe('a run that fails half-way', SLOW, () => {
  const doc = reanalyze(load(), {
    input: { kind: 'bundled', path: null, title: 'bundled' },
    surveys: ['api-2025-jp'],
  });
  /** A writer that fails (as a full disk would) after `n` files. */
  const failingAfter = (n: number) => {
    let written = 0;
    return async (path: string, data: string | Uint8Array) => {
      if (written++ >= n) {
        const error = new Error(`ENOSPC: no space left on device, write '${path}'`);
        Object.assign(error, { code: 'ENOSPC' });
        throw error;
      }
      writeFileSync(path, data, { flag: 'wx' });
    };
  };

  it('leaves the previous report intact and no temporary folder', async () => {
    const root = scratch();
    await writeReport(doc, load(), 'report', ioAt(root), { png: false });
    const before = fingerprint(join(root, 'report'));
    for (const n of [0, 40, 76]) {
      const attempt = writeReport(doc, load(), 'report', ioAt(root), {
        png: false,
        writeFile: failingAfter(n),
      });
      await expect(attempt).rejects.toThrow(BadDataError);
      await expect(attempt).rejects.toThrow(/no space left on the device \(ENOSPC\)/);
      expect(fingerprint(join(root, 'report'))).toEqual(before);
      expect(leftovers(root)).toEqual([]);
    }
  }, 60_000);

  it('creates nothing when the folder was new', async () => {
    const root = scratch();
    await expect(
      writeReport(doc, load(), 'new', ioAt(root), { png: false, writeFile: failingAfter(3) }),
    ).rejects.toThrow(BadDataError);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses in-process too, as a UsageError', async () => {
    const root = scratch();
    writeFileSync(join(root, 'x.txt'), 'x');
    await expect(writeReport(doc, load(), '.', ioAt(root), { png: false })).rejects.toThrow(
      UsageError,
    );
  });
  it('interrupted by Ctrl-C (SIGINT), removes its new folder', async () => {
    const root = scratch();
    const child = spawn(process.execPath, [BIN, 'reanalyze', '--out', 'report'], {
      cwd: root,
      stdio: 'ignore',
    });
    const started = Date.now();
    while (leftovers(root).length === 0 && Date.now() - started < 20_000)
      await new Promise((done) => setTimeout(done, 50));
    expect(leftovers(root)).toHaveLength(1);
    child.kill('SIGINT');
    const signal = await new Promise((done) => child.on('exit', (_code, sig) => done(sig)));
    expect(signal).toBe('SIGINT');
    expect(readdirSync(root)).toEqual([]);
  });
});

describe('chart file names', SLOW, () => {
  it('ids differing only in punctuation or script get their own charts, each linked from its question', () => {
    const root = scratch();
    const ids = ['vote 1', 'vote-1', 'vote_1', '内閣支持', '政党支持', 'x'.repeat(300)];
    writeFileSync(join(root, 'poll.csv'), pollWith(ids));
    const r = run(['poll.csv', '--out', 'report'], root);
    expect(r.code, r.stderr).toBe(0);
    const specs = readdirSync(join(root, 'report', 'charts')).filter((n) => n.endsWith('.vl.json'));
    expect(specs).toHaveLength(ids.length * 2); // a share chart and a lead chart each
    for (const name of specs) expect(Buffer.byteLength(name)).toBeLessThan(120);
    const html = readFileSync(join(root, 'report', 'index.html'), 'utf8');
    const articles = html.split('<article class="question"').slice(1);
    expect(articles).toHaveLength(ids.length);
    const anchors = new Set(articles.map((a) => /^ id="([^"]+)"/.exec(a)?.[1]));
    expect(anchors.size).toBe(ids.length);
    articles.forEach((article, i) => {
      expect(article).toContain(`<code>${ids[i]}</code>`);
      const links = [...article.matchAll(/href="(charts\/[^"]+\.vl\.json)"/g)].map((m) => m[1]);
      expect(links).toHaveLength(2);
      for (const link of links) {
        const spec = readFileSync(join(root, 'report', link as string), 'utf8');
        expect(spec, link).toMatch(new RegExp(`\\bA${i}\\b`));
        expect(spec, link).not.toMatch(new RegExp(`\\bA${(i + 1) % ids.length}\\b`));
      }
    });
  });
});
