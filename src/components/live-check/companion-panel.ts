import { askCompanion } from './companion-transport';
import { requestOf, runWith } from './live-check';

/**
 * "Check with the companion": runs the check through the companion on loopback. The port is
 * the build's (`data-companion-port`), unless the page was opened with `?companion-port=N`
 * (the companion prints it when started on another port).
 */
export function runWithCompanion(element: HTMLElement, button: HTMLButtonElement): Promise<void> {
	const panel = button.closest<HTMLElement>('[data-companion-port]')!;
	const defaultPort = Number(panel.dataset.companionPort);
	const asked = Number(new URLSearchParams(location.search).get('companion-port'));
	const port = Number.isInteger(asked) && asked >= 1024 && asked <= 65535 ? asked : defaultPort;
	const ask = askCompanion({ port, defaultPort, origin: location.origin });
	return runWith(element, button, () => ask(requestOf(element)));
}
