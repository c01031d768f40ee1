// Run from the repository root after `npm run build`:
//   node packages/data/examples/us-impression.mjs
import { leads, load, validate, withIntervals } from '@toplines/data';

const { results, surveys, questions } = load();

// The API/EAI/KEI survey, Japan sample (n = 1,037): impression of the United States
const us = results.filter(
  (d) => d.survey_id === 'api-2025-jp' && d.question_id === 'us-impression',
);

withIntervals(us, { surveys, questions })
  .select('option', 'percent', 'n_used', 'lower', 'upper', 'moe', 'interval_note')
  .print();

leads(us, { surveys, questions })
  .select('option_a', 'option_b', 'difference', 'lower', 'upper', 'p_value', 'significant')
  .print();

console.log(validate(load()).errors.length, 'errors in the bundled data');
