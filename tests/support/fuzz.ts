import fc from 'fast-check';

/**
 * Settings for the property-based tests: a fixed seed, so `npm test` checks the same cases
 * every run, and a short run; `npm run fuzz` raises the runs (STEPCHECK_FUZZ_RUNS) and may
 * change the seed (STEPCHECK_FUZZ_SEED) to look further.
 */
export const FUZZ: fc.Parameters<unknown> = {
	seed: Number(process.env.STEPCHECK_FUZZ_SEED ?? 26),
	numRuns: Number(process.env.STEPCHECK_FUZZ_RUNS ?? 200),
};

/** Pieces attackers write, mixed with plain text, so random strings reach the interesting branches. */
const HOSTILE_PIECES = [
	'<',
	'>',
	'`',
	'``',
	'```',
	'{',
	'}',
	'"',
	"'",
	'\\',
	'/',
	'//',
	'..',
	'%2F',
	'%2e',
	'\n',
	'\u0085',
	'\u202E',
	'\u0000',
	'javascript:',
	'JaVaScRiPt:',
	'data:',
	'<img src=x onerror=alert(1)>',
	'<script>',
	'</script>',
	'<a href="javascript:alert(1)">',
	'onload=',
	'[x](',
	')',
	'![a](',
	'{{< ref "x" >}}',
	'{{% notice warning %}}',
	'{{% /notice %}}',
	'1. ',
	'> ',
	'<!--',
	'-->',
	'https://',
	'www.',
	'@',
	'AKIAIOSFODNN7EXAMPLE',
	'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
];

export const hostileText = (maxLength = 30) =>
	fc
		.array(fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })), {
			maxLength,
		})
		.map((parts) => parts.join(''));
