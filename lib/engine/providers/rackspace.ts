/**
 * Rackspace Email: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import type { ProviderModule } from './types';

export const rackspace: ProviderModule = {
  id: 'rackspace',
  name: 'Rackspace Email',
  kind: 'mailbox',
  hosts: ['emailsrvr.com'],
  domains: [],
  links: [
    {
      label: 'Rackspace response codes',
      url: 'https://postmaster.apps.rackspace.com/system-info/response-codes',
    },
  ],
  wording: [
    {
      phrase: 'email address could not be found, or was misspelled',
      reason: 'userunknown',
      status: '5.1.1',
      replyCode: '550',
    },
  ],
  fixtures: ['providers/rackspace-reply.eml'],
  codes: [],
};
