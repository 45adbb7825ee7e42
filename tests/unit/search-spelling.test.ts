import { describe, expect, it } from 'vitest';
import { buildVocabulary, closestWord, editDistance, leftOut, suggestSpelling } from '../../src/lib/search/spelling';
import { parseSearchSites } from '../../src/lib/search/search-sites-schema';
import { siteIndexUrl } from '../../src/lib/search/search-sites';

describe('edit distance', () => {
	it.each([
		['device', 'device', 0],
		['devise', 'device', 1],
		['reprot', 'report', 1],
		['pasky', 'passkey', 2],
		['mfa', 'aws', 3],
		['', 'abc', 3],
	])('%s → %s takes %i edits', (a, b, edits) => {
		expect(editDistance(a, b)).toBe(edits);
	});

	it('stops counting past the limit', () => {
		expect(editDistance('authenticator', 'simulator', 2)).toBe(3);
	});

	it('knows a word with letters left out', () => {
		expect(leftOut('pasky', 'passkey')).toBe(true);
		expect(leftOut('pasky', 'asks')).toBe(false);
	});
});

describe('spelling suggestions', () => {
	const vocabulary = buildVocabulary([
		['the', 'mfa', 'device', 'asks', 'asks', 'asks', 'root', 'credential', 'report', 'passkey', 'devices'],
		['the', 'mfa', 'device', 'report', 'resync', 'simulator'],
	]);

	it('lists words most used first', () => {
		expect(vocabulary.slice(0, 4)).toEqual(['asks', 'device', 'mfa', 'report']);
	});

	it.each([
		['mfa devise', 'mfa device'],
		['pasky root', 'passkey root'],
		['credential reprot', 'credential report'],
		['resynk', 'resync'],
	])('suggests “%s” → “%s”', (query, suggestion) => {
		expect(suggestSpelling(query, vocabulary)).toBe(suggestion);
	});

	it.each([['mfa device'], ['devi'], ['xyzzy'], ['ab'], ['iam6']])(
		'leaves “%s” alone (known, being typed, too far or too short)',
		(query) => {
			expect(suggestSpelling(query, vocabulary)).toBeNull();
		},
	);

	it('prefers the word that starts like the typed one', () => {
		expect(closestWord('aevice', ['bevice', 'advice'])).toBe('advice');
	});
});

describe('search.sites in the site config', () => {
	it('accepts other sites with a URL and a label, and points at their Pagefind folder', () => {
		const [site] = parseSearchSites([{ url: 'https://platform.example.org/docs', label: 'Platform team' }], 'site.config.mjs');
		expect(site).toEqual({ url: 'https://platform.example.org/docs/', label: 'Platform team' });
		expect(siteIndexUrl(site!)).toBe('https://platform.example.org/docs/pagefind/');
		expect(parseSearchSites(undefined, 'site.config.mjs')).toEqual([]);
	});

	it.each([
		[[{ url: 'platform.example.org', label: 'Platform' }], /search\.sites\.0\.url/],
		[[{ url: 'ftp://example.org/', label: 'Platform' }], /https:\/\//],
		[[{ url: 'https://example.org/', label: ' ' }], /search\.sites\.0\.label/],
		[{ url: 'https://example.org/' }, /must be a list of \{ url, label \}/],
	])('refuses %j with the setting named', (value, message) => {
		expect(() => parseSearchSites(value, 'src/site.config.mjs')).toThrow(message);
		expect(() => parseSearchSites(value, 'src/site.config.mjs')).toThrow(/src\/site\.config\.mjs/);
	});
});
