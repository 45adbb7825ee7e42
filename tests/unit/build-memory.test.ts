import { describe, expect, it } from 'vitest';
import { BUILD_MEMORY_ENV, withBuildMemorySettings } from '../../src/lib/site/build-memory.ts';

describe('the memory settings npm run build gives astro build', () => {
	it('fixes glibc’s mmap threshold at 128 kB and makes mimalloc return freed pages at once', () => {
		const env = withBuildMemorySettings({ PATH: '/usr/bin' });
		expect(env.MALLOC_MMAP_THRESHOLD_).toBe('131072');
		expect(env.MIMALLOC_PURGE_DELAY).toBe('0');
		expect(env.PATH).toBe('/usr/bin');
	});

	it('leaves a value the environment already gives, so each can be tuned or undone', () => {
		const env = withBuildMemorySettings({ MALLOC_MMAP_THRESHOLD_: '1048576', MIMALLOC_PURGE_DELAY: '10' });
		expect(env.MALLOC_MMAP_THRESHOLD_).toBe('1048576');
		expect(env.MIMALLOC_PURGE_DELAY).toBe('10');
	});

	it('does not change the environment it is given', () => {
		const given = { PATH: '/usr/bin' };
		withBuildMemorySettings(given);
		expect(given).toEqual({ PATH: '/usr/bin' });
		expect(Object.keys(BUILD_MEMORY_ENV).sort()).toEqual(['MALLOC_MMAP_THRESHOLD_', 'MIMALLOC_PURGE_DELAY']);
	});
});
