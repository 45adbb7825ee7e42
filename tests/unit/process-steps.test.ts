import { describe, expect, it } from 'vitest';
import { processSteps, StepsError } from '../../src/lib/steps/process-steps';

const list =
	'<ol>\n<li><p>Open the console.</p><ul><li>nested</li></ul></li>\n<li>Choose <strong>Security credentials</strong>.</li>\n</ol>';

describe('<Steps> processing', () => {
	it('gives every step a stable id, a link to itself and a done control shown only with JavaScript', () => {
		const { html, count } = processSteps(list);
		expect(count).toBe(2);
		expect(html).toContain('<ol class="steps" role="list"');
		expect(html).toMatch(/<li id="step-1" class="step" data-step="1"[^>]*><a class="step-anchor" href="#step-1"/);
		expect(html).toMatch(/<li id="step-2"[^>]*>.*href="#step-2"/s);
		expect(html).toMatch(/<button type="button" class="step-done" data-step-done="2" aria-pressed="false" data-js-only=""/);
	});

	it('keeps nested lists inside their step', () => {
		const { html } = processSteps(list);
		const first = html.slice(html.indexOf('id="step-1"'), html.indexOf('id="step-2"'));
		expect(first).toContain('<ul><li>nested</li></ul>');
	});

	it('numbers from the list start', () => {
		expect(processSteps('<ol start="4"><li>a</li><li>b</li></ol>').html).toMatch(/id="step-4".*id="step-5"/s);
	});

	it.each([
		['a bulleted list', '<ul><li>a</li></ul>', 'found <ul>'],
		['text around the list', '<p>Intro</p><ol><li>a</li></ol>', 'found <p>, <ol>'],
		['nothing', '   ', 'found nothing'],
	])('throws a teaching error for %s', (_, html, found) => {
		expect(() => processSteps(html)).toThrow(StepsError);
		expect(() => processSteps(html)).toThrow(found);
		expect(() => processSteps(html)).toThrow(/expects exactly one ordered list/);
	});
});
