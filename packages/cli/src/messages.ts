// Every user-facing text of the command in one place: help, usage errors,
// data errors and the notes of the report. Messages name the command, the
// option and the value; no final period (the style of the other packages).

const list = (items: readonly string[]) => items.map((s) => `"${s}"`).join(', ');

/** Help texts: one per command, each with an example that runs. */
export const helpText = {
  main: () => `toplines — reanalyse published survey results: how precise is each percentage,
is a lead real, did opinion change, is a printed figure even possible

Usage
  toplines <command> [arguments] [options]

Commands
  reanalyze [FILE]        every bundled survey, or your CSV / datapackage.json: intervals,
                          leads, rounding checks, caveats; --out DIR for an HTML report
  moe [P] --n N           the margin of error of a share (P = 0.5 gives the headline figure)
  ci P --n N              the confidence interval of one share
  lead P1 P2 --n N        is the gap between two options of one question real?
  compare P1 --n1 N1 P2 --n2 N2
                          did two independent polls (or groups) really differ?
  check PERCENT --n N     is this printed percentage possible out of n respondents?
  read ARTICLE            the poll figures of a news article (.txt, .md, .html; - for
                          standard input) as a CSV, or --out DIR for a draft data package
  weigh FILE --weights W  weighted toplines of a respondent file (.csv, .sav, .parquet),
                          design-based: intervals, design effects, crosstabs (--by)
  help [COMMAND]          this text, or a command's

Shares are proportions (0.405) or percentages with their sign (40.5%).

Options
  -h, --help              help for a command: toplines lead --help
  -v, --version           the version

Examples
  npx toplines reanalyze
  npx toplines reanalyze my-poll.csv --out report
  npx toplines lead 40.5% 34.5% --n 1037

Exit codes: 0 success, 1 bad data, 2 usage error. --no-color (or NO_COLOR=1) turns colour off.
`,
  reanalyze: () => `toplines reanalyze — reanalyse every bundled survey, or your own toplines

Usage
  toplines reanalyze [FILE] [options]

With no FILE, the bundled 2025 Japanese surveys on Japan–U.S. relations. FILE is
a CSV of toplines, "-" for standard input, or a Frictionless datapackage.json
(or its folder) with sources, surveys, questions and results. A CSV needs only
question,option,percent (optional: survey, group, n, moe, quote, and any column
of the full results layout: survey_id, question_id, group_dim, group_value,
option, percent, qualifier, is_net, base_n, source_id, quote). Percentages may
be written 40.5, 40.5%, 40,5 (in a file separated by ; or tabs) or ４０．５％;
the separator and the encoding (UTF-8, UTF-16, Shift_JIS, EUC-JP…) are detected.

For each survey and question: every share with its interval, every lead between
options of a single-choice question (paired differences, bounded over the
unknown overlap, for check-all questions), rounding checks (can the percentage
come from a whole count out of n?), the design effect a reported margin
implies, a plain-language sentence per finding, and what each result would be
at plausible sample sizes when n is not reported.

Options
  --method M       interval method: wilson (default), wilson-cc, wald,
                   agresti-coull, clopper-pearson (or exact), jeffreys
  --level L        confidence level: 0.95 (default), 0.9, 99%…
  --deff D         design effect for every survey, > 0; by default ("implied")
                   each survey's own, from the margin it publishes and its n
                   (never below 1; 1 where it publishes none). --deff 1 turns
                   the published margins off
  --adjust A       adjust the p-values of the leads within each question:
                   holm (default), bh (Benjamini-Hochberg) or none
  --assume-n LIST  sample sizes to try where n is unknown (default 500,1000,2000)
  --survey ID      only this survey (repeatable)
  --no-png         with --out, skip the PNG files (faster)
  --out DIR        also write DIR/index.html (charts inline, opens offline),
                   the charts as .vl.json and .png, and results.csv / leads.csv;
                   DIR is new, empty, or a report an earlier run wrote (marked
                   by DIR/.toplines-report), which is replaced as a whole
  --force          with --out, write into a folder that holds other files too:
                   only the report's own files and charts/ are replaced
  --json           print one JSON document (schemaVersion 2) instead of the report;
                   for data that does not validate, every issue as JSON
                   ({ valid: false, input, errors, warnings }), exit 1
  --ndjson         print JSON lines instead: a header, one line per survey as it
                   is analysed, then the summary (for archives; see the README)
  --max-charts N   with --out, draw at most N charts (default 500); the report
                   still lists every question
  --max-questions N  with --out, list at most N questions in index.html
                   (default 2000); the CSVs and reanalysis.json hold them all
  --jobs N         analyse in N threads (default: 1 below 20,000 results rows,
                   else one per core, at most 4); the output is the same
  --strict         treat validation warnings as errors (exit 1), e.g. extra columns,
                   figures no whole count out of n can produce, a missing quote
                   or source document
  --encoding NAME  the CSV's encoding (utf-8, shift_jis, euc-jp, windows-1252,
                   utf-16le…), when the one detected is wrong
  --documents DIR  where a data package's source documents are (default: beside
                   its datapackage.json); its quotes are checked against them
  --bom            with --out, begin results.csv and leads.csv with a UTF-8
                   byte-order mark, so that Excel opens them as UTF-8
  -h, --help       this help

Examples
  npx toplines reanalyze
  npx toplines reanalyze --survey api-2025-jp --method clopper-pearson --level 0.9
  npx toplines reanalyze my-poll.csv --out report && open report/index.html
  pbpaste | npx toplines reanalyze -
  npx toplines reanalyze datasets/datapackage.json --json > reanalysis.json
`,
  moe: () => `toplines moe — the margin of error of a share

Usage
  toplines moe [P] --n N [--level L] [--deff D] [--population N]

The half-width z·√(deff·p(1−p)/n) of a share's interval in a simple random
sample (times the design effect). Without P, p = 0.5: the largest margin for
that n, the one pollsters usually publish. A warning (stderr, and "warnings" in
--json) says when no whole count out of n prints as P (45% of 25: 11/25 = 44%,
12/25 = 48%); not with --deff, whose figures are weighted.

Options
  --n N            sample size (required)
  --level L        confidence level (default 0.95)
  --deff D         design effect (default 1)
  --population N   population size, for the finite population correction
  --json           print JSON
  -h, --help       this help

Examples
  npx toplines moe --n 1037
  npx toplines moe 40.5% --n 1037 --deff 1.5
`,
  ci: () => `toplines ci — the confidence interval of one share

Usage
  toplines ci P --n N [--method M] [--level L] [--deff D] [--rounding]

Options
  --n N            sample size (required)
  --method M       wilson (default), wilson-cc, wald, agresti-coull,
                   clopper-pearson (or exact), jeffreys
  --level L        confidence level (default 0.95)
  --deff D         design effect (default 1)
  --rounding       widen the interval to every share that prints as P (the
                   decimals as typed: 41% covers 40.5% to 41.5%)
  --json           print JSON
  -h, --help       this help

A warning (stderr, and "warnings" in --json) says when no whole count out of n
prints as P, with the decimals as typed (0.45 and 45% have none, 45.0% one);
not with --deff.

Examples
  npx toplines ci 0.405 --n 1037
  npx toplines ci 0.405 --n 1037 --method clopper-pearson
  npx toplines ci 41% --n 1037 --rounding
`,
  lead: () => `toplines lead — is the gap between two options of one question real?

Usage
  toplines lead P1 P2 --n N [--level L] [--deff D] [--multiple [--overlap O]]

Both shares come from one single-choice question in one sample, so the margin of
their difference is larger than either share's (when one rises the other tends
to fall). For two options of a check-all question, add --multiple: the paired
difference, bounded over the share who chose both unless --overlap gives it.

At small counts (share × n / deff below 5 for either option) the large-sample z
test misleads: the p-value then comes from the exact conditional binomial test
of those who chose either option (R's binom.test(xa, xa + xb)), with counts
round(share × n). With --multiple, an exact test needs the overlap: with
--overlap, McNemar's exact test on b = round((P1 − O)·n) and
c = round((P2 − O)·n) when b, c or a share × n is below 5; without it, a
warning. The output names the test. A share no whole count out of n prints as
is warned about, and the test then uses the nearest counts.

Options
  --n N            sample size (required)
  --level L        confidence level (default 0.95)
  --deff D         design effect (default 1)
  --multiple       the options are of a check-all question (shares may overlap)
  --overlap O      with --multiple: the share who chose both, if known
  --json           print JSON
  -h, --help       this help

Examples
  npx toplines lead 0.405 0.345 --n 1037
  npx toplines lead 56.5% 53.2% --n 536 --multiple
  npx toplines lead 30% 10% --n 20
`,
  compare: () => `toplines compare — did two independent samples really differ?

Usage
  toplines compare P1 --n1 N1 P2 --n2 N2 [--level L] [--method M]
  toplines compare SURVEY/QUESTION/OPTION SURVEY/QUESTION/OPTION [--data FILE]

Two polls, two waves, two countries or two disjoint groups: a pooled z test (as
R's prop.test without continuity correction) and an interval for the
difference (Newcombe's by default).

At small counts (an expected count of the 2×2 table below 10, under the pooled
proportion) the p-value comes from Fisher's exact test on the counts
round(P × n) (R's fisher.test), and the difference and interval from those
counts; the interval is then approximate. The output names the test. A share
no whole count out of its n prints as is warned about (45% of 25: 11/25 = 44%,
12/25 = 48%), and the exact test then uses the nearest counts.

By reference, two whole-sample figures of the bundled data (or of --data): each
percentage as printed, its n from base_n or, for an all-respondents question,
the survey's n; then the same test. Warnings (stderr, and "warnings" in --json)
say when the figures come from different constructs, wordings, answers,
populations, countries, modes, sample types or organisations, or when the data
does not say. With an n unknown there is no test: the output gives the smallest
n per poll from which the difference would exceed its margin (--n1/--n2 supply
an n the data lacks). Two figures of one survey are not independent samples:
use toplines lead.

Options
  --n1 N, --n2 N   the two sample sizes (required with shares)
  --level L        confidence level (default 0.95)
  --method M       newcombe (default), wald, agresti-caffo
  --deff1 D, --deff2 D
                   design effects of the two samples (default 1)
  --labels A,B     names for the two samples in the sentence
  --data FILE      with references: a results CSV, a datapackage.json or its
                   folder (default: the bundled data)
  --json           print JSON
  -h, --help       this help

Examples
  npx toplines compare 0.45 --n1 1000 0.18 --n2 1000
  npx toplines compare 45% --n1 1000 18% --n2 1000 --labels "Aug 2024,Aug 2025"
  npx toplines compare 44% --n1 25 20% --n2 25
  npx toplines compare utokyo-2024-08/us-relations-assessment/positive utokyo-2025-08/us-relations-assessment/positive
`,
  check: () => `toplines check — is this printed percentage possible out of n?

Usage
  toplines check PERCENT --n N [--decimals D]

Which whole counts out of n round to the percentage as printed (the GRIM test).
The decimals come from how PERCENT is written: 40.5% has one, 41% none, 51.0%
one (write the trailing zero). Exit code 1 when no count fits.

Options
  --n N            sample size (required)
  --decimals D     the decimals the percentage was printed with, if not as typed
  --json           print JSON
  -h, --help       this help

Examples
  npx toplines check 40.5% --n 1037
  npx toplines check 33.3% --n 1037
`,
  weigh: () => `toplines weigh — weighted toplines of a respondent file, design-based

Usage
  toplines weigh FILE --weights W [--strata S] [--psu C] [--fpc F] [--by G]
                 [--question Q …] [--level L] [--method M] [--json] [--out DIR]

FILE holds one row per respondent: a CSV (.csv, .tsv, .txt; any encoding, its
separator sniffed), an SPSS file (.sav: value labels become the options and the
question's label its wording; user-missing codes are missing) or Parquet
(.parquet). For each question, the weighted share of each answer, with the
interval, the design effect (deff, as R's svymean gives it) and the effective n
(n eff = base n / deff) of the sample's design, as R's survey package computes
them (svymean, svyciprop): strata, clusters (one --psu per stage), finite
population corrections, or replicate weights. Missing answers (an empty cell,
NA, a user-missing code) are left out question by question; base n counts who
answered. --by crosses every question by a column: each of its values is a
domain of the whole design (R's svyby), not a smaller sample.

--json prints the reanalysis of these toplines (the document of toplines
reanalyze --json: intervals at each figure's effective n, leads with the
design's covariance); --out DIR writes its HTML report.

Options
  --weights W          the column of the sampling weights (each above 0); required
  --strata S           the column of the strata (repeat for later stages)
  --psu C              the column of the clusters (PSUs); repeat per stage:
                       --psu district --psu school
  --fpc F              the finite population correction: population sizes or
                       sampling fractions (repeat per stage)
  --nest               PSU ids restart within each stratum
  --lonely-psu X       a stratum with one PSU: fail (default), remove, adjust, average
  --replicates R       replicate weights instead of strata and PSUs: columns
                       separated by commas, or a prefix: repw*
  --replicate-type T   with --replicates: JK1, JKn, BRR, Fay or bootstrap
  --by G               cross every question by column G (repeatable)
  --question Q         a question's column (repeatable, or Q1,Q2); default:
                       every text column and every column with value labels
                       that is not part of the design
  --level L            confidence level (default 95%)
  --method M           interval: logit (default), likelihood, beta or mean
  --engine E           memory (default) or duckdb (files beyond memory)
  --encoding NAME      a CSV's encoding, when detection gets it wrong
  --json               the reanalysis as JSON
  --out DIR            write the HTML report, results and leads CSVs to DIR
  --force              with --out, write into a folder that holds other files too
  -h, --help           this help

Examples
  npx toplines weigh apistrat.sav --weights pw --strata stype --fpc fpc --by stype
  npx toplines weigh apiclus2.csv --weights pw --psu dnum --psu snum --fpc fpc1 --fpc fpc2
  npx toplines weigh survey.parquet --weights w --question q1,q2 --json > reanalysis.json
`,
  read: () => `toplines read — the poll figures of a news article, read by machine

Usage
  toplines read ARTICLE [--out DIR [--force]] [--json] [--format F]

ARTICLE is a .txt, .md or .html file (its extension says which; --format
text|markdown|html overrides it), or - for standard input (text). Every
percentage printed as a share of a survey's respondents ("40.5%", "41 per
cent", "Twenty-six percent", "one in four", "two-thirds", "４０．５％") becomes a
row with the sentence it came from, word for word, and a confidence flag
(high, medium, low); the surveys the article names come with their
organisation, n, published margin of error, fieldwork dates and mode where the
text states them. Other percentages (tariffs, GDP, growth, inflation, turnout,
a change "up 5 points", a range, a figure respondents were shown) are left out
and counted. Nothing is made up: an n the text does not give stays empty.

Prints the rows as a CSV (survey,question,group,option,percent,n,moe,quote,
confidence), which toplines reanalyze reads. How many figures, surveys and
low-confidence rows were read goes to standard error. The figures are read by
machine: check every row against the article. An article with no poll figures
is exit 1, with a message. toplines reanalyze ARTICLE.txt reads and reanalyses
in one step.

Options
  --out DIR        write a draft data package instead: DIR/datapackage.json and
                   sources, surveys, questions and results CSVs in the bundled
                   layout; DIR is new, empty, or a draft an earlier run wrote
  --force          with --out, write into a folder that holds other files too
  --json           print the draft as JSON: rows with their quotes' offsets,
                   surveys with the quote of each fact, rejected percentages
  --format F       text, markdown or html (default: from the extension)
  -h, --help       this help

Examples
  npx toplines read article.txt > figures.csv
  npx toplines read page.html --out draft && npx toplines reanalyze draft
  pbpaste | npx toplines read - --json
`,
};

/** Usage errors (exit 2). */
export const usageText = {
  unknownCommand: (name: string, suggestion: string | null) =>
    `unknown command "${name}"${suggestion === null ? '' : `: did you mean "${suggestion}"?`}`,
  noCommand: () => 'a command is required: reanalyze, read, weigh, moe, ci, lead, compare or check',
  parseArgs: (command: string, message: string, code: string | undefined) => {
    const option = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
      return `${command}: unknown option ${option.split(' ')[0]}`;
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
      return `${command}: option ${option.split(' ')[0]} needs a value`;
    }
    return `${command}: ${message.replace(/\.\s*$/, '').replace(/\. To specify[\s\S]*$/, '')}`;
  },
  missing: (command: string, what: string) => `${command} requires ${what}`,
  percentRange: (command: string, what: string, text: string) =>
    `${command}: ${what} must be a percentage from 0% to 100%, got ${text}`,
  notAShare: (command: string, what: string, text: string) =>
    `${command}: ${what} must be a share such as 0.405 or 40.5%, got "${text}"`,
  percentWithoutSign: (command: string, what: string, text: string) => {
    const value = Number(text);
    const asProportion = Number((value / 100).toPrecision(6));
    return `${command}: ${what} is ${text}, above 1: for a percentage write ${text}% (or the proportion ${asProportion})`;
  },
  negativeShare: (command: string, what: string, text: string) =>
    `${command}: ${what} cannot be negative, got ${text}`,
  notASampleSize: (command: string, name: string, text: string) =>
    `${command}: ${name} must be a sample size, a whole number of at least 1, got "${text}"`,
  badLevel: (command: string, text: string) =>
    `${command}: --level must be a confidence level such as 0.95 or 95%, got "${text}"`,
  badDeff: (command: string, text: string) =>
    `${command}: --deff must be a design effect, a number above 0 such as 1.5, got "${text}"`,
  badChoice: (command: string, name: string, text: string, allowed: readonly string[]) =>
    `${command}: ${name} must be one of ${list(allowed)}, got "${text}"`,
  extraArguments: (command: string, extra: string[]) =>
    `${command}: unexpected argument${extra.length > 1 ? 's' : ''} ${extra.map((e) => `"${e}"`).join(' ')}`,
  badAdjust: (text: string) => `reanalyze: --adjust must be holm, bh or none, got "${text}"`,
  emptySurvey: (text: string) =>
    `reanalyze: --survey must be a survey id (or several, separated by commas), got "${text}"`,
  badAssumeN: (text: string) =>
    `reanalyze: --assume-n must be a list of sample sizes such as 500,1000,2000, got "${text}"`,
  overlapWithoutMultiple: () => 'lead: --overlap applies to check-all questions: add --multiple',
  badLabels: (text: string) =>
    `compare: --labels must be two names separated by a comma, got "${text}"`,
  badDecimals: (text: string) =>
    `check: --decimals must be a whole number from 0 to 10, got "${text}"`,
  seeHelp: (command: string | null) =>
    command === null ? 'see: toplines --help' : `see: toplines ${command} --help`,
};

/** The most threads `reanalyze --jobs` starts. */
export const MAX_JOBS = 64;

/** Where --out may write: refusals are usage errors (exit 2), failures to write data errors (exit 1). */
export const outText = {
  root: (out: string) =>
    `reanalyze: --out ${JSON.stringify(out)} is the root of the file system; name a folder for the report, such as --out report`,
  workingFolder: (out: string) =>
    `reanalyze: --out ${JSON.stringify(out)} is the current folder or one that holds it; name a new folder for the report, such as --out report`,
  symlink: (out: string) =>
    `reanalyze: --out ${JSON.stringify(out)} is a symbolic link; the report is not written through links: name the folder itself`,
  notAFolder: (out: string) =>
    `reanalyze: --out ${JSON.stringify(out)} exists and is not a folder; name a new folder for the report`,
  notEmpty: (out: string, entries: readonly string[]) =>
    `reanalyze: --out ${JSON.stringify(out)} is a folder that holds files of its own (${listSome(entries)}) ` +
    'and is not a report an earlier run wrote; name a new folder, or add --force to replace only ' +
    "the report's files in it (index.html, results.csv, leads.csv, reanalysis.json, charts/)",
  forceWithoutOut: () => 'reanalyze: --force applies to --out DIR: add --out, or leave out --force',
  bomWithoutOut: () =>
    'reanalyze: --bom applies to the CSV files of --out DIR: add --out, or leave out --bom',
  maxChartsWithoutOut: () =>
    'reanalyze: --max-charts applies to --out DIR: add --out, or leave out --max-charts',
  badMaxCharts: (text: string) =>
    `reanalyze: --max-charts must be a whole number ≥ 0, such as 500, got "${text}"`,
  jsonAndNdjson: () => 'reanalyze: --json and --ndjson are two forms of one output: give one',
  chartsCapped: (total: number, drawn: number, max: number, everyQuestion = true) =>
    `${total.toLocaleString('en-US')} charts is more than --max-charts ${max.toLocaleString('en-US')}: ` +
    `${drawn.toLocaleString('en-US')} drawn, the other ${(total - drawn).toLocaleString('en-US')} left out ` +
    `(${everyQuestion ? 'every question is still in the report' : 'of the questions the report lists'}); run with --max-charts ${total} to draw them all`,
  maxQuestionsWithoutOut: () =>
    'reanalyze: --max-questions applies to --out DIR: add --out, or leave out --max-questions',
  badJobs: (text: string) =>
    `reanalyze: --jobs must be a whole number from 1 to ${MAX_JOBS}, such as 2, got "${text}"`,
  badMaxQuestions: (text: string) =>
    `reanalyze: --max-questions must be a whole number ≥ 0, such as 2000, got "${text}"`,
  questionsCapped: (total: number, listed: number, max: number) =>
    `${total.toLocaleString('en-US')} questions is more than --max-questions ${max.toLocaleString('en-US')}: ` +
    `index.html lists the first ${listed.toLocaleString('en-US')}, in report order, and leaves out the other ` +
    `${(total - listed).toLocaleString('en-US')} (a page of every one would be too large to open); ` +
    `results.csv, leads.csv and reanalysis.json hold them all; run with --max-questions ${total} to list them all`,
  cannotCreateIn: (out: string, folder: string, detail: string) =>
    `cannot write the report to ${JSON.stringify(out)}: cannot create a folder in ${JSON.stringify(folder)}: ${detail}`,
  cannotWrite: (out: string, detail: string) =>
    `cannot write the report to ${JSON.stringify(out)}: ${detail}`,
};

function listSome(items: readonly string[]): string {
  const shown = items.slice(0, 3).map((s) => JSON.stringify(s));
  return items.length > 3 ? `${shown.join(', ')} and ${items.length - 3} more` : shown.join(', ');
}

/** Data errors (exit 1) and warnings. */
/** An encoding as people write it: "Shift_JIS", "EUC-JP", "windows-1252", "UTF-16LE". */
function encodingLabel(encoding: string): string {
  if (encoding === 'shift_jis') return 'Shift_JIS';
  return encoding.startsWith('windows-') ? encoding : encoding.toUpperCase();
}

export const dataText = {
  emptyFile: (file: string) =>
    `${file} is empty: expected a CSV with a header row (question,option,percent at the least, or the full results layout survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote) or a datapackage.json`,
  stdinName: () => 'standard input',
  articleTitle: (path: string) => `article ${path}, figures read by machine`,
  machineRead: () =>
    'The figures were read by machine from an article (toplines read): check every row against the article before relying on these results.',
  emptyStdin: () =>
    'standard input is empty: with FILE "-", pipe a CSV into the command (toplines reanalyze - < my-poll.csv), with a header row such as question,option,percent',
  encodingGuessed: (file: string, encoding: string) =>
    `read ${file} as ${encodingLabel(encoding)}, the encoding guessed from its bytes; if its text looks wrong, give the right one with --encoding (e.g. --encoding ${encoding === 'shift_jis' ? 'windows-1252' : 'shift_jis'})`,
  noRows: (file: string) => `${file} has a header but no data rows: nothing to reanalyse`,
  noResults: (file: string) =>
    `${file} has no "results" resource: a toplines data package needs results (and ideally sources, surveys, questions)`,
  invalid: (file: string, errors: number, warnings: number) =>
    `${file} is not valid: ${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
  strictWarnings: (file: string, warnings: number) =>
    `${file}: ${warnings} warning${warnings === 1 ? '' : 's'} and --strict was given`,
  moreIssues: (count: number) => `… and ${count} more (use --json to see every issue)`,
  unknownSurvey: (id: string, known: string[]) =>
    `no survey "${id}" in the data; the surveys are ${known.map((k) => `"${k}"`).join(', ')}`,
  impossible: (percent: string, n: number) =>
    `${percent} is not possible out of ${n.toLocaleString('en-US')}: no whole count rounds to it`,
  notFound: (path: string) => `cannot read "${path}": no such file or folder`,
  unreadable: (path: string, detail: string) => `cannot read "${path}": ${detail}`,
  noDescriptor: (path: string) =>
    `${path} is a folder without a datapackage.json: give a results CSV, a datapackage.json, or the folder that holds one`,
  internal: (message: string) =>
    `internal error: ${message}\nThis is a bug in toplines, not in your data: please report it to the toplines maintainers with the command you ran (TOPLINES_DEBUG=1 prints the stack)`,
};

/**
 * The one-off commands at small n (#13): impossible percentages, which test
 * gave the p-value, and why. Warnings go to stderr and into the `warnings`
 * array of `--json`.
 */
export const smallSampleText = {
  /** "45% is not possible out of 25: … the nearest possible figures are 11/25 = 44% and 12/25 = 48%". */
  impossiblePercent: (printed: string, n: number, nearest: readonly string[]) =>
    `${dataText.impossible(printed, n)}; the nearest possible figure${nearest.length === 1 ? ' is' : 's are'} ${nearest.join(' and ')}`,
  /** The counts an exact test used when a figure given is impossible at its n. */
  nearestCounts: (counts: readonly string[]) =>
    `a figure given is not possible at its n, so the exact test runs on the nearest whole counts (${counts.join(' and ')}): its p-value is then approximate`,
  /** With a design effect, an exact test runs on effective counts. */
  effectiveCounts: () =>
    'with a design effect, the exact test runs on effective counts (share × n / deff, rounded), so its p-value is approximate',
  compareSmall: (smallest: number, threshold: number, counts: string, method: string) =>
    `an expected count is ${smallest.toFixed(1)}, below ${threshold}: the large-sample z test would mislead here, so the p-value is from Fisher's exact test on the counts ${counts}; the interval (${method}) is approximate at these counts`,
  leadSmall: (smallest: number, threshold: number, either: number) =>
    `an expected count is ${smallest.toFixed(1)}, below ${threshold}: the large-sample z test would mislead here, so the p-value is from the exact conditional binomial test of the ${either} who chose either option; the interval is approximate at these counts`,
  pairedNeedsOverlap: (smallest: number, threshold: number) =>
    `an expected count is ${smallest.toFixed(1)}, below ${threshold}: the large-sample paired test may mislead here; an exact McNemar test needs the share who chose both: give it with --overlap`,
  pairedSmall: (smallest: number, threshold: number, b: number, c: number) =>
    `a discordant count is ${smallest.toFixed(1)}, below ${threshold}: the large-sample paired test would mislead here, so the p-value is from McNemar's exact test (${b} chose only the first option, ${c} only the second); the interval is approximate at these counts`,
  compareExactSentence: (
    names: readonly [string, string],
    shares: readonly [string, string],
    difference: string,
    p: string,
    verdict: string,
    level: string,
    interval: string,
    method: string,
  ) =>
    `${names[0]} ${shares[0]} vs ${names[1]} ${shares[1]}: a difference of ${difference} points; Fisher's exact test gives ${p}, ${verdict}. The ${level} interval, ${interval} points (${method}), is approximate at these counts.`,
  leadExactSentence: (
    names: readonly [string, string],
    shares: readonly [string, string],
    n: number,
    lead: string,
    either: number,
    counts: readonly [number, number],
    p: string,
    verdict: string,
    level: string,
    half: string,
  ) =>
    `${names[0]} ${shares[0]} vs ${names[1]} ${shares[1]} (n = ${n.toLocaleString('en-US')}): a ${lead}-point lead; the exact conditional binomial test of the ${either} who chose either option (${counts[0]} vs ${counts[1]}) gives ${p}, ${verdict}. Its ${level} margin, ±${half} points, is a large-sample one and approximate at these counts.`,
  pairedExactSentence: (
    names: readonly [string, string],
    shares: readonly [string, string],
    n: number,
    overlap: string,
    difference: string,
    b: number,
    c: number,
    p: string,
    verdict: string,
    level: string,
    interval: string,
  ) =>
    `${names[0]} ${shares[0]} vs ${names[1]} ${shares[1]} (check-all question, n = ${n.toLocaleString('en-US')}), ${overlap} choosing both: a difference of ${difference} points; McNemar's exact test (${b} chose only the first, ${c} only the second) gives ${p}, ${verdict}. The ${level} interval, ${interval} points, is a large-sample one and approximate at these counts.`,
  /** The name of the test that gave the p-value, as the output says it. */
  testName: (test: OneOffTest) => TEST_NAMES[test],
  /** "not significant at the 5% level" or "significant at the 5% level", by the exact p-value. */
  verdict: (p: number, level: number) =>
    `${p < 1 - level ? 'significant' : 'not significant'} at the ${Number((100 * (1 - level)).toFixed(4))}% level`,
};

/** Which test gave a one-off command's p-value (the `test` field of its `--json`). */
export type OneOffTest =
  | 'z'
  | 'fisher'
  | 'exact-binomial'
  | 'paired-z'
  | 'paired-bounds'
  | 'mcnemar-exact';

const TEST_NAMES: Record<OneOffTest, string> = {
  z: 'large-sample z test',
  fisher: "Fisher's exact test",
  'exact-binomial': 'exact conditional binomial test',
  'paired-z': 'large-sample paired z test',
  'paired-bounds': 'large-sample paired z test, bounded over the overlap',
  'mcnemar-exact': "McNemar's exact test",
};

/** One side of a comparison by reference, as {@link compareText} names it. */
export interface FigureName {
  /** `SURVEY/QUESTION/OPTION` as the data spells it. */
  reference: string;
  surveyId: string;
}

const quoted = (s: string) => `“${s}”`;

/**
 * `toplines compare SURVEY/QUESTION/OPTION SURVEY/QUESTION/OPTION` (#16):
 * usage errors for a reference it cannot use, and the comparability warnings
 * — whether the two figures answer the same question of the same population
 * in the same way. Each warning is one sentence, with the values the data records.
 */
export const compareText = {
  mixedForms: (shares: string, references: string) =>
    `compare takes two shares with --n1 and --n2 (45% --n1 1000 18% --n2 1000) or two references SURVEY/QUESTION/OPTION, not one of each: got the share ${shares} and the reference ${references}`,
  dataWithShares: () =>
    'compare: --data applies to references (SURVEY/QUESTION/OPTION); with shares, give --n1 and --n2',
  badReference: (text: string) =>
    `compare: a reference is SURVEY/QUESTION/OPTION (the option may contain "/"), got "${text}"`,
  unknownSurvey: (text: string, id: string, close: readonly string[]) =>
    `compare: no survey "${id}" in the data (reference "${text}")${close.length === 0 ? '' : `; the closest survey ids are ${list(close)}`}`,
  unknownQuestion: (text: string, surveyId: string, id: string, close: readonly string[]) =>
    `compare: survey "${surveyId}" has no question "${id}" (reference "${text}")${close.length === 0 ? '' : `; its closest questions are ${list(close)}`}`,
  unknownOption: (text: string, question: string, option: string, options: readonly string[]) =>
    `compare: ${question} has no option "${option}" (reference "${text}")${options.length === 0 ? '' : `; its options are ${list(options)}`}`,
  onlySubgroups: (text: string, groups: readonly string[]) =>
    `compare: ${text} has no whole-sample figure, only figures for ${groups.join(', ')}; compare takes whole-sample figures`,
  ambiguous: (text: string, rows: number) =>
    `${text} matches ${rows} whole-sample rows of the data: a reference must name one figure`,
  noPercent: (text: string) => `${text} has no percentage in the data: nothing to compare`,
  sameSurvey: (surveyId: string, suggestion: string, sameQuestion: boolean) =>
    `compare: both figures are from survey "${surveyId}": ${sameQuestion ? 'two options of one poll' : 'two questions of one poll'} come from the same respondents, not from independent samples, so compare's test does not apply; use toplines lead instead: ${suggestion}`,
  nGivenTwice: (option: string, reference: string, n: number) =>
    `compare: ${option} gives the n of ${reference}, but the data already gives it (n = ${n.toLocaleString('en-US')}); leave out ${option}`,

  differentConstruct: (a: FigureName, ca: string, b: FigureName, cb: string) =>
    `the questions table links these figures to different constructs, "${ca}" (${a.reference}) and "${cb}" (${b.reference}): they measure different things, so their difference is not a change of opinion`,
  notLinked: (unlinked: readonly FigureName[]) =>
    `these questions are not linked as measuring the same thing: ${unlinked.map((f) => f.reference).join(' and ')} ${unlinked.length === 1 ? 'has' : 'have'} no construct in the questions table, so a difference between the figures may be a difference of question`,
  differentWording: (a: FigureName, wa: string, b: FigureName, wb: string) =>
    `the questions are worded differently, as the data records them: ${quoted(wa)} (${a.surveyId}) and ${quoted(wb)} (${b.surveyId}); a change can be a change of question`,
  differentOption: (a: FigureName, oa: string, b: FigureName, ob: string) =>
    `the answers compared differ: ${quoted(oa)} (${a.surveyId}) and ${quoted(ob)} (${b.surveyId}); answers with other labels, on scales that may differ, are not the same measure`,
  differentBase: (a: FigureName, ba: string, b: FigureName, bb: string) =>
    `the figures are shares of different bases: ${quoted(ba)} (${a.surveyId}) and ${quoted(bb)} (${b.surveyId})`,
  differentPopulation: (a: FigureName, pa: string, b: FigureName, pb: string) =>
    `the surveys' populations differ as the data records them: ${quoted(pa)} (${a.surveyId}) and ${quoted(pb)} (${b.surveyId}); part of a difference may be who was asked`,
  differentCountry: (a: FigureName, ca: string, b: FigureName, cb: string) =>
    `the surveys are of different countries, ${ca} (${a.surveyId}) and ${cb} (${b.surveyId}): a difference between them is one between countries, not a change over time`,
  differentMode: (a: FigureName, ma: string, b: FigureName, mb: string) =>
    `the surveys used different modes, ${ma} (${a.surveyId}) and ${mb} (${b.surveyId}): people answer the same question differently online, by telephone and face to face, so part of the difference may be the mode`,
  differentSampleType: (a: FigureName, sa: string, b: FigureName, sb: string) =>
    `the samples are of different types, ${sa} (${a.surveyId}) and ${sb} (${b.surveyId}): an opt-in sample has no sampling margin in the usual sense (AAPOR), and the two may differ by who takes part`,
  differentOrganization: (a: FigureName, oa: string, b: FigureName, ob: string) =>
    `the surveys are by different organisations, ${oa} (${a.surveyId}) and ${ob} (${b.surveyId}): their sampling, weighting and question order differ, and such house effects are part of any difference`,
  notStated: (missing: readonly string[]) =>
    `the data does not state ${missing.join(', nor ')}: whether the two were collected the same way cannot be checked`,
  noMetadata: () =>
    'the data has no surveys or questions table, so whether the two figures measure the same thing, in the same population and the same way, cannot be checked',
  qualified: (reference: string, printed: string, qualifier: string) =>
    `the data marks ${printed} (${reference}) as ${qualifier === 'approx' ? 'approximate' : qualifier === 'more-than' ? 'a lower bound ("more than")' : qualifier === 'less-than' ? 'an upper bound ("less than")' : `"${qualifier}"`}: the comparison takes it as printed`,
  assumedN: (reference: string, option: string, n: number) =>
    `the data gives no n for ${reference}: the test uses ${n.toLocaleString('en-US')}, from ${option}`,
  nUnknown: (unknown: readonly string[], options: readonly string[]) =>
    `the data gives no n for ${unknown.join(' and ')} (no base_n, and a survey's n counts only for a whole-sample figure of an all-respondents question): no test can be made; give ${options.join(' and ')} to test at an n you know`,
  minimumN: (
    difference: string,
    unknown: 'both' | 'first' | 'second',
    n: number | null,
    limit: number,
  ) =>
    n === null
      ? `A difference of ${difference} points: at no n up to ${limit.toLocaleString('en-US')} ${unknown === 'both' ? 'per poll' : `for the ${unknown} poll`} is it larger than its margin of error.`
      : `A difference of ${difference} points: larger than its margin of error at every n ${unknown === 'both' ? 'per poll' : `of the ${unknown} poll`} from ${n.toLocaleString('en-US')} on, of the n up to ${limit.toLocaleString('en-US')} at which ${unknown === 'both' ? 'both printed figures are' : 'its printed figure is'} possible (Fisher's exact test below an expected count of 10).`,
};

/** `toplines read` (#14): its messages, refusals and failures. */
export const readText = {
  summary: (
    figures: number,
    surveys: number,
    withN: number,
    medium: number,
    low: number,
    rejected: number,
  ) =>
    `read ${figures} poll figure${figures === 1 ? '' : 's'} of ${surveys} survey${surveys === 1 ? '' : 's'} (${withN} with a stated n); ${medium} of medium and ${low} of low confidence; ${rejected} other percentage${rejected === 1 ? '' : 's'} left out`,
  checkEveryRow: () => 'read by machine: check every row against the article',
  machineRead: (path: string, figures: number) =>
    `the ${figures} figure${figures === 1 ? ' was' : 's were'} read by machine from ${path} (toplines read): check every one against the article`,
  noFigures: (path: string, rejected: number) =>
    `no poll figures found in ${path === '-' ? 'standard input' : path}${rejected > 0 ? `: ${rejected} percentage${rejected === 1 ? ' was' : 's were'} read and left out as no share of survey respondents` : ''}`,
  rejectedLine: (figure: string, why: string) => `${figure}: ${why}`,
  badFormat: (text: string) => `read: --format must be text, markdown or html, got "${text}"`,
  forceWithoutOut: () => 'read: --force applies to --out DIR: add --out, or leave out --force',
  jsonAndOut: () => 'read: --json prints the draft; --out DIR writes it: give one',
  notFound: (path: string) => `cannot read "${path}": no such file`,
  isFolder: (path: string) => `"${path}" is a folder: give an article, a .txt, .md or .html file`,
  unreadable: (path: string, detail: string) => `cannot read "${path}": ${detail}`,
  empty: (path: string) => `${path} is empty: nothing to read`,
  emptyStdin: () => 'standard input is empty: pipe an article into toplines read -',
  outRoot: (out: string) =>
    `read: --out ${JSON.stringify(out)} is the root of the file system; name a folder for the draft, such as --out draft`,
  outWorkingFolder: (out: string) =>
    `read: --out ${JSON.stringify(out)} is the current folder or one that holds it; name a new folder for the draft, such as --out draft`,
  outSymlink: (out: string) =>
    `read: --out ${JSON.stringify(out)} is a symbolic link; the draft is not written through links: name the folder itself`,
  outNotAFolder: (out: string) =>
    `read: --out ${JSON.stringify(out)} exists and is not a folder; name a new folder for the draft`,
  outNotEmpty: (out: string, entries: readonly string[]) =>
    `read: --out ${JSON.stringify(out)} is a folder that holds files of its own (${listSome(entries)}) and is not a draft an earlier run wrote; name a new folder, or add --force to replace only the draft's files in it (datapackage.json and the four CSVs)`,
  cannotCreateIn: (out: string, folder: string, detail: string) =>
    `cannot write the draft to ${JSON.stringify(out)}: cannot create a folder in ${JSON.stringify(folder)}: ${detail}`,
  cannotWrite: (out: string, detail: string) =>
    `cannot write the draft to ${JSON.stringify(out)}: ${detail}`,
};

/** The texts of `toplines weigh`. */
export const weighText = {
  noFile: () => 'weigh requires FILE, a respondent file (.csv, .tsv, .sav or .parquet)',
  badExtension: (file: string) =>
    `weigh: cannot tell what ${JSON.stringify(file)} is from its name: FILE is a .csv, .tsv, .txt, .sav or .parquet`,
  badMethod: (text: string) =>
    `weigh: --method must be logit, likelihood, beta or mean, got ${JSON.stringify(text)}`,
  badEngine: (text: string) =>
    `weigh: --engine must be memory or duckdb, got ${JSON.stringify(text)}`,
  replicatesTogether: () =>
    'weigh: --replicates and --replicate-type go together: name the columns and the method (JK1, JKn, BRR, Fay, bootstrap)',
  noQuestions: () =>
    'weigh: no question to tabulate: name one with --question (the file has no text or labelled column outside the design)',
  chosenQuestions: (questions: readonly string[]) =>
    `questions: ${questions.join(', ')} (every text or labelled column outside the design; --question to choose)`,
  noDuckDb: () =>
    'weigh: --engine duckdb is not available in this build: use --engine memory (the default)',
  title: (file: string) => `respondent-level data: ${file} (weighted, design-based)`,
  designEffects: () =>
    "each figure's design effect from the respondent-level design (its effective n p(1 − p)/se²)",
  fixedShares: (group: string, options: readonly string[]) =>
    `note: ${group}: the design fixes ${options.length === 1 ? 'the share' : 'the shares'} of ${options.join(', ')} (no sampling variance: the sample was stratified on it, or all its PSUs were taken with certainty), so se 0, the interval is the share itself, deff 0 and no effective n (—)`,
  legend: (method: string, level: number, df: number) =>
    `${method} intervals at ${Math.round(level * 1000) / 10}% (t with ${df} degrees of freedom); deff: the design effect (R's svymean); n eff: base n / deff`,
} as const;

/** The messages of the DuckDB engine of `toplines weigh --engine duckdb` (weigh/duckdb.ts). */
export const duckDbText = {
  notInstalled: () =>
    'weigh: --engine duckdb needs the package @duckdb/node-api (embedded DuckDB, about 70 MB with its native binary), which is not installed with the CLI: run `npm install @duckdb/node-api` beside it, or use --engine memory',
  noSav: (file: string) =>
    `weigh: DuckDB reads CSV and Parquet files, not SPSS: ${JSON.stringify(file)} needs --engine memory (or save it as CSV or Parquet)`,
  multistageFpc: () =>
    'weigh: --engine duckdb gives the variance of one-stage designs (and of the first stage, without fpc): a multistage design with fpc at later stages needs the respondents, --engine memory',
  encoding: (encoding: string) =>
    `weigh: DuckDB reads CSV files in utf-8, utf-16 or latin-1, got --encoding ${JSON.stringify(encoding)}: convert the file, or use --engine memory`,
  unknownColumns: (file: string, missing: readonly string[], columns: readonly string[]) =>
    `weigh: found no column ${missing.map((c) => JSON.stringify(c)).join(', ')} in ${JSON.stringify(file)}; its columns are ${columns.map((c) => JSON.stringify(c)).join(', ')}`,
} as const;
