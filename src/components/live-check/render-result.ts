import type { CheckResultBase } from '../../lib/checks/result-schema';

/**
 * Draws any check's result: the verdict and summary, identity, facts, lists, advice with its
 * step links, errors and the minimal policy. Every way of running a check (the same-origin
 * endpoint, the companion, a CloudShell paste) renders through this, so they look the same.
 * Text from the result only ever goes in as text nodes.
 */
export const VERDICT_LABELS: Record<CheckResultBase['verdict'], string> = {
	pass: 'Pass',
	fail: 'Fail',
	warn: 'Warning',
	'not-applicable': 'Not applicable',
	unknown: 'Unknown',
};
const IDENTITY_LABELS: Record<NonNullable<CheckResultBase['identity']>['type'], string> = {
	root: 'Root user',
	'iam-user': 'IAM user',
	'identity-center': 'IAM Identity Center user',
	'assumed-role': 'Assumed role',
	'federated-user': 'Federated user',
	unknown: 'Unknown identity',
};
type Child = Node | string | null | false | undefined;
export function h(tag: string, className?: string | null, ...children: Child[]): HTMLElement {
	const node = document.createElement(tag);
	if (className) node.className = className;
	for (const child of children) if (child) node.append(child);
	return node;
}
const link = (href: string, text: string) => Object.assign(h('a', null, text), { href });
const row = (term: string, ...value: Child[]) => [h('dt', null, term), h('dd', null, ...value)];

export function renderResult(result: CheckResultBase): HTMLElement {
	const { identity } = result;
	const checked = h('time', null, new Date(result.checkedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
	checked.setAttribute('datetime', result.checkedAt);
	return h(
		'div',
		`live-result live-${result.verdict}`,
		h('p', null, h('strong', null, VERDICT_LABELS[result.verdict]), ' ', result.summary),
		h(
			'dl',
			null,
			...(identity ? row('Identity checked', IDENTITY_LABELS[identity.type], identity.userName && ` ${identity.userName}`) : []),
			...(identity?.arn ? row('ARN', h('code', null, identity.arn)) : []),
			...result.facts.flatMap((fact) => row(fact.label, fact.code ? h('code', null, fact.value) : fact.value)),
			...row('Checked', checked),
		),
		...(result.lists ?? []).map((list) =>
			h(
				'div',
				null,
				h('h3', null, `${list.label} (${list.items.length})`),
				list.items.length === 0 ? h('p', null, 'None.') : h('ul', null, ...list.items.map((item) => h('li', null, item))),
			),
		),
		result.advice.length > 0 &&
			h(
				'div',
				null,
				h('h3', null, 'What to do'),
				h(
					'ul',
					null,
					...result.advice.map((advice) =>
						h(
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
			h(
				'div',
				null,
				h('h3', null, 'What went wrong'),
				h('ul', null, ...result.errors.map((error) => h('li', null, h('code', null, error.action), ': ', error.message))),
				result.minimalPolicy && h('p', null, 'Minimal read-only policy for this check:'),
				// Focusable so keyboard users can scroll a long line.
				result.minimalPolicy &&
					Object.assign(h('pre', null, h('code', null, JSON.stringify(result.minimalPolicy, null, 2))), { tabIndex: 0 }),
			),
	);
}

/** The island's `data-state`: a verdict, or `error` when nothing was learned. */
export function resultState(result: CheckResultBase): string {
	return result.errors.length > 0 && result.verdict === 'unknown' ? 'error' : result.verdict;
}
