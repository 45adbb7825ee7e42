import type { CheckResultBase, Verdict } from '../../lib/checks/result-schema';
import { httpTransport, type CheckAnswer } from '../../lib/live/check-transport';
import { CAUSE_LABELS, couldNotCheckSentence } from '../../lib/checks/could-not-check';
import { IDENTITY_LABELS, VERDICT_LABELS } from '../../lib/checks/labels';
import { CHECK_RESULT_EVENT, recordCheckResult } from '../../lib/progress/check-results-store';

/**
 * The LiveCheck island's logic, loaded on the first press of a check's button: ask the
 * endpoint, decide what to show, and describe the result as plain nodes that `toDom` builds
 * with DOM APIs. Server text only ever becomes text nodes, and links only site paths or https.
 */

/** A state the island shows (`data-state`): a verdict, or `error` when no verdict could be reached. */
type LiveState = Verdict | 'error';

/** A DOM-free description of what to render; `toDom` turns it into elements. */
export interface ViewNode {
	tag: string;
	className?: string;
	attributes?: Record<string, string>;
	children: Array<ViewNode | string>;
}

export interface Outcome {
	state: LiveState;
	/** What the status line announces. */
	message: string;
	/** The result to show, or null to clear it. */
	view: ViewNode | null;
	/** Open the manual commands: the endpoint is not there to answer. */
	openManual: boolean;
	/** A verdict arrived, so the button offers to check again. */
	answered: boolean;
	/** The result body behind a verdict, kept so the steps it verifies can show it. */
	result?: CheckResultBase;
}

export const UNAVAILABLE =
	'This site has no live check of its own. Check from AWS CloudShell or with the companion (above), or by hand with the commands below.';

type Child = ViewNode | string | null | false | undefined;
export const node = (
	tag: string,
	props: { className?: string; attributes?: Record<string, string> } | null,
	...children: Child[]
): ViewNode => ({
	tag,
	...(props?.className ? { className: props.className } : {}),
	...(props?.attributes ? { attributes: props.attributes } : {}),
	children: children.filter((child): child is ViewNode | string => typeof child === 'string' || (!!child && typeof child === 'object')),
});
const row = (term: string, ...value: Child[]) => [node('dt', null, term), node('dd', null, ...value)];

/** A link the island may render: a path on this site, or an https page. Anything else stays text. */
export function safeHref(href: string): string | null {
	if (href.startsWith('/') && !href.startsWith('//')) return href;
	try {
		return new URL(href).protocol === 'https:' ? href : null;
	} catch {
		return null;
	}
}

const link = (href: string, text: string): ViewNode | string => {
	const safe = safeHref(href);
	return safe ? node('a', { attributes: { href: safe } }, text) : text;
};

/** Describes a check result: verdict and summary, what was checked, lists, advice, errors and the policy to grant. */
export function describeResult(result: CheckResultBase, formatTime: (iso: string) => string): ViewNode {
	const { identity } = result;
	return node(
		'div',
		{ className: `live-result live-${result.verdict}` },
		node('p', null, node('strong', null, VERDICT_LABELS[result.verdict]), ' ', result.summary),
		result.couldNotCheck &&
			node(
				'p',
				{ className: 'live-could-not-check', attributes: { 'data-cause': result.couldNotCheck.cause } },
				node('strong', null, `Why: ${CAUSE_LABELS[result.couldNotCheck.cause]}.`),
				result.couldNotCheck.message !== result.summary && ` ${result.couldNotCheck.message}`,
			),
		node(
			'dl',
			null,
			...(identity ? row('Identity checked', IDENTITY_LABELS[identity.type], identity.userName && ` ${identity.userName}`) : []),
			...(identity?.arn ? row('ARN', node('code', null, identity.arn)) : []),
			...result.facts.flatMap((fact) => row(fact.label, fact.code ? node('code', null, fact.value) : fact.value)),
			...row('Checked', node('time', { attributes: { datetime: result.checkedAt } }, formatTime(result.checkedAt))),
		),
		...(result.lists ?? []).map((list) =>
			node(
				'div',
				null,
				node('h3', null, `${list.label} (${list.items.length})`),
				list.items.length === 0 ? node('p', null, 'None.') : node('ul', null, ...list.items.map((item) => node('li', null, item))),
			),
		),
		result.advice.length > 0 &&
			node(
				'div',
				null,
				node('h3', null, 'What to do'),
				node(
					'ul',
					null,
					...result.advice.map((advice) =>
						node(
							'li',
							null,
							advice.message,
							advice.guideStep && ' ',
							advice.guideStep && link(advice.guideStep, advice.guideStepLabel ?? 'Open the step'),
							advice.docsUrl && ' ',
							advice.docsUrl && link(advice.docsUrl, advice.docsLabel ?? 'AWS documentation'),
						),
					),
				),
			),
		result.errors.length > 0 &&
			node(
				'div',
				null,
				node('h3', null, 'What went wrong'),
				node('ul', null, ...result.errors.map((error) => node('li', null, node('code', null, error.action), ': ', error.message))),
				result.minimalPolicy && node('p', null, 'Minimal read-only policy for this check:'),
				// Focusable so keyboard users can scroll a long line.
				result.minimalPolicy &&
					node('pre', { attributes: { tabindex: '0' } }, node('code', null, JSON.stringify(result.minimalPolicy, null, 2))),
			),
	);
}

/** What to show for a result body: its verdict, or "could not check" and why, and the view of it. */
export function outcomeOfResult(result: CheckResultBase, formatTime: (iso: string) => string): Outcome {
	return {
		state: result.errors.length > 0 && result.verdict === 'unknown' ? 'error' : result.verdict,
		message: result.couldNotCheck
			? couldNotCheckSentence(result.couldNotCheck, result.summary)
			: `${VERDICT_LABELS[result.verdict]}: ${result.summary}`,
		view: describeResult(result, formatTime),
		openManual: false,
		answered: true,
		result,
	};
}

/**
 * What to show for any path's answer (`src/lib/live/check-transport.ts`): a result as
 * `outcomeOfResult` shows it, a refusal or a rate limit as the message it carries, and no endpoint
 * as the other ways to check.
 */
export function outcomeOfAnswer(answer: CheckAnswer): Outcome {
	switch (answer.kind) {
		case 'result':
			return outcomeOfResult(answer.body, formatTime);
		case 'rate-limited':
			return {
				state: 'error',
				message: `Could not check (rate-limited). ${answer.message}`,
				view: null,
				openManual: false,
				answered: false,
			};
		case 'refused':
		case 'unsupported':
			return { state: 'error', message: answer.message, view: null, openManual: false, answered: false };
		case 'unreachable':
			return { state: 'error', message: UNAVAILABLE, view: null, openManual: true, answered: false };
	}
}

/** Builds the described nodes with DOM APIs: strings become text nodes, never markup. */
export function toDom(view: ViewNode, doc: Document): HTMLElement {
	const element = doc.createElement(view.tag);
	if (view.className) element.className = view.className;
	for (const [name, value] of Object.entries(view.attributes ?? {})) element.setAttribute(name, value);
	for (const child of view.children) element.append(typeof child === 'string' ? doc.createTextNode(child) : toDom(child, doc));
	return element;
}

export const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Runs one way of checking for a `<live-check>` element: busy state on the pressed button,
 * then the outcome in place. The endpoint, the companion and a CloudShell paste all end here.
 */
export async function runWith(element: HTMLElement, button: HTMLButtonElement, ask: () => Promise<Outcome>): Promise<void> {
	const status = element.querySelector<HTMLElement>('[data-status]');
	const target = element.querySelector<HTMLElement>('[data-result]');
	const manual = element.querySelector<HTMLDetailsElement>('.live-check-manual');
	// aria-disabled, not disabled: a disabled button drops keyboard focus to the page.
	if (!status || !target || !manual || button.getAttribute('aria-disabled') === 'true') return;
	button.setAttribute('aria-disabled', 'true');
	element.setAttribute('aria-busy', 'true');
	element.dataset.state = 'checking';
	status.textContent = 'Checking…';
	const outcome = await ask();
	target.replaceChildren(...(outcome.view ? [toDom(outcome.view, document)] : []));
	if (outcome.openManual) manual.open = true;
	if (outcome.answered) button.textContent = 'Check again';
	if (outcome.result) {
		// The steps this check verifies show the result, now and on the reader's next visit.
		recordCheckResult(localStorage, outcome.result);
		document.dispatchEvent(new Event(CHECK_RESULT_EVENT));
	}
	element.dataset.state = outcome.state;
	status.textContent = outcome.message;
	element.removeAttribute('aria-busy');
	button.removeAttribute('aria-disabled');
}

/** The check's own request: its method and the optional user name typed into the island. */
export function requestOf(element: HTMLElement): { id: string; method: string; user: string | undefined } {
	const user = element.querySelector<HTMLInputElement>('[data-user]')?.value.trim();
	return { id: element.dataset.check ?? '', method: element.dataset.method ?? 'GET', user: user || undefined };
}

/** Runs the check of one `<live-check>` element against the endpoint of the server that served the page. */
export async function runLiveCheck(element: HTMLElement): Promise<void> {
	const button = element.querySelector<HTMLButtonElement>('[data-run]');
	if (!button) return;
	const endpoint = element.dataset.endpoint ?? '';
	const ask = httpTransport(endpoint.slice(0, endpoint.lastIndexOf('/')));
	await runWith(element, button, async () => outcomeOfAnswer(await ask(requestOf(element))));
}
