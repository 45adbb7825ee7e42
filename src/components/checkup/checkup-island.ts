import { companionTransport, firstReachable, httpTransport, type CheckTransport } from '../../lib/live/check-transport';
import type { CheckupCheck } from '../../lib/checkup/checkup-catalog';
import { checkupJson, checkupMarkdown, deniedPolicy, identityLabel } from '../../lib/checkup/checkup-export';
import { checkedIdentity } from '../../lib/checkup/checkup-plan';
import { checkupRows, summaryLine, VERDICT_LABELS, type CheckupRow } from '../../lib/checkup/checkup-rows';
import { retryRefused, runCheckup, type CheckupEntry } from '../../lib/checkup/run-checkup';
import { recordCheckResult } from '../../lib/progress/check-results-store';

/**
 * The checkup page's behaviour, loaded when the reader presses "Run the checkup". Everything
 * that decides lives in `src/lib/checkup/`; this module asks, renders with textContent (never
 * HTML from a result) and wires the buttons.
 */

const UNAVAILABLE = 'This site has no checkup of its own. Check from AWS CloudShell or with the companion (above), or by hand (below).';

interface CheckupState {
	entries: CheckupEntry[];
	checkedAt: string;
	path: CheckupPath | 'paste';
}

const states = new WeakMap<HTMLElement, CheckupState>();
const wired = new WeakSet<HTMLElement>();

type Child = Node | string | null | false | undefined;
function h(tag: string, className?: string | null, ...children: Child[]): HTMLElement {
	const node = document.createElement(tag);
	if (className) node.className = className;
	for (const child of children) if (child) node.append(child);
	return node;
}

function part<T extends Element>(root: HTMLElement, selector: string): T {
	const found = root.querySelector<T>(selector);
	if (!found) throw new Error(`The checkup is missing ${selector}; Checkup.astro and checkup-island.ts disagree.`);
	return found;
}

function readCatalog(root: HTMLElement): CheckupCheck[] {
	return JSON.parse(root.dataset.catalog ?? '[]') as CheckupCheck[];
}

/** Which way the reader chose: the server that served the page, or the companion on their computer. */
export type CheckupPath = 'local-server' | 'companion';

/**
 * The local server's endpoint (then the companion, if the server has no checks), or the
 * companion alone; its port from `?companion-port=`, or the one the site was built with.
 */
function chooseTransport(root: HTMLElement, path: CheckupPath): CheckTransport {
	const asked = Number(new URLSearchParams(location.search).get('companion-port'));
	const defaultPort = Number(root.dataset.companionPort);
	const port = Number.isInteger(asked) && asked >= 1024 && asked <= 65535 ? asked : defaultPort;
	const companion = companionTransport({ port, defaultPort, origin: location.origin });
	if (path === 'companion') return companion;
	return firstReachable([httpTransport(root.dataset.checksBase ?? '/api/checks'), companion]);
}

function renderRow(row: CheckupRow): HTMLElement {
	const fix = Object.assign(h('a', null, row.fix.label), { href: row.fix.href });
	const tr = h(
		'tr',
		`checkup-row checkup-${row.verdict}`,
		Object.assign(h('th', null, row.title), { scope: 'row' }),
		h('td', null, h('span', `verdict verdict-${row.verdict}`, VERDICT_LABELS[row.verdict])),
		h('td', null, row.finding),
		h('td', null, fix),
	);
	tr.dataset.check = row.check;
	tr.dataset.verdict = row.verdict;
	return tr;
}

function render(root: HTMLElement, state: CheckupState) {
	const rows = checkupRows(state.entries);
	const results = part<HTMLElement>(root, '[data-results]');
	const manual = part<HTMLDetailsElement>(root, '[data-manual]');
	const summary = part<HTMLElement>(root, '[data-summary]');
	const reachable = state.entries.some((entry) => entry.answer.kind !== 'unreachable' && entry.answer.kind !== 'skipped');
	if (!reachable) {
		results.hidden = true;
		manual.open = true;
		// The companion's diagnosis (not running, refused this page, something else on the port) says what to do.
		const diagnosed =
			state.path === 'companion' ? state.entries.find((entry) => entry.answer.kind === 'unreachable' && entry.answer.companion) : undefined;
		summary.textContent = diagnosed && diagnosed.answer.kind === 'unreachable' ? diagnosed.answer.message : UNAVAILABLE;
		root.dataset.state = 'unavailable';
		return;
	}
	const identity = checkedIdentity(state.entries.flatMap((entry) => (entry.answer.kind === 'result' ? [entry.answer.body] : [])));
	const time = h('time', null, new Date(state.checkedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
	time.setAttribute('datetime', state.checkedAt);
	part(root, '[data-meta]').replaceChildren(
		'Checked ',
		time,
		' as ',
		identityLabel(identity),
		identity?.account ? ` (account ${identity.account})` : '',
		'.',
	);
	part(root, '[data-rows]').replaceChildren(...rows.map(renderRow));
	const denied = deniedPolicy(state.entries);
	const policy = part<HTMLElement>(root, '[data-denied-policy]');
	policy.hidden = denied === null;
	part(policy, 'code').textContent = denied ? JSON.stringify(denied, null, 2) : '';
	const refused = rows.filter((row) => row.verdict === 'try-again');
	const retry = part<HTMLButtonElement>(root, '[data-retry]');
	retry.hidden = refused.length === 0;
	retry.textContent = refused.length === 1 ? 'Ask the refused check again' : `Ask the ${refused.length} refused checks again`;
	part(root, '[data-action-status]').textContent = '';
	results.hidden = false;
	root.dataset.state = 'done';
	// Set once, after the table is in place: the one announcement of the checkup.
	summary.textContent = `${summaryLine(rows)}.`;
}

function remember(entries: readonly CheckupEntry[]) {
	for (const entry of entries) {
		if (entry.answer.kind === 'result') recordCheckResult(localStorage, entry.answer.body);
	}
}

/** Runs `work` with the button marked busy; aria-disabled, not disabled, so focus stays on it. */
async function busy(root: HTMLElement, button: HTMLButtonElement, work: () => Promise<void>) {
	if (button.getAttribute('aria-disabled') === 'true') return;
	button.setAttribute('aria-disabled', 'true');
	root.setAttribute('aria-busy', 'true');
	try {
		await work();
	} finally {
		button.removeAttribute('aria-disabled');
		root.removeAttribute('aria-busy');
	}
}

function checkupFileName(checkedAt: string): string {
	return `stepcheck-checkup-${checkedAt.slice(0, 10)}.json`;
}

function wire(root: HTMLElement) {
	if (wired.has(root)) return;
	wired.add(root);
	const actionStatus = part<HTMLElement>(root, '[data-action-status]');
	const current = () => states.get(root);
	const retry = part<HTMLButtonElement>(root, '[data-retry]');
	retry.addEventListener('click', () =>
		busy(root, retry, async () => {
			const state = current();
			if (!state) return;
			actionStatus.textContent = 'Asking again…';
			// A paste cannot be asked again: the reader runs the command again.
			const entries = state.path === 'paste' ? state.entries : await retryRefused(state.entries, chooseTransport(root, state.path));
			remember(entries);
			const next = { ...state, entries, checkedAt: new Date().toISOString() };
			states.set(root, next);
			render(root, next);
			if (retry.hidden) part<HTMLButtonElement>(root, '[data-copy]').focus();
		}),
	);
	part(root, '[data-copy]').addEventListener('click', async () => {
		const state = current();
		if (!state) return;
		const rows = checkupRows(state.entries);
		const identity = checkedIdentity(state.entries.flatMap((entry) => (entry.answer.kind === 'result' ? [entry.answer.body] : [])));
		const markdown = checkupMarkdown({
			rows,
			summary: summaryLine(rows),
			identity,
			checkedAt: state.checkedAt,
			siteUrl: root.dataset.site || location.origin,
			deniedPolicy: deniedPolicy(state.entries),
		});
		try {
			await navigator.clipboard.writeText(markdown);
			actionStatus.textContent = 'Copied the checkup as Markdown.';
		} catch {
			actionStatus.textContent = 'Your browser did not allow copying. Select the table and copy it instead.';
		}
	});
	part(root, '[data-download]').addEventListener('click', () => {
		const state = current();
		if (!state) return;
		const url = URL.createObjectURL(new Blob([checkupJson(state.entries)], { type: 'application/json' }));
		const link = Object.assign(document.createElement('a'), { href: url, download: checkupFileName(state.checkedAt) });
		document.body.append(link);
		link.click();
		link.remove();
		setTimeout(() => URL.revokeObjectURL(url), 10_000);
		actionStatus.textContent = `Downloaded ${link.download}.`;
	});
	part(root, '[data-print]').addEventListener('click', () => window.print());
}

async function runWith(
	root: HTMLElement,
	button: HTMLButtonElement,
	transport: () => Promise<CheckTransport<CheckupCheck>>,
	path: CheckupPath | 'paste',
): Promise<void> {
	wire(root);
	await busy(root, button, async () => {
		const catalog = readCatalog(root);
		const includeAccountWide = part<HTMLInputElement>(root, '[data-account-wide]').checked;
		const progress = part<HTMLElement>(root, '[data-progress]');
		part(root, '[data-summary]').textContent = '';
		root.dataset.state = 'checking';
		let answered = 0;
		progress.textContent = `Checking… 0 of ${catalog.length}`;
		const entries = await runCheckup({
			catalog,
			transport: await transport(),
			settings: { includeAccountWide },
			onAnswer: () => {
				answered += 1;
				progress.textContent = `Checking… ${answered} of ${catalog.length}`;
			},
		});
		progress.textContent = '';
		remember(entries);
		const state = { entries, checkedAt: new Date().toISOString(), path };
		states.set(root, state);
		render(root, state);
	});
}

/** Runs the whole checkup once in the given `<stepcheck-checkup>` element, through the local server or the companion. */
export async function runCheckupIn(root: HTMLElement, path: CheckupPath): Promise<void> {
	const button = part<HTMLButtonElement>(root, path === 'companion' ? '[data-run-companion]' : '[data-run]');
	await runWith(root, button, async () => chooseTransport(root, path), path);
	if (root.dataset.state === 'done')
		button.textContent = path === 'companion' ? 'Run the checkup with the companion again' : 'Run the checkup again';
}

/** Reads the checkup from one CloudShell paste; the paste parser loads only here. */
export async function runCheckupFromPaste(root: HTMLElement): Promise<void> {
	const text = part<HTMLTextAreaElement>(root, '[data-paste]').value;
	await runWith(
		root,
		part<HTMLButtonElement>(root, '[data-read-paste]'),
		async () => (await import('../../lib/checkup/paste-checkup')).pasteTransport(text),
		'paste',
	);
}
