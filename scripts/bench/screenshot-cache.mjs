// @ts-check
/** The name of a rendered screenshot in the corpus's screenshot cache. */
import { createHash } from 'node:crypto';
import { SCREENSHOT_SIZE } from './corpus-text.mjs';

/**
 * The hash of the page's HTML, and of its viewport and scale when they are not the standard
 * 1440×900 at scale 1: the same page captured at two sizes is two files, while the standard and
 * dense shapes keep the names they always had, so corpora already rendered stay cached.
 * @param {Pick<import('./corpus-text.mjs').PlannedScreenshot, 'html' | 'viewport' | 'scale'>} shot
 */
export function screenshotCacheName({ html, viewport, scale }) {
	const standard = viewport.width === SCREENSHOT_SIZE.width && viewport.height === SCREENSHOT_SIZE.height && scale === 1;
	const key = standard ? html : `${viewport.width}x${viewport.height}@${scale}\n${html}`;
	return `${createHash('sha256').update(key).digest('hex')}.png`;
}
