/**
 * ImprovMX: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const improvmx: ProviderModule = {
  id: 'improvmx',
  name: 'ImprovMX',
  kind: 'gateway',
  hosts: ['improvmx.com'],
  domains: [],
  links: [],
  wording: [
    {
      phrase: 'loop detected: email is sent and forwarded',
      reason: 'networkerror',
      status: '5.7.1',
      replyCode: '551',
    },
    { phrase: 'message considered as spam', reason: 'spamdetected', status: '5.7.1', replyCode: '550' },
    { phrase: 'domain not found (#id-5.9.2)', reason: 'hostunknown', status: '5.7.1', replyCode: '551' },
  ],
  fixtures: ['providers/improvmx-reply.eml'],
  codes: [],
};
