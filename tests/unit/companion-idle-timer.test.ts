import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_LIMIT_MS, startIdleTimer } from '../../src/companion/idle-timer';

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('the companion stops by itself when nobody uses it', () => {
	it('stops 15 minutes after it started when no request came', () => {
		const onIdle = vi.fn();
		startIdleTimer(onIdle);
		expect(IDLE_LIMIT_MS).toBe(15 * 60_000);
		vi.advanceTimersByTime(IDLE_LIMIT_MS - 1);
		expect(onIdle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('waits 15 minutes from the last request, not from the start', () => {
		const onIdle = vi.fn();
		const idle = startIdleTimer(onIdle);
		vi.advanceTimersByTime(10 * 60_000);
		idle.touch();
		vi.advanceTimersByTime(10 * 60_000);
		expect(onIdle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(5 * 60_000);
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('never fires once stopped', () => {
		const onIdle = vi.fn();
		startIdleTimer(onIdle, 1_000).stop();
		vi.advanceTimersByTime(60_000);
		expect(onIdle).not.toHaveBeenCalled();
	});
});
