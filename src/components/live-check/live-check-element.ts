/**
 * `<live-check>`: the part of the island that runs on page load. It folds the manual commands
 * (they stay open without JavaScript) and loads the check's logic on the first press.
 */
class LiveCheckElement extends HTMLElement {
	connectedCallback() {
		const manual = this.querySelector<HTMLDetailsElement>('.live-check-manual');
		if (!manual) return;
		manual.open = false;
		manual.dataset.ready = '';
		this.querySelector('[data-run]')?.addEventListener('click', () => this.run());
		this.querySelector('[data-user]')?.addEventListener('keydown', (event) => (event as KeyboardEvent).key === 'Enter' && this.run());
		// The companion and CloudShell ways load their code when the reader opens them.
		for (const details of this.querySelectorAll<HTMLDetailsElement>('details[data-mode]')) {
			details.addEventListener('toggle', () => {
				if (!details.open || details.dataset.loaded !== undefined) return;
				details.dataset.loaded = '';
				const panel = details.querySelector<HTMLElement>('[data-panel]')!;
				void (details.dataset.mode === 'companion' ? import('./companion-panel') : import('./cloudshell-panel')).then((way) =>
					way.openPanel(this, panel),
				);
			});
		}
	}

	async run() {
		const { runLiveCheck } = await import('./live-check');
		await runLiveCheck(this);
	}
}

if (!customElements.get('live-check')) customElements.define('live-check', LiveCheckElement);
