/**
 * Broadcom Email Security.cloud (MessageLabs): how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const symantec: ProviderModule = {
  id: 'symantec',
  name: 'Broadcom Email Security.cloud (MessageLabs)',
  kind: 'gateway',
  hosts: ['messagelabs.com'],
  domains: [],
  links: [],
  wording: [
    {
      phrase: 'message filtered. refer to the troubleshooting page',
      reason: 'spamdetected',
      status: '5.7.1',
      replyCode: '553',
    },
    {
      phrase: 'but i have not been configured to let you',
      reason: 'norelaying',
      status: '5.7.1',
      replyCode: '553',
    },
  ],
  fixtures: ['providers/symantec-reply.eml'],
  codes: [],
};
