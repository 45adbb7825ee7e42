import { describe, expect, it } from 'vitest';
import { frontMatterProblems } from '../../src/lib/content/front-matter-problems';

const guide = (fields: string[]) => `---\n${fields.join('\n')}\n---\n\nText.\n`;
const valid = ['title: A guide', 'description: Does one thing.', 'published: 2024-01-01', 'tags: [aws]'];

describe('front-matter problems, at the line of the file', () => {
	it('points an unclosed quote at the line it opens, not the end of the block', () => {
		const problems = frontMatterProblems(
			guide(['title: A guide', 'description: "Does one thing.', 'published: 2024-01-01', 'tags: [aws]']),
		);
		expect(problems).toEqual([{ line: 3, message: expect.stringMatching(/not valid YAML: Missing closing "quote\. Close the quote/) }]);
	});

	it('counts other YAML errors from the top of the file', () => {
		const [problem] = frontMatterProblems(
			guide(['title: A guide', 'description: Does: one: thing.', 'published: 2024-01-01', 'tags: [aws]']),
		);
		expect(problem!.line).toBe(3);
		expect(problem!.message).toMatch(/not valid YAML: Nested mappings/);
	});

	it('names the line of each field the schema refuses', () => {
		const problems = frontMatterProblems(guide(valid.map((line) => line.replace('2024-01-01', '12-07-2026'))));
		expect(problems).toEqual([{ line: 4, message: expect.stringMatching(/`published` "12-07-2026" is ambiguous/) }]);
	});

	it('finds nothing in a valid front matter, and says how to start one that is missing', () => {
		expect(frontMatterProblems(guide(valid))).toEqual([]);
		expect(frontMatterProblems('Just text.\n')[0]!.message).toMatch(/no front matter/);
	});
});
