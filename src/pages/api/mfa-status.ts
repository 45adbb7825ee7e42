import type { APIRoute } from 'astro';
import { handleCheck } from '../../lib/http/check-endpoint';

/** The first URL of the `mfa` check, kept as its alias. */
export const prerender = false;

export const ALL: APIRoute = ({ request, clientAddress }) => handleCheck('mfa', { request, clientAddress });
