import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readCisCoverage } from '../../src/lib/coverage/cis-coverage';
import { attr, elements, loadPages, type BuiltPage } from '../support/built-site';
import { ROOT } from '../support/paths';

/** The CIS coverage page, as a reader or an auditor gets it from the build. */

const client = join(inject('outDir'), 'client');
const coverage = readCisCoverage(JSON.parse(readFileSync(join(ROOT, 'src/content/cis-coverage.json'), 'utf8')), 'cis-coverage.json');
let pages: BuiltPage[];

beforeAll(() => {
	pages = loadPages(client);
});

const page = (path: string) => pages.find((p) => p.path === path)!;

describe('the CIS coverage page', () => {
	it('is linked from the footer of every page', () => {
		for (const path of ['/', '/guides/password-policy/', '/check/']) {
			const footer = elements(page(path).tree, 'footer')[0]!;
			expect(
				elements(footer, 'a').some((a) => attr(a, 'href') === '/coverage/'),
				path,
			).toBe(true);
		}
	});

	it('has one row per recommendation, each saying how it is verified, honestly', () => {
		const rows = elements(page('/coverage/').tree, 'li').filter((li) => /^cis-/.test(attr(li, 'id') ?? ''));
		expect(rows.map((li) => attr(li, 'id'))).toEqual(coverage.recommendations.map((r) => `cis-${r.id.replaceAll('.', '-')}`));
		const html = page('/coverage/').html;
		for (const r of coverage.recommendations) {
			const expected = !r.verify ? 'not-covered' : 'check' in r.verify ? 'live-check' : 'by-hand';
			expect(html, r.id).toContain(`id="cis-${r.id.replaceAll('.', '-')}" data-status="${expected}"`);
		}
		const notCovered = coverage.recommendations.filter((r) => !r.verify).length;
		expect(html).toContain(`${notCovered} are not covered yet`);
		// Each control ID is a link to AWS's page for that control.
		const links = elements(page('/coverage/').tree, 'a').map((a) => ({
			href: attr(a, 'href'),
			text: a.children.map((child) => ('value' in child ? child.value : '')).join(''),
		}));
		for (const r of coverage.recommendations.filter((rec) => rec.securityHub)) {
			expect(links, r.id).toContainEqual({ href: r.securityHubSource, text: r.securityHub });
		}
	});

	it('links each fix to a step that exists on its guide page', () => {
		const links = elements(page('/coverage/').tree, 'a')
			.map((a) => attr(a, 'href') ?? '')
			.filter((href) => href.includes('#step-'));
		expect(links.length).toBe(coverage.recommendations.filter((r) => r.fix).length);
		for (const href of links) {
			const [path, anchor] = href.split('#');
			const target = page(path!);
			expect(target, href).toBeDefined();
			expect(
				elements(target.tree, 'li').some((li) => attr(li, 'id') === anchor),
				href,
			).toBe(true);
		}
	});
});
