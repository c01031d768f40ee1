/**
 * Writes a made-up archive of toplines in the results layout: `surveys` ×
 * `questions` × `options` rows (default 400 × 100 × 5 = 200,000), seeded.
 * Resolves with the number of data rows written.
 */
export function generateArchive(
  path: string,
  surveys?: number,
  questions?: number,
  options?: number,
): Promise<number>;
