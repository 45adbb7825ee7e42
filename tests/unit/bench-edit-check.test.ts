import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPageShowsEdit } from '../../scripts/bench/builds.mjs';
import { editedSentence, editGuideText } from '../../scripts/bench/corpus.mjs';

/** A deployable site holding one guide page with the given HTML. */
function site(html: string | null) {
	const clientDir = mkdtempSync(join(tmpdir(), 'bench-edit-'));
	made.push(clientDir);
	if (html !== null) {
		mkdirSync(join(clientDir, 'guides', 'bench-guide-001'), { recursive: true });
		writeFileSync(join(clientDir, 'guides', 'bench-guide-001', 'index.html'), html);
	}
	return { clientDir } as Parameters<typeof assertPageShowsEdit>[0];
}
const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the bench’s edit build', () => {
	it('adds the sentence it then looks for to the first step', () => {
		const edited = editGuideText('---\ntitle: T\n---\n<Steps>\n1. Open the console.\n2. Sign in.\n</Steps>\n', 2);
		expect(edited).toContain(`1. Open the console. ${editedSentence(2)}\n2. Sign in.`);
	});

	it('counts only once the published page shows the edit', () => {
		expect(() => assertPageShowsEdit(site(`<p>Open the console. ${editedSentence(2)}</p>`), 'bench-guide-001', 2, 'x')).not.toThrow();
	});

	it.each([
		['still shows the previous run’s edit', `<p>Open the console. ${editedSentence(1)}</p>`, /does not hold "Edited for bench run 2\."/],
		['is missing', null, /does not exist/],
	])('stops the bench when the page %s', (_, html, message) => {
		expect(() => assertPageShowsEdit(site(html), 'bench-guide-001', 2, 'stepcheck · 20 dense guides')).toThrow(message);
	});
});
