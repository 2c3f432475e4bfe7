/**
 * La Poste: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const laposte: ProviderModule = {
  id: 'laposte',
  name: 'La Poste',
  kind: 'mailbox',
  hosts: ['laposte.net'],
  domains: ['laposte.net'],
  links: [],
  wording: [
    // La Poste answers an unknown recipient at the end of DATA; the words, not the stage, decide.
    { phrase: 'adresse destinataire invalide', reason: 'userunknown', status: '5.5.0', replyCode: '550' },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-sendmail-46.eml'],
  codes: [],
};
