import { CLOUDSHELL_REGIONS_SOURCE, cloudShellCommand, findCloudShellCheck, readPaste } from '../../lib/checks/cloudshell';
import { iamPolicySchema, type IamPolicy } from '../../lib/checks/result-schema';
import { formatTime, node, outcomeOfResult, requestOf, runWith, safeHref, toDom, type Outcome } from './live-check';

/**
 * "Check from AWS CloudShell", loaded when the reader opens it: the command to run, a box to
 * paste its output into, and the verdict decided right here with the checks' own `decide…`
 * functions. Nothing is sent anywhere; the pasted text is parsed, and never becomes markup.
 */
const link = (href: string, text: string) => node('a', { attributes: { href: safeHref(href) ?? '#' } }, text);

function policyOf(panel: HTMLElement): IamPolicy | null {
	try {
		return iamPolicySchema.parse(JSON.parse(panel.dataset.policy ?? 'null'));
	} catch {
		return null;
	}
}

/** The outcome of a paste: the same as an endpoint's answer when it reads, else what is wrong with it. */
function pasteOutcome(id: string, text: string, policy: IamPolicy | null): Outcome {
	const read = readPaste(id, text, { policy });
	if (read.ok) return outcomeOfResult(read.result, formatTime);
	const view = read.policy
		? node(
				'div',
				{ className: 'live-problem' },
				node('p', null, 'Minimal read-only policy for this check:'),
				node('pre', { attributes: { tabindex: '0' } }, node('code', null, JSON.stringify(read.policy, null, 2))),
			)
		: null;
	return { state: 'error', message: read.message, view, openManual: false, answered: false };
}

export function openPanel(element: HTMLElement, panel: HTMLElement): void {
	const { id, user } = requestOf(element);
	const check = findCloudShellCheck(id);
	if (!check || !('command' in check)) {
		const reason = check?.reason ?? 'This check cannot be run from CloudShell.';
		panel.replaceChildren(
			toDom(node('p', null, reason, check?.source && ' ', check?.source && link(check.source.url, check.source.label)), document),
		);
		return;
	}
	const boxId = `${id}-cloudshell-output`;
	panel.replaceChildren(
		toDom(
			node(
				'div',
				null,
				node(
					'p',
					null,
					'Sign in to the AWS console as the identity to check, open CloudShell (the terminal icon in the console’s top bar) and run this read-only command. It asks AWS who you are and checks that identity, reads only, and takes a few seconds. CloudShell runs in ',
					link(CLOUDSHELL_REGIONS_SOURCE.url, 'many but not all Regions'),
					'; IAM is global, so any of them checks the whole account.',
				),
				node(
					'div',
					{ className: 'code-block' },
					node(
						'pre',
						{ attributes: { tabindex: '0' } },
						node('code', { attributes: { 'data-command': '' } }, cloudShellCommand(check, user)),
					),
					node('button', { className: 'copy-code', attributes: { type: 'button', 'data-copy-command': '' } }, 'Copy'),
					node('span', { className: 'visually-hidden', attributes: { role: 'status', 'data-copy-note': '' } }),
				),
				node(
					'p',
					null,
					'Copy all of its output, paste it below and press the button. What you paste stays in this page: nothing is sent anywhere.',
				),
				node(
					'p',
					{ className: 'live-check-field' },
					node('label', { attributes: { for: boxId } }, 'Output from CloudShell'),
					node('textarea', { attributes: { id: boxId, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off' } }),
				),
				node('button', { className: 'live-check-button', attributes: { type: 'button', 'data-paste-run': '' } }, 'Check the pasted output'),
			),
			document,
		),
	);
	const note = panel.querySelector<HTMLElement>('[data-copy-note]')!;
	const shown = panel.querySelector<HTMLElement>('[data-command]')!;
	// A name typed into the check's field goes into the command at once.
	element.querySelector('[data-user]')?.addEventListener('input', () => {
		shown.textContent = cloudShellCommand(check, requestOf(element).user);
	});
	panel.querySelector('[data-copy-command]')!.addEventListener('click', async () => {
		note.textContent = await navigator.clipboard.writeText(shown.textContent ?? check.command).then(
			() => 'Copied',
			() => 'Could not copy: select the command and copy it by hand',
		);
	});
	const box = panel.querySelector<HTMLTextAreaElement>('textarea')!;
	const run = panel.querySelector<HTMLButtonElement>('[data-paste-run]')!;
	run.addEventListener('click', () =>
		// The button keeps its name: a reader pastes again rather than checks again.
		runWith(element, run, async () => ({
			...pasteOutcome(id, box.value, policyOf(panel)),
			answered: false,
		})),
	);
}
