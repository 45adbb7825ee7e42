import { describe, expect, it } from 'vitest';
import { highlightTerms, queryTerms, readSearchRequest, resultLink } from '../../src/lib/search/search-request';
import { opensSearch, type KeyPress } from '../../src/lib/search/shortcuts';
import { highlightPattern } from '../../src/lib/search/highlight-pattern';
import {
	literalOf,
	noResultsHelp,
	optionsForGuide,
	rankGuides,
	rankSubResults,
	resultCountMessage,
} from '../../src/lib/search/result-options';
import type { PagefindResultData, PagefindSubResult } from '../../src/lib/search/pagefind-api';

describe('search requests in the address', () => {
	it.each([
		['?q=qr+code', '/guides/x/', '/', { open: true, query: 'qr code' }],
		['', '/guides/x/', '/', { open: false, query: '' }],
		['', '/search/', '/', { open: true, query: '' }],
		['', '/search', '/', { open: true, query: '' }],
		['?q=%20', '/guides/x/', '/', { open: false, query: '' }],
		['', '/docs/search/', '/docs/', { open: true, query: '' }],
		['', '/search/', '/docs/', { open: false, query: '' }],
	])('%s on %s (base %s)', (search, path, base, expected) => {
		expect(readSearchRequest(search, path, base)).toEqual(expected);
	});

	it('splits a query into distinct lower-case words, dropping one-letter ones', () => {
		expect(queryTerms('Show QR code, QR a')).toEqual(['show', 'qr', 'code']);
		expect(queryTerms('get-session-token')).toEqual(['get', 'session', 'token']);
		expect(highlightTerms('?highlight=qr%20code')).toEqual(['qr', 'code']);
		expect(highlightTerms('?q=x')).toEqual([]);
	});

	it.each([
		['/guides/x/#step-6', 'QR code', '/guides/x/?highlight=qr%20code#step-6'],
		['/guides/x/', 'QR code', '/guides/x/?highlight=qr%20code'],
		['/docs/guides/x/?a=1#h', 'root', '/docs/guides/x/?a=1&highlight=root#h'],
		['/guides/x/#step-6', '', '/guides/x/#step-6'],
	])('links %s for “%s” as %s', (url, query, expected) => {
		expect(resultLink(url, query)).toBe(expected);
	});
});

describe('keyboard shortcuts', () => {
	const press = (over: Partial<KeyPress>): KeyPress => ({
		key: '',
		ctrlKey: false,
		metaKey: false,
		altKey: false,
		inEditableField: false,
		...over,
	});
	it.each([
		[{ key: '/' }, true],
		[{ key: '/', inEditableField: true }, false],
		[{ key: 'k', ctrlKey: true }, true],
		[{ key: 'K', metaKey: true }, true],
		[{ key: 'k', ctrlKey: true, inEditableField: true }, true],
		[{ key: 'k' }, false],
		[{ key: 'k', ctrlKey: true, altKey: true }, false],
		[{ key: '/', ctrlKey: true }, false],
	])('%j opens search: %s', (over, expected) => {
		expect(opensSearch(press(over))).toBe(expected);
	});
});

describe('highlight pattern', () => {
	const marked = (terms: string[], text: string) => [...text.matchAll(highlightPattern(terms)!)].map((m) => m[2]);
	it('marks words that start with a searched word, longest first, ignoring case', () => {
		expect(marked(['qr', 'code'], 'Show QR code; scan the QR codes.')).toEqual(['QR', 'code', 'QR', 'codes']);
		expect(marked(['device'], 'a devices list, no subdevice')).toEqual(['devices']);
	});
	it('treats searched words as text, not as patterns', () => {
		expect(marked(['a.b'], 'a.b axb')).toEqual(['a.b']);
	});
	it('has nothing to mark without words', () => {
		expect(highlightPattern([])).toBeNull();
	});
});

function sub(title: string, url: string, locations: number[], score = 1): PagefindSubResult {
	return {
		title,
		url,
		excerpt: title,
		locations,
		weighted_locations: locations.map((location) => ({ location, weight: 1, balanced_score: score })),
	};
}

const content = 'Turn on MFA for your AWS sign-in. Sign in. Sign out and sign back in. Show QR code.';
// words: 0 Turn 1 on 2 MFA 3 for 4 your 5 AWS 6 sign-in. 7 Sign 8 in. 9 Sign 10 out 11 and 12 sign 13 back 14 in. 15 Show 16 QR 17 code.
const guide = (subs: PagefindSubResult[], url = '/guides/mfa/', text = content): PagefindResultData => ({
	url,
	content: text,
	excerpt: '',
	meta: { title: 'Turn on MFA', description: 'Add a <second> factor.' },
	filters: { tag: ['mfa'] },
	sub_results: subs,
});

describe('ranking a guide’s sections', () => {
	it('puts the section holding more of the words first, even with a lower score', () => {
		const intro = sub('Turn on MFA', '/guides/mfa/', [6], 10);
		const step = sub('Step 9: Sign out', '/guides/mfa/#step-9', [9, 10], 1);
		expect(rankSubResults([intro, step], content, 'sign out').map((r) => r.sub.url)).toEqual(['/guides/mfa/#step-9', '/guides/mfa/']);
	});
	it('then by score, then by order in the guide', () => {
		const a = sub('A', '#a', [16], 1);
		const b = sub('B', '#b', [16], 3);
		const c = sub('C', '#c', [16], 1);
		expect(rankSubResults([a, b, c], content, 'qr').map((r) => r.sub.title)).toEqual(['B', 'A', 'C']);
	});
	it('builds options with the guide title, the section and a link that highlights', () => {
		const options = optionsForGuide(
			guide([sub('Turn on MFA', '/guides/mfa/', [2]), sub('Step 6: Scan', '/guides/mfa/#step-6', [16, 17])]),
			'QR code',
		);
		expect(options[0]).toEqual({
			href: '/guides/mfa/?highlight=qr%20code#step-6',
			target: '/guides/mfa/#step-6',
			guideTitle: 'Turn on MFA',
			site: null,
			section: 'Step 6: Scan',
			excerptHtml: 'Step 6: Scan',
		});
		expect(options[1]!.section).toBeNull();
	});
	it('shows a guide matched only by a tag filter with its escaped description', () => {
		expect(optionsForGuide(guide([]), '')).toEqual([
			{
				href: '/guides/mfa/',
				target: '/guides/mfa/',
				guideTitle: 'Turn on MFA',
				site: null,
				section: null,
				excerptHtml: 'Add a &#60;second&#62; factor.',
			},
		]);
	});
	it('keeps at most three sections per guide', () => {
		const subs = [1, 2, 3, 4].map((n) => sub(`S${n}`, `/guides/mfa/#s${n}`, [16]));
		expect(optionsForGuide(guide(subs), 'qr')).toHaveLength(3);
	});
});

describe('ranking guides', () => {
	it('moves a guide with one section holding every word ahead of one that scatters them', () => {
		const scattered = guide([sub('x', '/guides/a/#1', [9]), sub('y', '/guides/a/#2', [10])], '/guides/a/');
		const together = guide([sub('z', '/guides/b/#1', [9, 10])], '/guides/b/');
		expect(rankGuides([scattered, together], 'sign out').map((g) => g.url)).toEqual(['/guides/b/', '/guides/a/']);
	});
	it('keeps Pagefind’s order for one-word queries and ties', () => {
		const a = guide([sub('x', '/guides/a/#1', [16])], '/guides/a/');
		const b = guide([sub('y', '/guides/b/#1', [16])], '/guides/b/');
		expect(rankGuides([a, b], 'qr').map((g) => g.url)).toEqual(['/guides/a/', '/guides/b/']);
		expect(rankGuides([a, b], 'qr code').map((g) => g.url)).toEqual(['/guides/a/', '/guides/b/']);
	});
});

describe('messages', () => {
	it.each([
		[0, 0, 'xyz', 'No results for “xyz”.'],
		[1, 1, 'qr', '1 place in 1 guide for “qr”.'],
		[2, 5, 'mfa', '5 places in 2 guides for “mfa”.'],
		[1, 1, '', '1 place in 1 guide.'],
	])('%i guides, %i places, “%s”: %s', (guides, options, query, expected) => {
		expect(resultCountMessage(guides, options, query)).toBe(expected);
	});

	it('suggests clearing tags, fewer words, and the most used tags', () => {
		const help = noResultsHelp('one two three', ['cli'], { mfa: 5, aws: 5, cli: 1, iam: 2, sts: 1 });
		expect(help.hints[0]).toMatch(/Clear the tag filter \(cli\)/);
		expect(help.hints[1]).toMatch(/fewer words/);
		expect(help.suggestions).toEqual(['aws', 'mfa', 'iam', 'cli']);
	});

	it('puts the spelling the guides use first among the suggestions', () => {
		expect(noResultsHelp('resynk', [], { mfa: 5, resync: 1 }, 'resync').suggestions).toEqual(['resync', 'mfa']);
	});
});

describe('identifiers ranked by how they are written', () => {
	const cli = 'Run aws iam list-mfa-devices --user-name alice to see them.';
	// words: 0 Run 1 aws 2 iam 3 list-mfa-devices 4 --user-name ...
	const policy = 'Allow "iam:ListMFADevices" listmfadevices list mfa devices for the user.';
	// words: 0 Allow 1 "iam:ListMFADevices" 2 listmfadevices ...

	it.each([
		['ListMFADevices', 'listmfadevices'],
		['--serial-number', '--serial-number'],
		['mfa_serial', 'mfa_serial'],
		['IAM.6', 'iam.6'],
		['mfa', null],
		['multifactorauthpresent', null],
		['list mfa devices', null],
		['credential-report', null],
	])('%s is searched as written: %s', (query, literal) => {
		expect(literalOf(query)).toBe(literal);
	});

	it('puts the guide that writes the identifier as typed ahead of one that only matches it without punctuation', () => {
		const a = guide([sub('CLI', '/guides/cli/#step-1', [3], 5)], '/guides/cli/', cli);
		const b = guide([sub('Policy', '/guides/policy/#step-2', [1, 2], 1)], '/guides/policy/', policy);
		expect(rankGuides([a, b], 'ListMFADevices').map((g) => g.url)).toEqual(['/guides/policy/', '/guides/cli/']);
		expect(rankGuides([a, b], 'iam:ListMFADevices').map((g) => g.url)).toEqual(['/guides/policy/', '/guides/cli/']);
	});

	it('and within a guide, the section that writes it so', () => {
		const text = `${cli} ${policy}`;
		const first = sub('Step 1', '#step-1', [3], 5);
		const second = sub('Step 2', '#step-2', [11], 1);
		expect(rankSubResults([first, second], text, 'ListMFADevices').map((r) => r.sub.url)).toEqual(['#step-2', '#step-1']);
	});
});

describe('results from other sites', () => {
	it('carry the label of the site they come from', () => {
		const sites = [{ url: 'https://platform.example.org/docs/', label: 'Platform team' }];
		const remote = guide(
			[sub('Step 6: Scan', 'https://platform.example.org/docs/guides/mfa/#step-6', [16])],
			'https://platform.example.org/docs/guides/mfa/',
		);
		expect(optionsForGuide(remote, 'qr', sites)[0]).toMatchObject({
			site: 'Platform team',
			target: 'https://platform.example.org/docs/guides/mfa/#step-6',
		});
		expect(optionsForGuide(guide([sub('Step 6: Scan', '/guides/mfa/#step-6', [16])]), 'qr', sites)[0]!.site).toBeNull();
	});
});

describe('section titles', () => {
	it('break ties between sections holding the same words', () => {
		const mention = sub('What changes for the root user', '/guides/mfa/#root', [9, 10], 5);
		const step = sub('Step 9: Sign out and back in', '/guides/mfa/#step-9', [9, 10], 1);
		expect(rankSubResults([mention, step], content, 'sign out').map((r) => r.sub.title)).toEqual([
			'Step 9: Sign out and back in',
			'What changes for the root user',
		]);
	});
	it('break ties between guides', () => {
		const mention = guide([sub('Troubleshooting', '/guides/a/#t', [9, 10])], '/guides/a/');
		const step = guide([sub('Step 9: Sign out', '/guides/b/#step-9', [9, 10])], '/guides/b/');
		expect(rankGuides([mention, step], 'sign out').map((g) => g.url)).toEqual(['/guides/b/', '/guides/a/']);
	});
});
