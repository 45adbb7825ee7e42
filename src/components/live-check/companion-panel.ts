import { companionTransport } from './companion-transport';
import { h } from './render-result';
import type { LiveCheckHost, TransportFailure } from './transport';

/**
 * "Check with the companion", loaded when the reader opens it: the button runs the check
 * through the companion on loopback, and each way it can fail gets its own plain message.
 */
const code = (text: string) => h('pre', null, h('code', null, text));

/** `?companion-port=N` (the companion prints it when started on another port) beats the build's default. */
function portFor(panel: HTMLElement): number {
	const asked = Number(new URLSearchParams(location.search).get('companion-port'));
	return Number.isInteger(asked) && asked >= 1024 && asked <= 65535 ? asked : Number(panel.dataset.companionPort);
}

export function explainCompanionFailure(failure: TransportFailure, port: number, defaultPort: number): [string, Node?] {
	const command = `node stepcheck-companion.mjs${port === defaultPort ? '' : ` --port ${port}`}`;
	switch (failure.kind) {
		case 'not-running':
			return [
				`The companion is not running on this computer (port ${port}).`,
				h(
					'div',
					'live-problem',
					h('p', null, 'Download it with the link above, start it in a terminal with this command, then press the button again:'),
					code(command),
					failure.permission === 'prompt' &&
						h('p', null, 'If your browser asks whether this site may reach devices on your local network, choose Allow.'),
				),
			];
		case 'blocked':
			return [
				'Your browser blocked this page from reaching the companion on your computer.',
				h(
					'div',
					'live-problem',
					h('p', null, 'Allow this site to reach your local network, then reload the page and press the button again:'),
					h(
						'ul',
						null,
						h(
							'li',
							null,
							'Chrome, Edge and other Chromium browsers: click the icon left of the address, open Site settings, and set Local network access to Allow.',
						),
						h('li', null, 'Firefox: allow the local network prompt if it appears, or open the permissions icon in the address bar.'),
						h('li', null, 'Safari, or a browser that offers no such setting: use "Check from AWS CloudShell" below instead.'),
					),
				),
			];
		case 'version-mismatch':
			return [
				'The companion you are running is for another version of this site.',
				h(
					'div',
					'live-problem',
					h(
						'p',
						null,
						`It speaks result format ${failure.companion || 'unknown'} and this page format ${failure.page}. Stop it with Ctrl+C, download it again with the link above, and start the new file.`,
					),
				),
			];
		case 'origin-refused':
			return [
				`The companion is running but does not answer pages from ${location.origin}.`,
				h(
					'div',
					'live-problem',
					h('p', null, 'If you trust this copy of the site (a preview, say), stop the companion with Ctrl+C and start it again with:'),
					code(`${command} --allow-origin ${location.origin}`),
				),
			];
		case 'refused':
			return [failure.message];
		case 'unavailable':
			return ['The companion gave no answer. Start it again and press the button again.'];
	}
}

export function openPanel(host: LiveCheckHost, panel: HTMLElement): void {
	const port = portFor(panel);
	const transport = companionTransport(port);
	const button = panel.querySelector<HTMLButtonElement>('[data-companion-run]');
	button?.addEventListener('click', () =>
		host.runThrough(button, transport.run, (failure) => explainCompanionFailure(failure, port, Number(panel.dataset.companionPort))),
	);
}
