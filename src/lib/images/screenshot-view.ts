import { ENCODER_FINGERPRINT, VIEW_ENCODING } from './encoder-settings.ts';
import { screenshotFileUrl } from './screenshot-files.ts';

/** The URL of a screenshot's full-size view in a build: the zoom view, the fallback, the legacy image target. */
export function screenshotViewUrl(original: { src: string; width: number }): string {
	return screenshotFileUrl(original.src, { ...VIEW_ENCODING, width: original.width, fingerprint: ENCODER_FINGERPRINT });
}
