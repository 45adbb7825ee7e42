import type { APIRoute } from 'astro';
import { handleCheck } from '../../../lib/checks/check-endpoint';

/** Alias of `/api/checks/users-without-mfa`; POST because it asks AWS to generate the report. */
export const prerender = false;

export const POST: APIRoute = ({ request, clientAddress }) => handleCheck('users-without-mfa', { request, clientAddress });
