/**
 * Rambler Mail: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const rambler: ProviderModule = {
  id: 'rambler',
  name: 'Rambler Mail',
  kind: 'mailbox',
  hosts: ['rambler.ru'],
  domains: ['rambler.ru', 'ro.ru', 'myrambler.ru', 'autorambler.ru'],
  links: [],
  wording: [
    { phrase: 'recipient address rejected: inactive', reason: 'suspend', status: '5.7.1', replyCode: '540' },
  ],
  fixtures: ['providers/rambler-reply.eml'],
  codes: [],
};
