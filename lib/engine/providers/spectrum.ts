/**
 * Spectrum (Charter): how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 * Its error pages: its AUP code 1310 limits the sender's connections and volume.
 */
import type { ProviderModule } from './types';

export const spectrum: ProviderModule = {
  id: 'spectrum',
  name: 'Spectrum (Charter)',
  kind: 'mailbox',
  hosts: ['charter.net', 'rr.com', 'spectrum.net'],
  domains: ['charter.net', 'rr.com', 'spectrum.net'],
  links: [],
  wording: [{ phrase: 'aup#in-1310', reason: 'toomanyconn', replyCode: '550' }],
  fixtures: ['corpus:maildir/bsd/rhost-spectrum-01.eml'],
  codes: [],
};
