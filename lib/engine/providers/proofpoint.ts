/**
 * Proofpoint: how to recognise its servers and recipients, its own wording and what it
 * means, its own status-code numbers, its pages.
 */
import { LINKS } from '../links';
import type { ProviderModule } from './types';

export const proofpoint: ProviderModule = {
  id: 'proofpoint',
  name: 'Proofpoint',
  kind: 'gateway',
  hosts: ['pphosted.com', 'ppe-hosted.com', 'proofpoint.com'],
  domains: [],
  links: [
    LINKS.proofpointIpCheck,
    LINKS.proofpointPostmaster,
    {
      label: 'Proofpoint Essentials error codes',
      url: 'https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/110_logs/Common_Error_Codes_found_in_Message_Details',
    },
  ],
  wording: [
    {
      phrase: 'blocked using prs.proofpoint.com',
      reason: 'blocked',
      status: '5.7.1',
      replyCode: '550',
      link: LINKS.proofpointIpCheck.url,
    },
    {
      phrase: 'user email address is marked as invalid',
      reason: 'userunknown',
      status: '5.7.1',
      replyCode: '550',
    },
    { phrase: 'this is not a valid email address', reason: 'userunknown', status: '5.1.1', replyCode: '550' },
    {
      phrase: 'domain of sender address does not exist',
      reason: 'rejected',
      status: '5.1.8',
      replyCode: '550',
    },
    {
      phrase: 'sender address rejected: need fully-qualified address',
      reason: 'rejected',
      status: '5.5.2',
      replyCode: '550',
    },
  ],
  fixtures: ['corpus:maildir/bsd/lhost-postfix-38.eml'],
  codes: [],
};
