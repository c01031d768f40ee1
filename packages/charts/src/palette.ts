/**
 * The Okabe–Ito palette: eight colours that people with the common forms of
 * colour-vision deficiency can tell apart. The charts use these for
 * categories (blue first), and a blue–orange ramp for diverging scales.
 *
 * Reference: Okabe & Ito (2008), "Color Universal Design (CUD): How to make
 * figures and presentations that are friendly to colorblind people",
 * https://jfly.uni-koeln.de/color/
 *
 * @example
 * OKABE_ITO.blue; // => '#0072B2'
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * The order in which the charts give Okabe–Ito colours to categories
 * (yellow last: it is hard to see on white).
 *
 * @example
 * CATEGORY_COLORS[0]; // => '#0072B2'
 */
export const CATEGORY_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Blues for the first pole of a diverging scale, from the middle outwards. Internal. */
export const FIRST_POLE = ['#92c5de', '#4393c3', '#2166ac', '#053061'];
/** Oranges for the second pole of a diverging scale, from the middle outwards. Internal. */
export const SECOND_POLE = ['#fdb863', '#e08214', '#b35806', '#7f3b08'];
/** The middle of a diverging scale. Internal. */
export const MIDDLE = '#c8c8c8';
/** Answers off the scale (don't know, no answer…). Internal. */
export const APART = ['#8c8c8c', '#a9a9a9', '#6e6e6e'];
/** The share a source does not account for. Internal. */
export const NOT_REPORTED = '#e4e4e4';
/**
 * The colour of text, rules and the zero line in every chart (near-black).
 *
 * @example
 * INK; // => '#222222'
 */
export const INK = '#222222';

/**
 * The colour of secondary text: subtitles, axis and legend titles.
 *
 * @example
 * MUTED; // => '#555555'
 */
export const MUTED = '#555555';

/** The colours of a side of a diverging scale with `k` options, middle outwards. Internal. */
export function poleColors(ramp: readonly string[], k: number): string[] {
  if (k <= 1) return [ramp[1] as string];
  if (k === 2) return [ramp[0] as string, ramp[2] as string];
  if (k === 3) return ramp.slice(0, 3);
  return Array.from({ length: k }, (_, i) => ramp[Math.min(i, ramp.length - 1)] as string);
}

/** True for a colour dark enough to need white text on it. Internal. */
export function isDark(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (m === null) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => Number.parseInt(h as string, 16) / 255) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
