import { describe, expect, it } from 'vitest';
import { guideSchema } from '../../src/lib/content/schema';

const good = {
	title: 'Turn on MFA for your AWS sign-in',
	description: 'Add a second factor to your AWS sign-in.',
	published: '2019-09-12',
	updated: '2026-11-29',
	tags: ['aws', 'mfa'],
};

function messages(input: Record<string, unknown>): string {
	const result = guideSchema.safeParse(input);
	if (result.success) return '';
	return result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}

describe('guide front matter schema', () => {
	it('accepts a good guide and fills the defaults', () => {
		const guide = guideSchema.parse(good);
		expect(guide.published.toISOString().slice(0, 10)).toBe('2019-09-12');
		expect(guide).toMatchObject({ aliases: [], draft: false, formerTitles: [], topic: 'sign-in' });
	});

	it('accepts a date that YAML already turned into a Date', () => {
		expect(guideSchema.parse({ ...good, published: new Date('2019-09-12') }).published.getUTCDate()).toBe(12);
	});

	it.each([
		['a missing title', { title: undefined }, /`title` is missing\. Add it to the front matter/],
		['an empty title', { title: '  ' }, /`title` is empty/],
		['a missing description', { description: undefined }, /`description` is missing/],
		['a description over 160 characters', { description: 'x'.repeat(161) }, /`description` is 161 characters; .*160/],
		['a missing published date', { published: undefined }, /`published` is required: write the day as YYYY-MM-DD/],
		['an ambiguous date', { published: '09-12-2019' }, /2019-09-12 \(month first\) or 2019-12-09 \(day first\)/],
		['a date that does not exist', { updated: '2026-02-30' }, /`updated` "2026-02-30" is not a day that exists/],
		['an updated day before published', { updated: '2019-01-01' }, /`updated` is earlier than `published`/],
		['no tags', { tags: [] }, /`tags` needs at least one tag/],
		['a tag with spaces', { tags: ['AWS IAM'] }, /tag "AWS IAM" must be lower-case words joined by dashes/],
		['an unknown topic', { topic: 'misc' }, /topic/],
		['a relative legacy URL', { legacyUrl: 'blog/2019/x/' }, /`legacyUrl` must be a path from the site root/],
		['a misspelt field', { titel: 'x' }, /titel/],
	])('refuses %s with a message that says what to do', (_, change, expected) => {
		expect(messages({ ...good, ...change })).toMatch(expected);
	});
});
