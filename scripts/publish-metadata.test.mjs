// Tests of scripts/publish-metadata.mjs (node --test): the address read from
// a `repository` field, the fields a package gets, and README links made
// absolute — images to the raw file, links to the file's page, anchors,
// schemes, code spans and fences kept. The address below is an example.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { absoluteLinks, packageFields, webAddress } from './publish-metadata.mjs';

const WEB = 'https://github.com/example/toplines';

test('webAddress reads every form npm accepts, and null for none', () => {
  assert.equal(webAddress('github:example/toplines'), WEB);
  assert.equal(webAddress('example/toplines'), WEB);
  assert.equal(
    webAddress({ type: 'git', url: 'git+https://github.com/example/toplines.git' }),
    WEB,
  );
  assert.equal(
    webAddress('https://gitlab.com/group/sub/toplines/'),
    'https://gitlab.com/group/sub/toplines',
  );
  assert.equal(webAddress(undefined), null);
  assert.equal(webAddress({ url: '' }), null);
  assert.throws(() => webAddress('ssh://git@host:toplines'), /cannot read a web address/);
});

test('packageFields point at the package folder', () => {
  assert.deepEqual(packageFields(WEB, 'packages/core'), {
    repository: { type: 'git', url: `git+${WEB}.git`, directory: 'packages/core' },
    homepage: `${WEB}/tree/main/packages/core#readme`,
    bugs: { url: `${WEB}/issues` },
  });
});

test('absoluteLinks: relative links and images become absolute, the rest is kept', () => {
  const readme = [
    'See [`@toplines/data`](../data/README.md) and [the fonts](fonts/README.md#licence).',
    '![A chart](docs/share-chart.png "title")',
    'Already absolute: [site](https://example.org/x), [a section](#usage), [mail](mailto:a@b.c).',
    'In code: `[x](y.md)` stays.',
    '```md',
    '[inside](a fence.md)',
    '[inside](fence.md)',
    '```',
  ].join('\n');
  const out = absoluteLinks(readme, WEB, 'packages/charts').split('\n');
  assert.equal(
    out[0],
    `See [\`@toplines/data\`](${WEB}/blob/main/packages/data/README.md) and [the fonts](${WEB}/blob/main/packages/charts/fonts/README.md#licence).`,
  );
  assert.equal(out[1], `![A chart](${WEB}/raw/main/packages/charts/docs/share-chart.png "title")`);
  assert.equal(out[2], readme.split('\n')[2]);
  assert.equal(out[3], readme.split('\n')[3]);
  assert.equal(out[6], '[inside](fence.md)');
});

test('absoluteLinks refuses a link that leaves the repository', () => {
  assert.throws(
    () => absoluteLinks('[x](../../../etc/passwd)', WEB, 'packages/cli'),
    /leaves the repository/,
  );
});
