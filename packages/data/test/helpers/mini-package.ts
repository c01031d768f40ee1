/**
 * A small, valid data package in the toplines layout (the bundled schemas,
 * a few made-up rows), for the error tests: each test breaks one file.
 */

import type { DataPackage } from '../../src/index';
import { bundledDescriptor, parseDataPackage } from '../../src/index';

export const RESULTS_HEADER =
  'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote';

/** The files of the mini package, by path. */
export function miniFiles(): Record<string, string> {
  return {
    'sources.csv':
      'source_id,title,publisher,published,url,document\nsrc,A source,,2025-01-02,,doc.txt\n',
    'surveys.csv':
      'survey_id,title,organization,sponsor,population,country,sample_type,mode,field_start,field_end,n,moe_reported,source_id,notes\n' +
      'poll,A poll,Org,,adults,Japan,probability,online,2025-01-01,2025-01-02,1000,3.1,src,\n',
    'questions.csv':
      'survey_id,question_id,wording,response_type,topic,base,scale_order,notes\n' +
      'poll,q1,Yes or no?,single,topic,all respondents,,\n' +
      'poll,q2,Which ones?,multiple,topic,all respondents,,\n',
    'results.csv':
      `${RESULTS_HEADER}\n` +
      'poll,q1,total,total,yes,40.5,exact,false,1000,src,40.5% said yes\n' +
      'poll,q1,total,total,no,52.0,exact,false,1000,src,52.0% said no\n' +
      'poll,q2,total,total,a,60,exact,false,1000,src,a: 60%\n' +
      'poll,q2,total,total,b,70,exact,false,1000,src,b: 70%\n',
  };
}

/** The mini package with some files replaced. */
export function miniPackage(replace: Record<string, string> = {}): DataPackage {
  const files = { ...miniFiles(), ...replace };
  return parseDataPackage(bundledDescriptor(), (path) => {
    const text = files[path];
    if (text === undefined) throw new Error(`no file ${path}`);
    return text;
  });
}

/** The mini package's results.csv with extra rows appended. */
export function withResultRows(...rows: string[]): Record<string, string> {
  return { 'results.csv': `${miniFiles()['results.csv']}${rows.join('\n')}\n` };
}
