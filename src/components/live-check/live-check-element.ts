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
	}

	async run() {
		const { runLiveCheck } = await import('./live-check');
		await runLiveCheck(this);
	}
}

if (!customElements.get('live-check')) customElements.define('live-check', LiveCheckElement);
