import { describe, expect, it } from 'vitest';
import {
	altTextProblem,
	checkCommandDeclarations,
	checkExternalLinks,
	checkFrontmatter,
	checkImages,
	checkInternalLinks,
	checkJsonBlocks,
	checkSources,
	checkStepCount,
	countSteps,
	frontmatterText,
	iamPolicyProblems,
	looksLikeIamPolicy,
} from '../../src/lib/content/guide-content-checks';
import { parseMdx } from '../../src/lib/content/parse-mdx';

const steps = (n: number) => `<Steps>\n${Array.from({ length: n }, (_, i) => `${i + 1}. Step ${i + 1}.`).join('\n')}\n</Steps>\n`;
const tree = (body: string) => parseMdx(body);

describe('countSteps / checkStepCount', () => {
	it.each([
		[0, 'No steps here.\n', 1],
		[3, steps(3), 1],
		[5, steps(5), 0],
		[7, steps(7), 0],
	])('counts %i steps and reports %#', (count, body, problems) => {
		expect(countSteps(tree(body))).toBe(count);
		expect(checkStepCount(tree(body))).toHaveLength(problems);
	});

	it('counts only top-level items, not a nested list under a step', () => {
		const body = '<Steps>\n1. One\n   - a\n   - b\n2. Two\n</Steps>\n';
		expect(countSteps(tree(body))).toBe(2);
	});

	it('names the count and the minimum in its message', () => {
		expect(checkStepCount(tree(steps(2)))[0]!.message).toMatch(/has 2 steps.*at least 5/);
	});
});

describe('altTextProblem', () => {
	it.each([
		['The IAM console with Create policy ringed', null],
		['', /no alt text/],
		['   ', /no alt text/],
		[null, /no alt text/],
		['step-02-security-credentials.png', /file name/],
		['step-02-security-credentials', /file name/],
		['Screenshot', /placeholder/],
		['screenshot.', /placeholder/],
		['An image', /placeholder/],
		['Screenshot of the console', /placeholder/],
		['Policy page', /too short/],
	])('%j → %s', (alt, expected) => {
		const result = altTextProblem(alt);
		if (expected === null) expect(result).toBeNull();
		else expect(result).toMatch(expected);
	});

	it('reports the image and its line', () => {
		const problems = checkImages(tree('Intro.\n\n![screenshot](./a.png)\n'));
		expect(problems).toEqual([{ line: 3, message: expect.stringContaining('"./a.png" has a placeholder') }]);
	});
});

describe('checkExternalLinks', () => {
	it.each([
		['[AWS](https://docs.aws.amazon.com/)', 0],
		['[AWS](http://docs.aws.amazon.com/)', 1],
		['<a href="http://example.com/">x</a>', 1],
		['[guide](/guides/turn-on-mfa-aws/)', 0],
		['[step](#step-2)', 0],
	])('%s → %i problem(s)', (body, count) => {
		expect(checkExternalLinks(tree(body))).toHaveLength(count);
	});

	it('suggests the https address', () => {
		expect(checkExternalLinks(tree('[a](http://aws.amazon.com/iam/)'))[0]!.message).toContain('https://aws.amazon.com/iam/');
	});
});

describe('checkInternalLinks', () => {
	const guides = new Map([['turn-on-mfa-aws', { steps: 10 }]]);
	it.each([
		['[ok](/guides/turn-on-mfa-aws/)', null],
		['[ok](/guides/turn-on-mfa-aws/#step-3)', null],
		['[ok](/guides/turn-on-mfa-aws/#step-10)', null],
		['[no](/guides/missing-guide/)', /does not exist/],
		['[no](/guides/turn-on-mfa-aws/#step-11)', /step 11.*10 steps/],
		['[no](/guides/turn-on-mfa-aws/#step-0)', /step 0/],
		['[no](/guides/turn-on-mfa-aws/#intro)', /#step-N/],
		['[no](/guides/turn-on-mfa-aws)', /not a guide address/],
	])('%s', (body, expected) => {
		const problems = checkInternalLinks(tree(body), (id) => guides.get(id)?.steps);
		if (expected === null) expect(problems).toEqual([]);
		else expect(problems[0]!.message).toMatch(expected);
	});
});

const policy = (statement: object, version = '2012-10-17') => ({ Version: version, Statement: [statement] });

describe('iamPolicyProblems', () => {
	it.each([
		['a valid allow', policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), []],
		[
			'a valid deny with NotAction and BoolIfExists',
			policy({
				Effect: 'Deny',
				NotAction: ['iam:ListMFADevices'],
				Resource: '*',
				Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
			}),
			[],
		],
		[
			'a trust policy without Resource',
			policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }),
			[],
		],
		['the old version', policy({ Effect: 'Allow', Action: '*', Resource: '*' }, '2008-10-17'), [/Version.*2012-10-17/]],
		['a lower-case effect', policy({ Effect: 'allow', Action: '*', Resource: '*' }), [/Effect.*Allow.*Deny/]],
		[
			'both Action and NotAction',
			policy({ Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' }),
			[/exactly one of "Action" or "NotAction"/],
		],
		['no action', policy({ Effect: 'Allow', Resource: '*' }), [/exactly one of "Action"/]],
		['no resource', policy({ Effect: 'Allow', Action: '*' }), [/"Resource" or "NotResource"/]],
		['an empty action list', policy({ Effect: 'Allow', Action: [], Resource: '*' }), [/string or a list of strings/]],
		['a misspelt key', policy({ Effect: 'Allow', Actions: '*', Resource: '*' }), [/unknown key "Actions"/, /exactly one of "Action"/]],
		[
			'a condition that is a string',
			policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: 'mfa' }),
			[/"Condition" must be an object/],
		],
		[
			'a condition without keys',
			policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: 'true' } }),
			[/must map condition keys/],
		],
		[
			'a condition key without a prefix',
			policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { MultiFactorAuthPresent: 'false' } } }),
			[/not a condition key/],
		],
		[
			'a condition value that is an object',
			policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': { x: 1 } } } }),
			[/has the value/],
		],
	])('%s', (_name, doc, expected) => {
		const problems = iamPolicyProblems(doc);
		expect(problems).toHaveLength(expected.length);
		expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
	});

	it('rejects a policy without statements', () => {
		expect(iamPolicyProblems({ Version: '2012-10-17' })).toEqual(['"Statement" is missing or empty']);
	});
});

describe('checkJsonBlocks', () => {
	const block = (json: string) => tree('```json\n' + json + '\n```\n');
	it('passes JSON that is not a policy', () => {
		expect(checkJsonBlocks(block('{ "Credentials": { "Expiration": "2026-11-30T06:00:00Z" } }'))).toEqual([]);
	});
	it('reports JSON that does not parse, with its line', () => {
		const problems = checkJsonBlocks(tree('Intro\n\n```json\n{ "a": 1, }\n```\n'));
		expect(problems).toHaveLength(1);
		expect(problems[0]!.line).toBe(3);
		expect(problems[0]!.message).toMatch(/does not parse/);
	});
	it('validates a policy block', () => {
		expect(checkJsonBlocks(block(JSON.stringify(policy({ Effect: 'Allow', Action: '*', Resource: '*' }, '2008-10-17'))))).toHaveLength(1);
	});
	it('leaves non-JSON code blocks alone', () => {
		expect(checkJsonBlocks(tree('```bash\naws sts get-caller-identity\n```\n'))).toEqual([]);
	});
	it.each([
		[{ Statement: [] }, true],
		[{ Version: '2012-10-17' }, true],
		[{ Version: '2.1' }, false],
		[['a'], false],
	])('looksLikeIamPolicy(%j) is %s', (value, expected) => {
		expect(looksLikeIamPolicy(value)).toBe(expected);
	});
});

describe('checkSources', () => {
	it.each([
		['## Sources\n\n- [IAM](https://docs.aws.amazon.com/IAM/)\n', 0],
		['## Steps\n\nText\n', 1],
		['## Sources\n\nNone yet.\n', 1],
		['## Sources\n\n- [IAM](http://docs.aws.amazon.com/IAM/)\n', 1],
		['## Sources\n\n## Related guides\n\n- [x](https://docs.aws.amazon.com/)\n', 1],
	])('%j → %i problem(s)', (body, count) => {
		expect(checkSources(tree(body))).toHaveLength(count);
	});
});

describe('front matter', () => {
	it('extracts the YAML between the fences', () => {
		expect(frontmatterText('---\ntitle: X\n---\nBody')).toBe('title: X');
		expect(frontmatterText('No front matter')).toBeNull();
	});
	it.each([
		[{ title: 'T', description: 'D', published: '2026-11-29', tags: ['aws'] }, 0],
		[{ title: 'T', description: 'D', published: '2026-11-29', tags: ['AWS'] }, 1],
		[{ title: 'T', description: 'D', published: '29/11/2026', tags: ['aws'] }, 1],
		[{ title: 'T', description: 'D', published: '2026-11-29', tags: ['aws'], topic: 'nope' }, 1],
	])('%j → %i problem(s)', (data, count) => {
		expect(checkFrontmatter(data)).toHaveLength(count);
	});
});

describe('checkCommandDeclarations', () => {
	const block = '```bash\naws sts get-session-token --token-code <code from your app>\n```\n';
	it('accepts a placeholder the front matter declares', () => {
		expect(checkCommandDeclarations(tree(block), { placeholders: ['<code from your app>'], notRun: [] })).toEqual([]);
	});

	it('refuses an undeclared placeholder, at the line of its block, with the declaration to add', () => {
		const [problem] = checkCommandDeclarations(tree(`Intro.\n\n${block}`), { placeholders: [], notRun: [] });
		expect(problem).toEqual({ line: 3, message: expect.stringMatching(/"<code from your app>".*placeholders: \{ "<code from your app>"/) });
	});

	it('refuses a declared placeholder or a command not run that the guide no longer has', () => {
		const problems = checkCommandDeclarations(tree('```bash\naws iam list-users\n```\n'), {
			placeholders: ['<user name>'],
			notRun: ['aws sso login'],
		});
		expect(problems.map((p) => p.message)).toEqual([
			expect.stringMatching(/declares the placeholder "<user name>", but no shell command uses it/),
			expect.stringMatching(/commandsNotRun lists "aws sso login", but no shell block/),
		]);
	});

	it('does not read a shell redirection or process substitution as a placeholder', () => {
		const script = '```bash\nread -r A < <(aws sts get-session-token)\naws iam get-credential-report > report.csv\n```\n';
		expect(checkCommandDeclarations(tree(script), { placeholders: [], notRun: [] })).toEqual([]);
	});
});
