// @ts-check
/**
 * Byte accounting for a page load, from Chromium's network events: each finished request
 * is put in one kind (by the type Chromium gave it, then its MIME type, then its file
 * extension) and its transferred size (CDP `Network.loadingFinished.encodedDataLength`:
 * compressed body plus headers, as DevTools shows it) is added to that kind.
 */

export const KINDS = /** @type {const} */ (['html', 'css', 'js', 'image', 'font', 'other']);
/** @typedef {(typeof KINDS)[number]} Kind */
/** @typedef {{ url: string, resourceType?: string, mimeType?: string, transferredBytes: number }} RequestRecord */
/** @typedef {Record<Kind, number> & { total: number, requests: number }} ByteTally */

/** @type {Record<string, Kind>} */
const BY_RESOURCE_TYPE = { Document: 'html', Stylesheet: 'css', Script: 'js', Image: 'image', Font: 'font' };

/** @type {Array<[RegExp, Kind]>} */
const BY_MIME = [
	[/^text\/html|^application\/xhtml/, 'html'],
	[/^text\/css/, 'css'],
	[/javascript|ecmascript/, 'js'],
	[/^image\//, 'image'],
	[/^font\/|font-woff|opentype|truetype/, 'font'],
];

/** @type {Array<[RegExp, Kind]>} */
const BY_EXTENSION = [
	[/\.html?$|\/$/, 'html'],
	[/\.css$/, 'css'],
	[/\.m?js$/, 'js'],
	[/\.(avif|webp|png|jpe?g|gif|svg|ico)$/, 'image'],
	[/\.(woff2?|ttf|otf|eot)$/, 'font'],
];

/**
 * @param {Pick<RequestRecord, 'url' | 'resourceType' | 'mimeType'>} request
 * @returns {Kind}
 */
export function resourceKind({ url, resourceType, mimeType }) {
	const byType = resourceType ? BY_RESOURCE_TYPE[resourceType] : undefined;
	if (byType) return byType;
	const mime = (mimeType ?? '').toLowerCase();
	for (const [pattern, kind] of BY_MIME) if (pattern.test(mime)) return kind;
	let path = url;
	try {
		path = new URL(url).pathname.toLowerCase();
	} catch {
		// not a URL: match on the text as given
	}
	for (const [pattern, kind] of BY_EXTENSION) if (pattern.test(path)) return kind;
	return 'other';
}

/** @returns {ByteTally} */
function emptyTally() {
	return { html: 0, css: 0, js: 0, image: 0, font: 0, other: 0, total: 0, requests: 0 };
}

/**
 * @param {readonly RequestRecord[]} records
 * @returns {ByteTally}
 */
export function tallyBytes(records) {
	const tally = emptyTally();
	for (const record of records) {
		if (!Number.isFinite(record.transferredBytes) || record.transferredBytes < 0) {
			throw new Error(
				`Request ${record.url} has no usable transferred size (${record.transferredBytes}); expected bytes ≥ 0 from Network.loadingFinished.`,
			);
		}
		tally[resourceKind(record)] += record.transferredBytes;
		tally.total += record.transferredBytes;
		tally.requests += 1;
	}
	return tally;
}

/**
 * A srcset can only offer a few widths, so an image may be up to this much wider than its
 * displayed size × device pixel ratio before it counts as "downloaded larger than shown".
 */
const OVERSIZE_TOLERANCE = 1.1;

/** @typedef {{ url: string, naturalWidth: number, naturalHeight: number, displayWidth: number, displayHeight: number }} ShownImage */
/** @typedef {ShownImage & { neededWidth: number, ratio: number }} OversizedImage */

/**
 * Images whose downloaded pixels exceed what the screen shows (displayed CSS size × DPR, with
 * the tolerance above). An image downloaded but not displayed at all counts as oversized.
 * @param {readonly ShownImage[]} images images that finished loading (natural size known)
 * @param {number} devicePixelRatio
 * @returns {OversizedImage[]}
 */
export function oversizedImages(images, devicePixelRatio, tolerance = OVERSIZE_TOLERANCE) {
	/** @type {OversizedImage[]} */
	const out = [];
	for (const image of images) {
		if (image.naturalWidth <= 0) continue;
		const neededWidth = Math.ceil(image.displayWidth * devicePixelRatio);
		const neededHeight = Math.ceil(image.displayHeight * devicePixelRatio);
		const ratio = neededWidth > 0 ? image.naturalWidth / neededWidth : Infinity;
		const tooWide = image.naturalWidth > neededWidth * tolerance;
		const tooTall = neededHeight > 0 ? image.naturalHeight > neededHeight * tolerance : true;
		if (tooWide && tooTall) out.push({ ...image, neededWidth, ratio });
	}
	return out;
}
