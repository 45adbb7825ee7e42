import { describe, expect, it } from 'vitest';
import { readHugoFrontMatter } from '../../src/lib/import/front-matter';

const yaml = (lines: string) => `---\n${lines}\n---\n\nBody line.\n`;
const toml = (lines: string) => `+++\n${lines}\n+++\n\nBody line.\n`;

describe('Hugo front matter', () => {
	it('reads YAML: title, description, date with time, lastmod, tags, aliases, draft', () => {
		const result = readHugoFrontMatter(
			yaml(
				'title: "Enable MFA"\ndescription: Short.\ndate: 2019-09-12T10:00:00+02:00\nlastmod: 2020-01-05\ntags: [AWS, "Security Basics"]\naliases: [old-name, /root-name/]\ndraft: true',
			),
		);
		expect(result.problems).toEqual([]);
		expect(result.fields).toEqual({
			title: 'Enable MFA',
			description: 'Short.',
			published: '2019-09-12',
			updated: '2020-01-05',
			tags: ['aws', 'security-basics'],
			tagFields: ['tags'],
			aliases: ['old-name', '/root-name/'],
			draft: true,
			slug: undefined,
			url: undefined,
		});
		expect(result.notes).toContain('tag "Security Basics" became "security-basics".');
		expect(result.body.trim()).toBe('Body line.');
		expect(result.bodyLine).toBe(10);
	});

	it.each([
		['a quoted string', 'date = "2019-09-12"'],
		['a TOML local date', 'date = 2019-09-12'],
		['a TOML offset date-time', 'date = 2019-09-12T08:00:00Z'],
	])('reads TOML with %s, and summary when there is no description', (_, dateLine) => {
		const result = readHugoFrontMatter(
			toml(`title = "Rotate keys"\nsummary = "From summary."\n${dateLine}\ntags = ["iam"]\naliases = ["../rotate"]`),
		);
		expect(result.problems).toEqual([]);
		expect(result.fields.published).toBe('2019-09-12');
		expect(result.fields.description).toBe('From summary.');
		expect(result.fields.aliases).toEqual(['../rotate']);
		expect(result.bodyLine).toBe(8);
	});

	it('stops on an ambiguous dd-dd-yyyy date without --date-order, showing both readings', () => {
		const result = readHugoFrontMatter(yaml('title: T\ndate: "09-12-2019"'));
		expect(result.fields.published).toBeUndefined();
		expect(result.problems).toHaveLength(1);
		expect(result.problems[0]).toContain('2019-09-12 (month first)');
		expect(result.problems[0]).toContain('2019-12-09 (day first)');
		expect(result.problems[0]).toContain('--date-order');
	});

	it.each([
		['mdy', '09-12-2019', '2019-09-12'],
		['dmy', '09-12-2019', '2019-12-09'],
		['dmy', '09-12-2019 14:30', '2019-12-09'],
	] as const)('reads with --date-order %s: %s is %s', (order, date, iso) => {
		const result = readHugoFrontMatter(yaml(`date: "${date}"`), order);
		expect(result.fields.published).toBe(iso);
		expect(result.notes).toEqual([]);
	});

	it('reads a value that is impossible one way the other way, and says so', () => {
		const result = readHugoFrontMatter(yaml('date: "25-12-2019"'), 'mdy');
		expect(result.fields.published).toBe('2019-12-25');
		expect(result.notes[0]).toMatch(/cannot be month-day-year, so it was read as 2019-12-25/);
	});

	it('without --date-order, reads a dd-dd-yyyy value that has only one possible reading, and says so', () => {
		const result = readHugoFrontMatter(yaml('date: "25-12-2019"'));
		expect(result.problems).toEqual([]);
		expect(result.fields.published).toBe('2019-12-25');
		expect(result.notes[0]).toContain('so it was read as 2019-12-25');
		expect(readHugoFrontMatter(yaml('date: "05-05-2019"')).fields.published).toBe('2019-05-05');
	});

	it.each([
		['31-31-2019', 'not a real day in either order'],
		['2019-02-30', 'not a day that exists'],
		['12 September 2019', 'not an ISO date'],
	])('refuses the date %s', (date, message) => {
		const result = readHugoFrontMatter(yaml(`date: "${date}"`), 'dmy');
		expect(result.problems[0]).toContain(message);
	});

	it('names the broken syntax and missing front matter', () => {
		expect(readHugoFrontMatter(toml('title = "unclosed')).syntaxError?.message).toContain('not valid TOML');
		expect(readHugoFrontMatter('Just text.').problems[0]).toContain('has no front matter');
	});
});

describe('front matter in every shape Hugo reads', () => {
	it('reads a JSON object at the top of the file, even with a brace inside a string', () => {
		const result = readHugoFrontMatter(
			'{\n  "title": "Keys {and} roles",\n  "date": "2020-02-03",\n  "aliases": ["/old/"]\n}\n\nBody text.\n',
		);
		expect(result.problems).toEqual([]);
		expect(result.fields.title).toBe('Keys {and} roles');
		expect(result.fields.aliases).toEqual(['/old/']);
		expect(result.body.trim()).toBe('Body text.');
		expect(result.bodyLine).toBe(6);
		expect(readHugoFrontMatter('{{< notice tip >}}\nText.\n').problems[0]).toContain('has no front matter');
	});

	it.each([
		['YAML with an unclosed quote', '---\ntitle: "Fine"\ndescription: "never closed\ndate: 2019-01-01\n---\n\nBody.\n', 3],
		['TOML with a missing value', '+++\ntitle = "Fine"\ndate = \n+++\n\nBody.\n', 3],
		['JSON with a trailing comma', '{\n  "title": "Fine",\n  "date": "2019-01-01",\n}\n\nBody.\n', 4],
	])('names the line of %s', (_, source, line) => {
		const result = readHugoFrontMatter(source);
		expect(result.syntaxError?.line).toBe(line);
		expect(result.syntaxError?.message).toMatch(/^has front matter that is not valid (YAML|TOML|JSON): /);
	});
});
