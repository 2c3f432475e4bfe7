/**
 * Barracuda: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const barracuda: ProviderModule = {
  id: 'barracuda',
  name: 'Barracuda',
  kind: 'gateway',
  hosts: ['barracudanetworks.com', 'barracuda.com', 'cudamail.com'],
  domains: [],
  links: [LINKS.barracudaCodes],
  wording: [
    // "550 permanent failure for one or more recipients (user@example.com:blocked)"
    { phrase: ':blocked)', reason: 'blocked', replyCode: '550', link: LINKS.barracudaCodes.url },
    {
      phrase: 'rejected due to spam url in content',
      reason: 'spamdetected',
      replyCode: '554',
      link: LINKS.barracudaCodes.url,
    },
    {
      phrase: 'rejecting banned content',
      reason: 'contenterror',
      replyCode: '554',
      link: LINKS.barracudaCodes.url,
    },
    {
      phrase: 'rejecting spoofed message',
      reason: 'rejected',
      replyCode: '550',
      link: LINKS.barracudaCodes.url,
    },
  ],
  fixtures: ['providers/barracuda-reply.eml'],
  codes: [],
};
