import type { APIRoute } from 'astro';
import { handleCheck } from '../../lib/checks/check-endpoint';

/** Alias of `/api/checks/mfa`, kept so existing links and scripts keep working. */
export const prerender = false;

export const GET: APIRoute = ({ request, clientAddress }) => handleCheck('mfa', { request, clientAddress });
