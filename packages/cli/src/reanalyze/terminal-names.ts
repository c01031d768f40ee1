/** The names of the interval methods, as the header prints them. */
export const METHOD_NAMES: Record<string, string> = {
  wilson: 'Wilson score',
  'wilson-cc': 'Wilson score with continuity correction',
  wald: 'Wald',
  'agresti-coull': 'Agresti–Coull',
  'clopper-pearson': 'Clopper–Pearson (exact)',
  jeffreys: 'Jeffreys',
};
