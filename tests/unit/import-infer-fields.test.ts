import { describe, expect, it } from 'vitest';
import { descriptionFrom, firstParagraph } from '../../src/lib/import/infer-fields';
import { groupByTopic, readTopicsConfig } from '../../src/lib/guides/topics';

describe('the first paragraph of an old post', () => {
	it('skips headings, notices, images, lists, quotes, comments and code, and keeps the words of links and markup', () => {
		const body = [
			'<!-- editor note -->',
			'## Before you start',
			'{{% notice warning %}}\nNot this.\n{{% /notice %}}',
			'![A screenshot](/images/a.png?classes=shadow)',
			'> A quote, not a paragraph.',
			'```sh\naws iam list-users\n```',
			'- a list item',
			'Use **MFA** on the [AWS console](https://console.aws.amazon.com/) and press <kbd>Enter</kbd>. Then `aws sts get-caller-identity`.',
			'A second paragraph.',
		].join('\n\n');
		expect(firstParagraph(body)).toBe('Use MFA on the AWS console and press Enter. Then aws sts get-caller-identity.');
	});

	it('is null for a post that is only steps', () => {
		expect(firstParagraph('## Steps\n\n1. One.\n2. Two.\n')).toBeNull();
	});
});

describe('a description from a paragraph', () => {
	it('keeps as many whole sentences as fit in 160 characters', () => {
		const paragraph =
			'MFA adds a second check to your sign-in. It takes five minutes. A stolen password alone then opens nothing, which matters more than most people think, even for small accounts.';
		expect(descriptionFrom(paragraph)).toBe('MFA adds a second check to your sign-in. It takes five minutes.');
	});

	it('does not end a sentence inside a number or a domain name', () => {
		expect(descriptionFrom('Install version 2.5 from example.org today. Then restart.', 50)).toBe(
			'Install version 2.5 from example.org today.',
		);
	});

	it('cuts a first sentence longer than the limit at a whole word, with an ellipsis', () => {
		const long = `${'word '.repeat(40)}end.`;
		const description = descriptionFrom(long);
		expect(description.length).toBeLessThanOrEqual(160);
		expect(description).toMatch(/ word…$/);
	});
});

describe('topics from the site config', () => {
	it('groups guides in the order of the config, leaving out empty topics', () => {
		const topics = [
			{ id: 'b', label: 'Bee' },
			{ id: 'a', label: 'Ay' },
			{ id: 'c', label: 'Sea' },
		];
		const groups = groupByTopic([{ data: { topic: 'a' } }, { data: { topic: 'b' } }], topics);
		expect(groups.map((g) => [g.topic, g.label])).toEqual([
			['b', 'Bee'],
			['a', 'Ay'],
		]);
	});

	it('has an Imported topic for imported guides in the real config', () => {
		const config = readTopicsConfig();
		expect(config.topics.find((t) => t.id === config.importDefaults.topic)?.label).toBe('Imported');
	});

	it('refuses a config with a bad id, a duplicate or a default topic it does not list, naming the file and the entry', () => {
		expect(() =>
			readTopicsConfig({
				topics: [
					{ id: 'Sign In', label: 'x' },
					{ id: 'cli', label: 'CLI' },
					{ id: 'cli', label: 'CLI again' },
				],
				importDefaults: { topic: 'imported', tag: 'imported' },
			}),
		).toThrow(
			/src\/site\.config\.mjs has topic settings[\s\S]*topics\.0\.id: id "Sign In" must be lower-case[\s\S]*topics\.2\.id: topic "cli" is listed twice[\s\S]*importDefaults\.topic: names "imported", which is not in topics/,
		);
	});
});
