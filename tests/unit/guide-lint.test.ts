import { describe, expect, it } from 'vitest';
import { lintGuideSource } from '../../src/lib/content/lint';

const files = new Set(['shot.png', 'images/two.png']);
const exists = (p: string) => files.has(p.replace(/^\.\//, ''));
const lint = (body: string) => lintGuideSource(`---\ntitle: x\n---\n${body}`, exists);
/** The problems this file is about; the standard checks (steps, sources) have their own tests in guide-content-checks.test.ts. */
const structural = (body: string) => lint(body).filter((p) => !/inside <Steps>; a guide needs|"## Sources"/.test(p.message));

describe('guide body lint', () => {
	it('passes a well-formed guide', () => {
		const body = [
			"import two from './images/two.png';",
			'',
			'<Steps>',
			'1. Open the console.',
			'',
			'   ![The console home page with the account menu](./shot.png)',
			'',
			'   - a nested note stays in the step',
			'',
			'2. Choose **Security credentials**.',
			'',
			'   <Screenshot src={two} alt="The account menu with Security credentials ringed" frame="shadow" />',
			'',
			'3. Choose **Assign MFA device**.',
			'4. Name the device.',
			'5. Check your work.',
			'</Steps>',
			'',
			'## Sources',
			'',
			'- [AWS Multi-factor authentication in IAM](https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html)',
		].join('\n');
		expect(lint(body)).toEqual([]);
	});

	it('asks a reviewed guide for its Sources, and leaves that to the review warning in a guide not yet reviewed (an imported post)', () => {
		const steps = ['<Steps>', '1. One.', '2. Two.', '3. Three.', '4. Four.', '5. Five.', '</Steps>'].join('\n');
		const sourcesProblems = (frontMatter: string) =>
			lintGuideSource(`---\n${frontMatter}\n---\n${steps}\n`, exists).filter((p) => p.message.includes('"## Sources"'));
		expect(sourcesProblems('title: x\nreviewed: 2026-12-01')).toHaveLength(1);
		expect(sourcesProblems('title: x')).toEqual([]);
	});

	it('names the line of a screenshot without alt text and shows the fix', () => {
		const [problem] = structural('Intro.\n\n![](./shot.png)\n');
		expect(problem?.line).toBe(6);
		expect(problem?.message).toMatch(/has no alt text\. Describe what the reader sees/);
	});

	it('refuses a <Screenshot> without alt', () => {
		expect(structural("import s from './shot.png';\n\n<Screenshot src={s} />\n")[0]?.message).toMatch(/<Screenshot> has no alt text/);
		expect(structural('import s from \'./shot.png\';\n\n<Screenshot src={s} alt="" />\n')[0]?.message).toMatch(/no alt text/);
		expect(structural('import s from \'./shot.png\';\n\n<Screenshot src={s} alt="Screenshot" />\n')[0]?.message).toMatch(
			/placeholder alt text/,
		);
	});

	it('lists images that do not exist next to the guide', () => {
		const problems = structural("import gone from './gone.png';\n\n![A missing picture of the console](./missing.png)\n");
		expect(problems.map((p) => p.message)).toEqual([
			expect.stringContaining('The imported image "./gone.png" does not exist next to the guide'),
			expect.stringContaining('The image "./missing.png" does not exist next to the guide'),
		]);
	});

	it('ignores remote and absolute images (they are not optimized, and the Screenshot component says so)', () => {
		expect(structural('![The Example company logo](https://example.com/logo.png)\n')).toEqual([]);
	});

	it.each([
		['a paragraph before the list', '<Steps>\nFirst do this.\n\n1. Step\n</Steps>', /holds a paragraph, an ordered list/],
		['a bulleted list', '<Steps>\n- Step\n- Step\n</Steps>', /holds a bulleted list/],
		['two lists', '<Steps>\n1. Step\n\n<Callout>x</Callout>\n\n2. Step\n</Steps>', /holds an ordered list, <Callout>, an ordered list/],
		['nothing', '<Steps>\n</Steps>', /holds nothing/],
	])('refuses <Steps> holding %s', (_, body, expected) => {
		const [problem] = structural(body);
		expect(problem?.message).toMatch(/<Steps> must hold exactly one ordered list/);
		expect(problem?.message).toMatch(expected);
	});

	it('reports unparseable MDX instead of crashing, at the line the parser names and without its position prefix', () => {
		// Front matter is three lines, so the body's first line is line 4 of the file.
		expect(lint('Intro.\n\n<Steps>\n1. open\n</Callout>\n')).toEqual([
			{ line: 8, message: expect.stringMatching(/^MDX cannot be parsed: Unexpected closing tag `<\/Callout>`.*Check for an unclosed tag/) },
		]);
	});

	it('counts lines from the top of the file, front matter included', () => {
		const problems = lintGuideSource('---\ntitle: x\nlong: |\n  a\n  b\n---\n\n![](shot.png)\n', exists);
		expect(problems.filter((p) => /alt text/.test(p.message)).map((p) => p.line)).toEqual([8]);
	});
});
