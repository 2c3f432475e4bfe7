/**
 * NTT docomo: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const docomo: ProviderModule = {
  id: 'docomo',
  name: 'NTT docomo',
  kind: 'mailbox',
  hosts: ['docomo.ne.jp'],
  domains: ['docomo.ne.jp'],
  links: [],
  wording: [],
  // docomo's servers answer "550 Unknown user" after DATA when the recipient's own sender filter
  // turns the sender away; a mailbox-status code (X.2.x) with the same words is the recipient's filter.
  userUnknownAtData: 'rejected',
  fixtures: ['corpus:maildir/bsd/lhost-amazonses-02.eml'],
  codes: [],
};
