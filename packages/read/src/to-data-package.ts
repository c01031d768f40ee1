import {
  bundledDescriptor,
  type DataPackage,
  type DataPackageDescriptor,
  parseDataPackage,
  type TableSchemaDescriptor,
} from '@toplines/data';
import { type Cell, csvText } from './csv';
import { packageText } from './messages';
import { isFollowUp } from './rules';
import type { ArticleDraft, DraftRow, DraftSurvey } from './types';

/** A draft data package: in memory, and as the files of a folder (name → text). */
export interface DraftFiles {
  /** The package as @toplines/data reads it (validate it, reanalyse it). */
  pkg: DataPackage;
  /** datapackage.json and the four CSVs, as written by `toplines read --out DIR`. */
  files: Readonly<Record<string, string>>;
}

/**
 * The draft as a Frictionless data package in the full layout of the
 * bundled data — sources, surveys, questions, results, with the Table
 * Schemas of `bundledDescriptor()` — both parsed (by `parseDataPackage`) and
 * as files. What the article does not state is left empty where the schema
 * allows it, and said as "not stated in the article" where it requires a
 * value (organisation, population, country); `sample_type` and an unstated
 * `mode` are `unknown`. Each whole-sample row of a question asked of all
 * respondents gets the survey's n as `base_n`. A question's `response_type`
 * is a guess — `multiple` when its options sum past 100% or it lists
 * reasons, else `single` — and its notes say so.
 *
 * @param draft - what {@link readArticle} returned
 * @returns the package and its files
 * @example
 * const { pkg, files } = toDataPackage(readArticle('A Gallup poll of 1,015 adults: 41% said yes.'));
 * pkg.results?.array('percent'); // => [41]
 * Object.keys(files); // => ['datapackage.json', 'sources.csv', 'surveys.csv', 'questions.csv', 'results.csv']
 */
export function toDataPackage(draft: ArticleDraft): DraftFiles {
  const bundled = bundledDescriptor();
  const sourceId = sourceIdOf(draft.source);
  const descriptor: DataPackageDescriptor = {
    ...bundled,
    name: `draft-${sourceId}`.slice(0, 60),
    title: `Poll figures read by machine from ${draft.source ?? 'an article'}`,
    description: `A draft read by machine (toplines read) from ${draft.source ?? 'an article'}: every row quotes the sentence it came from. Check every row against the article before relying on it.`,
    version: '0.0.0',
  };
  for (const k of ['licenses', 'contributors', 'sources', 'keywords'] as const)
    delete descriptor[k];
  const schemaOf = (name: string) =>
    (descriptor.resources.find((r) => r.name === name)?.schema ?? {
      fields: [],
    }) as TableSchemaDescriptor;
  const tables: Record<string, Record<string, Cell>[]> = {
    sources: [
      {
        source_id: sourceId,
        title: draft.title === '' ? packageText.notStated : draft.title,
        document: documentOf(draft.source),
      },
    ],
    surveys: draft.surveys.map((s) => surveyRow(s, sourceId)),
    questions: questionRows(draft.rows),
    results: draft.rows.map((r) => ({
      survey_id: r.survey,
      question_id: r.questionId,
      group_dim: r.groupDim,
      group_value: r.group ?? 'total',
      option: r.option,
      percent: r.value,
      qualifier: r.qualifier,
      is_net: r.isNet ? 'true' : 'false',
      base_n: r.n,
      source_id: sourceId,
      quote: r.quote.text,
    })),
  };
  const files: Record<string, string> = {
    'datapackage.json': `${JSON.stringify(descriptor, null, 2)}\n`,
  };
  for (const resource of descriptor.resources) {
    const fields = schemaOf(resource.name).fields.map((f) => f.name);
    files[resource.path] = csvText(
      fields,
      (tables[resource.name] ?? []).map((row) => fields.map((f) => row[f] ?? null)),
    );
  }
  const pkg = parseDataPackage(files['datapackage.json'] as string, (path) => {
    const text = files[path];
    if (text === undefined) throw new Error('not written');
    return text;
  });
  return { pkg, files };
}

function sourceIdOf(source: string | null): string {
  const base = documentOf(source).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return id === '' ? 'article' : id;
}

function documentOf(source: string | null): string {
  if (source === null || source === '' || source === '-')
    return source === '-' ? 'stdin' : 'article';
  const base = source.split(/[\\/]/).pop() ?? '';
  return base === '' ? 'article' : base;
}

function surveyRow(s: DraftSurvey, sourceId: string): Record<string, Cell> {
  const who = s.organization?.value ?? s.name?.value ?? null;
  const facts: string[] = [];
  const note = (what: string, fact: { quote: { text: string } } | null) => {
    if (fact !== null) facts.push(packageText.fact(what, fact.quote.text));
  };
  note('Organisation', s.organization);
  note('Name', s.name);
  note('n', s.n);
  note('Samples', s.samples);
  note('Margin of error', s.moe);
  note('Fieldwork', s.fieldwork);
  note('Mode', s.mode);
  if (s.earlierOf !== null) facts.unshift(packageText.earlierNote(s.earlierOf));
  return {
    survey_id: s.key,
    title:
      s.earlierOf !== null
        ? packageText.earlierTitle(s.earlierOf, s.fieldwork?.value.text ?? null)
        : (s.name?.value ?? packageText.surveyTitle(who, s.key)),
    organization: s.organization?.value ?? packageText.notStated,
    population: packageText.notStated,
    country: packageText.notStated,
    sample_type: 'unknown',
    mode: s.mode?.value ?? 'unknown',
    field_start: s.fieldwork?.value.start ?? null,
    field_end: s.fieldwork?.value.end ?? null,
    n: s.n?.value ?? null,
    moe_reported: s.moe?.value ?? null,
    source_id: sourceId,
    notes: packageText.surveyNotes(facts),
  };
}

function questionRows(rows: readonly DraftRow[]): Record<string, Cell>[] {
  const out: Record<string, Cell>[] = [];
  const seen = new Map<string, DraftRow[]>();
  for (const r of rows) {
    const k = `${r.survey}\u0000${r.questionId}`;
    const list = seen.get(k);
    if (list === undefined) seen.set(k, [r]);
    else list.push(r);
  }
  for (const list of seen.values()) {
    const first = list[0] as DraftRow;
    const sum = list
      .filter((r) => r.group === null && !r.isNet)
      .reduce((total, r) => total + r.percent, 0);
    const followUp = isFollowUp(first.question);
    const responseType = sum > 101 || /\breasons?\b/i.test(first.question) ? 'multiple' : 'single';
    out.push({
      survey_id: first.survey,
      question_id: first.questionId,
      wording: first.question,
      response_type: responseType,
      topic: 'read-from-article',
      base: followUp ? packageText.followUpBase : 'all respondents',
      notes: packageText.questionNotes(responseType, sum),
    });
  }
  return out;
}
