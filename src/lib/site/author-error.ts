import { AstroError } from 'astro/errors';

/**
 * An error an author made and can fix (a refused guide, a redirect collision, a map too large
 * for CloudFront): Astro prints it as its own error, with the hint, and without a stack trace,
 * which would only point into Stepcheck's code. Node loads this file itself (astro.config.mjs).
 */
export function authorError(message: string, hint: string): Error {
	const error = new AstroError(message, hint);
	error.stack = '';
	return error;
}
