/**
 * Trend Micro Email Security: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const trendmicro: ProviderModule = {
  id: 'trendmicro',
  name: 'Trend Micro Email Security',
  kind: 'gateway',
  hosts: ['trendmicro.com', 'trendmicro.eu', 'tmes.trendmicro.com'],
  domains: [],
  links: [
    {
      label: 'Trend Micro: reputation settings',
      url: 'https://success.trendmicro.com/solution/TP000087438-How-do-I-edit-Reputation-Settings',
    },
  ],
  wording: [
    { phrase: 'ers-customized-block', reason: 'blocked', status: '5.7.1', replyCode: '550' },
    { phrase: 'block-send-er', reason: 'filtered', status: '5.7.1', replyCode: '554' },
    { phrase: 'block-rcpt', reason: 'filtered', status: '5.7.1', replyCode: '554' },
    {
      phrase: 'recipient address rejected: invalid-recipient',
      reason: 'userunknown',
      status: '5.7.1',
      replyCode: '554',
    },
  ],
  fixtures: ['providers/trendmicro-reply.eml'],
  codes: [],
};
