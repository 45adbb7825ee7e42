import { livePathOf } from '../../lib/live/live-path';

/**
 * `<live-check>`: the part of the island that runs on page load. It folds the manual commands
 * (they stay open without JavaScript) and loads the check's logic on the first press.
 */
class LiveCheckElement extends HTMLElement {
	connectedCallback() {
		const manual = this.querySelector<HTMLDetailsElement>('.live-check-manual');
		if (!manual) return;
		this.dataset.livePath = livePathOf(location.hostname);
		manual.open = false;
		manual.dataset.ready = '';
		this.querySelector('[data-run]')?.addEventListener('click', () => this.run());
		this.querySelector('[data-user]')?.addEventListener('keydown', (event) => (event as KeyboardEvent).key === 'Enter' && this.run());
		// The companion's code loads on its button's first press (a press while it loads still counts);
		// CloudShell's when the reader opens it, since it draws the command and the paste box.
		const companion = this.querySelector<HTMLButtonElement>('[data-companion-run]');
		companion?.addEventListener('click', async () => (await import('./companion-panel')).runWithCompanion(this, companion));
		const cloudshell = this.querySelector<HTMLDetailsElement>('details[data-mode="cloudshell"]');
		cloudshell?.addEventListener('toggle', () => {
			if (!cloudshell.open || cloudshell.dataset.loaded !== undefined) return;
			cloudshell.dataset.loaded = '';
			void import('./cloudshell-panel').then((way) => way.openPanel(this, cloudshell.querySelector<HTMLElement>('[data-panel]')!));
		});
	}

	async run() {
		const { runLiveCheck } = await import('./live-check');
		await runLiveCheck(this);
	}
}

if (!customElements.get('live-check')) customElements.define('live-check', LiveCheckElement);
