import {
	CLOUDSHELL_REGIONS_SOURCE,
	findCloudShellCheck,
	readPaste,
	type CloudShellCheck,
	type CloudShellUnavailable,
} from '../../lib/checks/cloudshell';
import { iamPolicySchema, type IamPolicy } from '../../lib/checks/result-schema';
import { h, renderResult, resultState, VERDICT_LABELS } from './render-result';
import type { LiveCheckHost } from './transport';

/**
 * "Check from AWS CloudShell", loaded when the reader opens it: the command to run, a box to
 * paste its output into, and the verdict decided right here. Nothing is sent anywhere; the
 * pasted text is parsed and never inserted as HTML.
 */
const link = (href: string, text: string) => Object.assign(h('a', null, text), { href });

function unavailable(panel: HTMLElement, check: CloudShellUnavailable | undefined) {
	panel.replaceChildren(
		h(
			'p',
			null,
			check?.reason ?? 'This check cannot be run from CloudShell.',
			check?.source && ' ',
			check?.source && link(check.source.url, check.source.label),
		),
	);
}

function policyOf(panel: HTMLElement): IamPolicy | null {
	try {
		return iamPolicySchema.parse(JSON.parse(panel.dataset.policy ?? 'null'));
	} catch {
		return null;
	}
}

export function openPanel(host: LiveCheckHost, panel: HTMLElement): void {
	const found = findCloudShellCheck(host.request().id);
	if (!found || !('command' in found)) return unavailable(panel, found);
	const check: CloudShellCheck = found;
	const id = `${host.request().id}-cloudshell`;
	const copyStatus = h('span', 'live-check-copied');
	copyStatus.setAttribute('role', 'status');
	const copy = Object.assign(h('button', 'copy-code', 'Copy'), { type: 'button' });
	copy.addEventListener('click', async () => {
		try {
			await navigator.clipboard.writeText(check.command);
			copyStatus.textContent = 'Copied';
		} catch {
			copyStatus.textContent = 'Select the command and copy it by hand';
		}
	});
	const box = Object.assign(h('textarea'), { id: `${id}-paste`, spellcheck: false, autocomplete: 'off' }) as HTMLTextAreaElement;
	box.setAttribute('autocapitalize', 'off');
	const run = Object.assign(h('button', 'live-check-button', 'Check the pasted output'), { type: 'button' });
	run.addEventListener('click', () => {
		const outcome = readPaste(check.id, box.value, { policy: policyOf(panel) });
		if (outcome.ok) {
			host.show(
				resultState(outcome.result),
				`${VERDICT_LABELS[outcome.result.verdict]}: ${outcome.result.summary}`,
				renderResult(outcome.result),
			);
			return;
		}
		const detail = outcome.policy
			? h(
					'div',
					'live-problem',
					h('p', null, 'Minimal read-only policy for this check:'),
					Object.assign(h('pre', null, h('code', null, JSON.stringify(outcome.policy, null, 2))), { tabIndex: 0 }),
				)
			: undefined;
		host.show('error', outcome.message, detail);
	});
	const label = Object.assign(h('label', null, 'Output from CloudShell'), { htmlFor: box.id });
	panel.replaceChildren(
		h(
			'p',
			null,
			'Sign in to the AWS console as the identity to check, open CloudShell (the terminal icon in the console’s top bar), and run this read-only command. CloudShell runs in ',
			link(CLOUDSHELL_REGIONS_SOURCE.url, 'many but not all Regions'),
			'; IAM is global, so any of them checks the whole account.',
		),
		h('div', 'code-block', Object.assign(h('pre', null, h('code', null, check.command)), { tabIndex: 0 }), copy, copyStatus),
		h(
			'p',
			null,
			'Copy all of its output, paste it below and press the button. What you paste stays in this page: nothing is sent anywhere.',
		),
		h('p', 'live-check-field', label, box),
		run,
	);
}
