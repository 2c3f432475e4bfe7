/**
 * ZEROSPAM: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const zerospam: ProviderModule = {
  id: 'zerospam',
  name: 'ZEROSPAM',
  kind: 'gateway',
  hosts: ['zerospam.ca'],
  domains: [],
  links: [],
  wording: [
    {
      phrase: 'recipient address rejected: not in recipient list',
      reason: 'userunknown',
      status: '5.7.1',
      replyCode: '554',
    },
  ],
  fixtures: ['providers/zerospam-reply.eml'],
  codes: [],
};
