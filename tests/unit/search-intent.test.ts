import { describe, expect, it } from 'vitest';
import {
	byWordsTogether,
	coversNothing,
	contentTerms,
	pagefindQuery,
	pagesMatchingMost,
	wordsTogether,
} from '../../src/lib/search/query-words';
import { parseSynonyms, synonymsFor } from '../../src/lib/search/guide-search-words';
import { closestWord, suggestSpelling } from '../../src/lib/search/spelling';
import { withoutRepeatedExcerpts, type ResultOption } from '../../src/lib/search/result-options';
import { indexedWords } from '../../src/lib/search/indexed-html';

const vocabulary = ['the', 'mfa', 'for', 'all', 'users', 'device', 'report', 'credential', 'phone', 'lost', 'force', '2fa'];

describe('queries written as sentences', () => {
	it('asks Pagefind for the words that carry the meaning', () => {
		expect(pagefindQuery('I lost my phone')).toBe('lost phone');
		expect(pagefindQuery('how do I')).toBe('how do I');
		expect(pagefindQuery('--serial-number')).toBe('--serial-number');
		expect(contentTerms('access denied after turning on MFA')).toEqual(['access', 'denied', 'turning', 'mfa']);
	});

	it('keeps the guides holding most words when none holds them all, never one word of several', () => {
		const r = (id: string, score: number) => ({ id, score });
		const merged = pagesMatchingMost([[r('a', 1), r('b', 5)], [r('a', 1), r('c', 9)], [r('b', 1)]]);
		expect(merged.map((page) => page.id)).toEqual(['b', 'a']);
	});

	it('counts the most query words that sit within a stretch of nearby words', () => {
		// "changes" at 3, "root" at 7 and 400, "user" at 8 and 900.
		expect(wordsTogether([[3], [7, 400], [8, 900]])).toBe(3);
		expect(wordsTogether([[3], [400], [900]])).toBe(1);
		expect(wordsTogether([[3], [40], [8]], 30)).toBe(2);
		expect(wordsTogether([[], [], []])).toBe(0);
	});

	it('puts first the guides holding the words close together, then keeps Pagefind’s order', () => {
		const page = (id: string, words: number[]) => ({ id, words });
		// Pagefind's order: a (the words far apart), b (together, a heading), c (together too).
		const results = [page('a', []), page('b', []), page('c', [])];
		const perTerm = [
			[page('a', [10]), page('b', [500]), page('c', [20])],
			[page('a', [300]), page('b', [503]), page('c', [25])],
		];
		expect(byWordsTogether(results, perTerm).map((result) => result.id)).toEqual(['b', 'c', 'a']);
	});

	it('says a query covers nothing when most of its words are in no guide', () => {
		expect(coversNothing('kubernetes rbac', vocabulary)).toBe(true);
		expect(coversNothing('install docker on ubuntu', vocabulary)).toBe(true);
		expect(coversNothing('mfa kubernetes', vocabulary)).toBe(false);
		expect(coversNothing('I lost my phone', vocabulary)).toBe(false);
		expect(coversNothing('2FA', vocabulary)).toBe(false);
	});
});

describe('spelling suggestions', () => {
	it('never swaps a real word for a shorter one or a small word', () => {
		expect(closestWord('force', ['for', 'mfa'])).toBeNull();
		expect(suggestSpelling('forse mfa for all users', vocabulary)).toBe('force mfa for all users');
		expect(closestWord('devise', vocabulary)).toBe('device');
	});
	it('leaves a word alone that only the hidden keywords hold', () => {
		expect(suggestSpelling('force mfa for all users', vocabulary)).toBeNull();
	});
});

describe('keywords and synonyms', () => {
	const groups = parseSynonyms(
		[
			['mfa', '2fa', 'two-factor'],
			['root user', 'root account'],
		],
		'test',
	);
	it('gives a guide the synonyms of its subject words it does not use itself', () => {
		const guide = { title: 'Turn on MFA', description: 'Add a second factor.', tags: ['aws'], keywords: ['2fa'] };
		expect(synonymsFor(guide, groups)).toEqual(['two-factor']);
		expect(synonymsFor({ ...guide, title: 'Protect the root user', tags: ['root-user'] }, groups)).toEqual([
			'mfa',
			'two-factor',
			'root account',
		]);
		expect(synonymsFor({ title: 'Passwords', description: 'Rotate them.', tags: [], keywords: [] }, groups)).toEqual([]);
	});
	it('refuses a malformed list, naming the setting', () => {
		expect(() => parseSynonyms([['alone']], 'src/site.config.mjs')).toThrow(
			/src\/site\.config\.mjs: search\.synonyms must be .*search\.synonyms\.0/,
		);
	});
	it('puts hidden keywords in the spelling vocabulary and leaves ignored text out', () => {
		const html =
			'<article data-pagefind-body><p>Scan the code</p><div data-pagefind-ignore="all"><p>companion <b>cloudshell</b></p><div>x</div></div>' +
			'<img data-pagefind-ignore alt="pic"><p hidden>⟦2fa, 123⟧</p></article>';
		expect(indexedWords(html)).toEqual(['scan', 'the', 'code', '2fa']);
	});
});

describe('repeated excerpts', () => {
	const option = (target: string, excerptHtml: string): ResultOption => ({
		href: target,
		target,
		guideTitle: 'G',
		site: null,
		section: null,
		excerptHtml,
	});
	it('drops an option whose excerpt the list already shows', () => {
		const shown = [option('/a/#1', 'aws iam <mark>list-mfa-devices</mark> --user-name')];
		const added = [option('/a/#2', 'aws iam list-mfa-devices  --user-name'), option('/a/#3', 'Something else')];
		expect(withoutRepeatedExcerpts(shown, added).map((o) => o.target)).toEqual(['/a/#3']);
	});
});
