import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import type { Element } from 'hast';
import { firstSentence, shorten, stepSearchTitle } from '../../src/lib/steps/step-title';
import { processSteps } from '../../src/lib/steps/process-steps';

const li = (html: string) => fromHtml(`<ol>${html}</ol>`, { fragment: true }).children[0] as Element;
const item = (html: string) => li(html).children.find((c) => c.type === 'element') as Element;

describe('step titles for search results', () => {
	it.each([
		['<li><p>Set up the device: scan it.</p><p>More.</p></li>', 'Set up the device'],
		['<li>Open <strong>Security credentials</strong>.<ul><li>Nested.</li></ul></li>', 'Open Security credentials'],
		['<li><p>Choose <strong>Add MFA</strong></p></li>', 'Choose Add MFA'],
		['<li><figure><img alt="x"></figure><p>After the picture.</p></li>', 'After the picture'],
		['<li></li>', ''],
	])('%s → “%s”', (html, expected) => {
		expect(firstSentence(item(html))).toBe(expected);
	});

	it('cuts long instructions at a word and marks the cut', () => {
		const long = 'Check your work with the live check, or run the command in the AWS CLI to list devices for a user';
		const cut = shorten(long);
		expect(cut.length).toBeLessThanOrEqual(72);
		expect(cut.endsWith('…')).toBe(true);
		expect(long.startsWith(cut.slice(0, -1))).toBe(true);
	});

	it('numbers the title and falls back to the number alone', () => {
		expect(stepSearchTitle(6, item('<li><p>Scan the QR code.</p></li>'))).toBe('Step 6: Scan the QR code');
		expect(stepSearchTitle(2, item('<li></li>'))).toBe('Step 2');
	});

	it('puts the title on each step for Pagefind, keeping the step-N ids', () => {
		const { html } = processSteps('<ol start="3"><li><p>Choose <strong>Assign MFA device</strong>.</p></li><li>Name it.</li></ol>');
		expect(html).toContain('id="step-3"');
		expect(html).toContain('data-pagefind-title="Step 3: Choose Assign MFA device"');
		expect(html).toContain('data-pagefind-title="Step 4: Name it"');
	});
});
