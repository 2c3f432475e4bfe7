/**
 * Cloudflare Email Routing: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 * Its error pages: any DMARC mention from its servers (strict, see below).
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const cloudflare: ProviderModule = {
  id: 'cloudflare',
  name: 'Cloudflare Email Routing',
  kind: 'gateway',
  hosts: ['mx.cloudflare.net'],
  domains: [],
  links: [LINKS.cloudflarePostmaster],
  wording: [
    {
      phrase: 'dmarc',
      reason: 'authfailure',
      status: '5.7.1',
      replyCode: '550',
      link: LINKS.cloudflarePostmaster.url,
      strict: true,
    },
  ],
  fixtures: ['providers/cloudflare-reply.eml'],
  codes: [],
};
