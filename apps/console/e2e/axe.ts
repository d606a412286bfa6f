import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, NodeResult, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core's source. The console's Content-Security-Policy (script-src 'self') refuses an injected
 * <script>, so the source is evaluated through the DevTools protocol, which the policy does not cover.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.x level A and AA: labels, names, contrast, landmarks, ARIA use. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REPORTED: readonly ImpactValue[] = ['serious', 'critical'];

export interface AccessibilityCheck {
  /** CSS selectors to check (default: the whole document). */
  readonly include?: readonly string[];
  /**
   * Rules to switch off, each with the reason in a comment where it is used. Only for false
   * positives of library internals that cannot be fixed in the console.
   */
  readonly disableRules?: readonly string[];
  /** Also report moderate violations. */
  readonly moderate?: boolean;
}

/**
 * Runs axe-core in the page and returns its serious and critical violations as readable lines:
 * `rule-id (impact): help — selector; selector`. An empty list means the page passed.
 */
export async function checkAccessibility(page: Page, options: AccessibilityCheck = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${AXE_SOURCE}\n;0`);
  const runOptions: RunOptions = {
    runOnly: { type: 'tag', values: TAGS },
    rules: Object.fromEntries((options.disableRules ?? []).map((id) => [id, { enabled: false }])),
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    ([include, opts]) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<unknown> } }).axe;
      return axe.run(include.length ? { include: include.map((s) => [s]) } : document, opts);
    },
    [[...(options.include ?? [])], runOptions] as const,
  );
  const impacts = options.moderate ? [...REPORTED, 'moderate'] : REPORTED;
  return (results as AxeResults).violations
    .filter((v) => v.impact && impacts.includes(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 8).map(describeNode).join('; ')}`);
}

/** The node's selector, with the measured colours for a contrast failure. */
function describeNode(node: NodeResult): string {
  const selector = node.target.map(String).join(' > ');
  const contrast = node.any.find((c) => c.id === 'color-contrast')?.data as
    { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
  return contrast?.fgColor
    ? `${selector} [${contrast.fgColor} on ${contrast.bgColor}, ${contrast.contrastRatio}:1]`
    : selector;
}
