import { ENCODER_FINGERPRINT, VIEW_FORMAT, VIEW_QUALITY } from './encoder-settings.ts';
import { screenshotFileUrl } from './screenshot-files.ts';

/** The URL of a screenshot's full-size view in a build: the zoom view, the fallback, the legacy image target. */
export function screenshotViewUrl(original: { src: string; width: number }): string {
	return screenshotFileUrl(original.src, {
		width: original.width,
		quality: VIEW_QUALITY,
		fingerprint: ENCODER_FINGERPRINT,
		format: VIEW_FORMAT,
	});
}
