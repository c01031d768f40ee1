import { binomialTwoSidedPValue } from './binomial-test';
import { ToplinesError } from './errors';
import { checkCount } from './exact-options';
import { chiSquareSurvival } from './special/chi-square-survival';
import { show } from './validate';

/** The result of {@link mcnemarExactTest}. */
export interface McNemarExactTest {
  /** What this result is: `'mcnemar-exact'`. */
  kind: 'mcnemar-exact';
  /** The exact two-sided p-value: R `binom.test(b, b + c)$p.value` (1 when b + c = 0). */
  pValue: number;
  /** McNemar's large-sample statistic (b − c)² / (b + c), without continuity correction (0 when b + c = 0). */
  statistic: number;
  /** Its p-value under χ²(1): R `mcnemar.test(…, correct = FALSE)$p.value` (1 when b + c = 0). */
  largeSamplePValue: number;
  /** The first discordant count, as given. */
  b: number;
  /** The second discordant count, as given. */
  c: number;
}

/**
 * McNemar's exact test for paired yes/no answers.
 *
 * When the same respondents answer twice (two waves of a panel, or two options of a check-all
 * question), only the discordant pairs carry information: b said yes to the first and no to
 * the second, c the reverse. Under the hypothesis that the two shares are equal, b is
 * binomial with b + c trials and probability ½, so the exact p-value is that of the two-sided
 * binomial test. McNemar's large-sample statistic (b − c)²/(b + c), referred to χ²(1), is
 * given beside it; it wants b + c of about 25 or more. With no discordant pairs there is no
 * evidence of a difference: the p-values are 1 and the statistic 0 (R's `binom.test` refuses
 * n = 0 and `mcnemar.test` returns NaN there).
 *
 * Reference: McNemar (1947), "Note on the sampling error of the difference between
 * correlated proportions or percentages", Psychometrika 12(2):153–157; Fagerland, Lydersen
 * & Laake (2013), "The McNemar test for binary matched-pairs data: mid-p and asymptotic are
 * better than exact conditional", BMC Medical Research Methodology 13:91,
 * https://doi.org/10.1186/1471-2288-13-91
 *
 * Cost: O(log(b + c)).
 *
 * @param b - the pairs with yes then no, a whole count ≥ 0
 * @param c - the pairs with no then yes, a whole count ≥ 0
 * @returns the exact p-value, the large-sample statistic and its p-value, and the counts
 * @throws {ToplinesError} for counts that are not whole numbers ≥ 0
 * @example
 * // 15 respondents switched from yes to no, 5 from no to yes
 * const test = mcnemarExactTest(15, 5);
 * test.pValue; // => 0.041389465332031215
 * test.statistic; // => 5
 * test.largeSamplePValue; // => 0.025347318677468235
 */
export function mcnemarExactTest(b: number, c: number): McNemarExactTest {
  const fn = 'mcnemarExactTest';
  checkCount(fn, 'b', b);
  checkCount(fn, 'c', c);
  const n = b + c;
  if (n > Number.MAX_SAFE_INTEGER) {
    throw new ToplinesError(
      'out-of-range',
      fn,
      `requires b + c to be at most 9007199254740991 (Number.MAX_SAFE_INTEGER), got ${show(n)}`,
    );
  }
  if (n === 0) {
    return { kind: 'mcnemar-exact', pValue: 1, statistic: 0, largeSamplePValue: 1, b, c };
  }
  const statistic = ((b - c) * (b - c)) / n;
  return {
    kind: 'mcnemar-exact',
    pValue: binomialTwoSidedPValue(b, n, 0.5),
    statistic,
    largeSamplePValue: chiSquareSurvival(statistic, 1),
    b,
    c,
  };
}
