import { describe, expect, it } from 'vitest';
import { toStarlightSource } from '../../scripts/bench/starlight-source.mjs';

const guide = [
	'---',
	'title: Turn on MFA',
	'description: One sentence.',
	'published: 2019-09-12',
	'tags: [aws, mfa]',
	'topic: sign-in',
	'---',
	"import shot from './shot.png';",
	'',
	'<Steps>',
	'1. Open it.',
	'',
	'   <Screenshot src={shot} alt="The page" />',
	'',
	'   <Callout type="warning">Careful.</Callout>',
	'',
	'   <MfaCheck />',
	'</Steps>',
	'',
].join('\n');

describe('bench: a Stepcheck guide as a stock Starlight page', () => {
	const { source, passthrough } = toStarlightSource(guide, { componentsPath: '../../components' });

	it('keeps only title and description in the front matter', () => {
		expect(source.startsWith('---\ntitle: Turn on MFA\ndescription: One sentence.\n---\n')).toBe(true);
		expect(source).not.toMatch(/^(published|tags|topic):/m);
	});

	it("imports Starlight's Steps and the stand-ins for Stepcheck's components", () => {
		expect(source).toContain("import { Steps } from '@astrojs/starlight/components';");
		expect(source).toContain("import Callout from '../../components/Callout.astro';");
		expect(source).toContain("import Screenshot from '../../components/Screenshot.astro';");
	});

	it('renders components Starlight has no stand-in for as plain wrappers, and says which', () => {
		expect(passthrough).toEqual(['MfaCheck']);
		expect(source).toContain("import MfaCheck from '../../components/Passthrough.astro';");
	});

	it('keeps the body and its own imports unchanged', () => {
		expect(source).toContain(guide.slice(guide.indexOf('import shot')));
	});

	it('does not import a component the guide already imports', () => {
		const own = toStarlightSource(
			guide.replace("import shot from './shot.png';", "import shot from './shot.png';\nimport Callout from './MyCallout.astro';"),
			{ componentsPath: '.' },
		);
		expect(own.source).not.toContain("import Callout from './Callout.astro'");
	});

	it('refuses a guide without front matter', () => {
		expect(() => toStarlightSource('# Hi', { componentsPath: '.' })).toThrow(/front matter/);
	});
});
