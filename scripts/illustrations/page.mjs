// How an illustration source becomes a page to capture, and what its layout must satisfy.
// Shared by `npm run illustrations` and the test that holds every source to it.

/** Captured at twice the layout width, so a 2x screen draws the PNG 1:1 in the step. */
export const DEVICE_SCALE = 2;
/** The smallest text an illustration may show, in CSS px at the width the step draws it. */
export const MIN_TEXT_PX = 14;

/**
 * `<meta name="illustration-width" content="608">`: the width the source is laid out for,
 * which must be the width the step shows it (STEP_CONTENT_PX at desktop). The height
 * follows the content.
 */
export function illustrationWidth(html, file) {
	const match = /<meta\s+name="illustration-width"\s+content="(\d+)"/.exec(html);
	if (!match) {
		throw new Error(
			`${file}: no layout width. Add <meta name="illustration-width" content="608"> to its <head> (608 is the step's content width at desktop).`,
		);
	}
	const width = Number(match[1]);
	if (width < 200 || width > 1440) throw new Error(`${file}: illustration-width ${width} is out of range (200 to 1440).`);
	return width;
}

/** The source with the kit's stylesheet and the "not a real screenshot" badge added. */
export function illustrationPage(html, kit, width) {
	const badge = '<div class="illustration-badge">Illustration, not a real screenshot</div>';
	const style = `<style>${kit}\nbody{--w:${width}px}</style>`;
	const withStyle = html.includes('</head>') ? html.replace('</head>', `${style}</head>`) : style + html;
	return withStyle.includes('</body>') ? withStyle.replace('</body>', `${badge}</body>`) : withStyle + badge;
}

/**
 * Runs in the page: grows the canvas to hold everything (an open menu may reach below the
 * page's flow), and returns its height, the smallest text drawn, and any element drawn
 * outside the canvas's width (a layout made for a wider canvas, clipped by the capture).
 */
export function fitIllustration() {
	// Room under the lowest content for the badge (console.css puts it 12px from the bottom).
	const badgeRoom = 44;
	const width = document.body.clientWidth;
	let smallest = { px: Infinity, text: '' };
	let lowest = 0;
	const overflowing = [];
	for (const element of document.body.querySelectorAll('*')) {
		const box = element.getBoundingClientRect();
		if (box.width === 0 || box.height === 0) continue;
		if (!element.classList.contains('illustration-badge')) lowest = Math.max(lowest, box.bottom);
		const ownText = [...element.childNodes]
			.filter((n) => n.nodeType === Node.TEXT_NODE)
			.map((n) => n.textContent.trim())
			.join(' ')
			.trim();
		if (ownText) {
			const px = parseFloat(getComputedStyle(element).fontSize);
			if (px < smallest.px) smallest = { px, text: ownText.slice(0, 60) };
		}
		if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5)
			overflowing.push(
				`${element.tagName.toLowerCase()}.${element.className} "${(element.textContent ?? '').trim().slice(0, 40)}" spans ${Math.round(box.left)} to ${Math.round(box.right)} px across from ${Math.round(box.top)} px down`,
			);
	}
	const height = Math.ceil(Math.max(document.body.getBoundingClientRect().height, lowest + badgeRoom));
	document.body.style.minHeight = `${height}px`;
	return { height, smallest, overflowing };
}

/** What is wrong with a measured layout, as sentences naming the file; empty when it is fine. */
export function layoutProblems(file, width, measured) {
	const problems = [];
	if (measured.smallest.px < MIN_TEXT_PX) {
		problems.push(
			`${file}: "${measured.smallest.text}" is ${measured.smallest.px}px; text must be at least ${MIN_TEXT_PX}px to read in the step. Raise its font-size.`,
		);
	}
	for (const item of measured.overflowing) {
		problems.push(
			`${file}: ${item}, outside the ${width}px canvas. Let it wrap or shrink (no fixed width wider than the canvas), and keep markers inside it.`,
		);
	}
	return problems;
}
