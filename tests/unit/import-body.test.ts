import { describe, expect, it } from 'vitest';
import { convertBody } from '../../src/lib/import/convert-body';

const refs: Record<string, string> = {
	'rotate-access-keys.md': '/guides/rotate-access-keys/',
	'/blog/2019/enable-aws-mfa': '/guides/enable-aws-mfa/',
};
const convert = (body: string) => convertBody(body, 1, { resolveRef: (target) => refs[target] ?? null });

describe('numbered lists become <Steps>', () => {
	it('keeps oddly indented bullets and images inside their step, renumbers "9 ." and wraps the list once', () => {
		const result = convert(
			[
				'Intro.',
				'',
				'1. Sign in.',
				'![Sign-in page](/i/a.png)',
				'2. Open **Security credentials**.',
				'  - Older consoles called it differently.',
				'      - It sat under your name.',
				'9 . Scan the code.',
				'',
				'     ![QR code](/i/b.png)',
				'10. Choose **Add MFA**.',
				'',
				'![Device list](/i/c.png)',
				'',
				'Done.',
			].join('\n'),
		);
		expect(result.problems).toEqual([]);
		expect(result.stepLists).toBe(1);
		expect(result.mdx).toBe(
			[
				'Intro.',
				'',
				'<Steps>',
				'',
				'1. Sign in.',
				'   ![Sign-in page](./a.png)',
				'',
				'2. Open **Security credentials**.',
				'   - Older consoles called it differently.',
				'       - It sat under your name.',
				'',
				'3. Scan the code.',
				'',
				'   ![QR code](./b.png)',
				'',
				'4. Choose **Add MFA**.',
				'',
				'   ![Device list](./c.png)',
				'',
				'</Steps>',
				'',
				'Done.',
				'',
			].join('\n'),
		);
	});

	it('ends the steps at a heading and leaves code fences alone', () => {
		const result = convert(
			['1. Run:', '', '   ```sh', '   aws iam list-mfa-devices {x}', '   ```', '2. Check.', '', '## Next', '', '1. Another list.'].join(
				'\n',
			),
		);
		expect(result.stepLists).toBe(2);
		expect(result.mdx).toContain('   ```sh\n   aws iam list-mfa-devices {x}\n   ```');
		expect(result.mdx).toMatch(/<\/Steps>\n\n## Next\n\n<Steps>\n\n1\. Another list\./);
	});

	it('does not swallow a paragraph or bullet list that follows the last step', () => {
		const result = convert(['1. One.', '2. Two.', '', 'After the steps.', '', '- a separate list'].join('\n'));
		expect(result.mdx).toBe('<Steps>\n\n1. One.\n2. Two.\n\n</Steps>\n\nAfter the steps.\n\n- a separate list\n');
	});
});

describe('images', () => {
	it('uses plain Markdown without options and an imported <Screenshot> with them', () => {
		const result = convert('![Plain](/i/plain.png "A caption")\n\n![Framed](/i/awsmfa-1.png?classes=shadow&width=40pc&featherlight=false)');
		expect(result.mdx).toContain('![Plain](./plain.png "A caption")');
		expect(result.imports).toEqual(["import shotAwsmfa1 from './awsmfa-1.png';"]);
		expect(result.mdx).toContain('<Screenshot src={shotAwsmfa1} alt="Framed" frame="shadow" maxWidth="40pc" zoom={false} />');
		expect(result.images.map((i) => [i.path, i.localName])).toEqual([
			['/i/plain.png', 'plain.png'],
			['/i/awsmfa-1.png', 'awsmfa-1.png'],
		]);
	});

	it('gives two different images with one file name two local names', () => {
		const result = convert('![One](/2019/a.png)\n\n![Two](/2020/a.png)');
		expect(result.images.map((i) => i.localName)).toEqual(['a.png', 'a-2.png']);
	});

	it('refuses images without alt text and images on other sites, naming the line', () => {
		const result = convert('Text.\n\n![](/i/a.png)\n\n![Remote](https://example.com/a.png)');
		expect(result.problems).toEqual([
			{ line: 3, message: expect.stringContaining('has no alt text') },
			{ line: 5, message: expect.stringContaining('is on another site') },
		]);
	});
});

describe('blockquotes and shortcodes', () => {
	it.each([
		['> Plain quote.', 'note', 'Plain quote.'],
		['> **Warning:** Do not share codes.', 'warning', 'Do not share codes.'],
		['> Tip: keep a backup.', 'tip', 'keep a backup.'],
	])('%s becomes a %s callout', (quote, type, text) => {
		expect(convert(quote).mdx).toBe(`<Callout type="${type}">\n\n${text}\n\n</Callout>\n`);
	});

	it.each([
		['{{% notice note %}}', 'note', ''],
		['{{% notice info %}}', 'note', ''],
		['{{% notice tip %}}', 'tip', ''],
		['{{% notice warning "Careful" %}}', 'warning', ' title="Careful"'],
		['{{< notice important >}}', 'warning', ''],
		['{{% expand "Why MFA?" %}}', 'note', ' title="Why MFA?"'],
	])('%s becomes a %s callout', (open, type, title) => {
		const name = open.includes('expand') ? 'expand' : 'notice';
		const close = open.startsWith('{{<') ? `{{< /${name} >}}` : `{{% /${name} %}}`;
		expect(convert(`${open}\nInside.\n${close}`).mdx).toBe(`<Callout type="${type}"${title}>\n\nInside.\n\n</Callout>\n`);
	});

	it('turns ref and relref into links to the imported guides', () => {
		const result = convert('See [keys]({{< relref "rotate-access-keys.md" >}}) and [MFA]({{< ref "/blog/2019/enable-aws-mfa" >}}).');
		expect(result.problems).toEqual([]);
		expect(result.mdx).toBe('See [keys](/guides/rotate-access-keys/) and [MFA](/guides/enable-aws-mfa/).\n');
	});

	it('stops on unknown shortcodes, unresolved refs and unclosed notices and tabs, naming each line', () => {
		const result = convert(
			['{{< tabs >}}', 'x', '{{< youtube abc >}}', '[a]({{< ref "elsewhere.md" >}})', '{{% notice tip %}}', 'never closed'].join('\n'),
		);
		expect(result.problems).toEqual([
			{ line: 3, message: expect.stringContaining('the {{< youtube >}} shortcode is not one Stepcheck can convert') },
			{ line: 4, message: expect.stringContaining('{{< ref "elsewhere.md" >}} points at a post that is not part of this import') },
			{ line: 1, message: expect.stringContaining('{{% tabs %}} is never closed') },
			{ line: 5, message: expect.stringContaining('{{% notice %}} is never closed') },
		]);
	});

	it('turns Learn tabs into one labelled section per tab, with a warning to check them', () => {
		const result = convert(
			[
				'{{< tabs >}}',
				'{{% tab name="Console" %}}',
				'Choose **Users**.',
				'{{% /tab %}}',
				'{{% tab name="AWS CLI" %}}',
				'```sh',
				'aws iam list-users',
				'```',
				'{{% /tab %}}',
				'{{< /tabs >}}',
			].join('\n'),
		);
		expect(result.problems).toEqual([]);
		expect(result.mdx).toBe('**Console**\n\nChoose **Users**.\n\n**AWS CLI**\n\n```sh\naws iam list-users\n```\n');
		expect(result.warnings).toEqual([{ line: 1, message: expect.stringContaining('one labelled section per tab') }]);
	});

	it('turns a figure into an image with its alt text and caption, and refuses one without src', () => {
		const result = convert('{{< figure src="/blog/2019/images/keys.png" alt="The access keys table" caption="Two keys, one inactive" >}}');
		expect(result.problems).toEqual([]);
		expect(result.images).toEqual([{ path: '/blog/2019/images/keys.png', localName: 'keys.png', alt: 'The access keys table', line: 1 }]);
		expect(result.mdx).toBe('![The access keys table](./keys.png "Two keys, one inactive")\n');
		expect(convert('{{< figure caption="x" >}}').problems[0]?.message).toContain('has no src');
	});
});

describe('raw HTML and MDX syntax in prose', () => {
	it('keeps simple inline tags, converts comments, breaks and autolinks, escapes braces and the rest with a warning', () => {
		const result = convert(
			'Press <kbd>Ctrl</kbd>, keep {x}.<br>\n<!-- note -->\n<div class="box">Boxed</div> see <https://aws.amazon.com> and `<code {kept}>`',
		);
		expect(result.mdx).toBe(
			'Press <kbd>Ctrl</kbd>, keep \\{x\\}.<br />\n{/* note */}\n&lt;div class="box">Boxed&lt;/div> see [https://aws.amazon.com](https://aws.amazon.com) and `<code {kept}>`\n',
		);
		expect(result.warnings.map((w) => w.line)).toEqual([3, 3]);
		expect(result.warnings[0]!.message).toContain('raw HTML <div class="box"> was escaped');
	});
});
