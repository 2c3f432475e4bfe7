/**
 * Mimecast: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 * Its error pages: community.mimecast.com SMTP error codes.
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const mimecast: ProviderModule = {
  id: 'mimecast',
  name: 'Mimecast',
  kind: 'gateway',
  hosts: ['mimecast.com', 'mimecast-offshore.com', 'mimecast.co.za'],
  domains: [],
  links: [LINKS.mimecastCodes],
  wording: [
    {
      phrase: 'internal resource temporarily unavailable',
      reason: 'toomanyconn',
      replyCode: '451',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'administrative prohibition - envelope blocked',
      reason: 'filtered',
      replyCode: '550',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'envelope blocked - user entry',
      reason: 'filtered',
      replyCode: '550',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'rejected by header based manually blocked senders',
      reason: 'filtered',
      replyCode: '550',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'dmarc sender invalid',
      reason: 'authfailure',
      replyCode: '550',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'rejected by header based anti-spoofing policy',
      reason: 'rejected',
      replyCode: '550',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'open relay not allowed',
      reason: 'norelaying',
      replyCode: '451',
      link: LINKS.mimecastCodes.url,
    },
    {
      phrase: 'email rejected due to security policies',
      reason: 'virusdetected',
      replyCode: '554',
      link: LINKS.mimecastCodes.url,
    },
  ],
  fixtures: ['corpus:maildir/bsd/rhost-mimecast-01.eml'],
  codes: [],
};
