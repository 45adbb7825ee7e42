/**
 * Text from a request, made safe for a log line or a terminal: C0 and C1 controls (line
 * breaks, escape sequences, NEL) and bidi overrides are written as `\uXXXX`, so one request
 * can neither draw a fake second line nor turn a line around.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function logSafe(text: string): string {
	return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
