/**
 * The companion stops by itself once nobody has asked it anything for a while, so a reader
 * who forgets it does not leave a process holding their AWS credentials open for days.
 * Every request starts the wait over.
 */
export const IDLE_LIMIT_MS = 15 * 60_000;

export interface IdleTimer {
	/** A request came in: the wait starts over. */
	touch(): void;
	stop(): void;
}

export function startIdleTimer(onIdle: () => void, limitMs: number = IDLE_LIMIT_MS): IdleTimer {
	let timer: NodeJS.Timeout | undefined;
	const touch = () => {
		clearTimeout(timer);
		timer = setTimeout(onIdle, limitMs);
		// Waiting alone must not keep Node running once the servers are closed.
		timer.unref?.();
	};
	touch();
	return { touch, stop: () => clearTimeout(timer) };
}
