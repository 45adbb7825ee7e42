import { companionTransport } from './companion-transport';
import { requestOf, runWith } from './live-check';

/**
 * "Check with the companion", loaded when the reader opens it: its button runs the check
 * through the companion on loopback. `?companion-port=N` (the companion prints it when started
 * on another port) beats the build's port.
 */
export function openPanel(element: HTMLElement, panel: HTMLElement): void {
	const defaultPort = Number(panel.dataset.companionPort);
	const asked = Number(new URLSearchParams(location.search).get('companion-port'));
	const port = Number.isInteger(asked) && asked >= 1024 && asked <= 65535 ? asked : defaultPort;
	const transport = companionTransport({ port, defaultPort, origin: location.origin }, Number(element.dataset.schemaVersion));
	const button = panel.querySelector<HTMLButtonElement>('[data-companion-run]');
	button?.addEventListener('click', () => runWith(element, button, () => transport.ask(requestOf(element))));
}
