/**
 * On a suppression list (suppressed). The sending service refused to send to the address because
 * its own suppression list holds it, after an earlier hard bounce or a spam complaint; the
 * receiving server was never asked. Added for Sisimai 5.2's reason of the same name.
 */
import type { ReasonModule } from './types';

export const suppressed: ReasonModule = {
  id: 'suppressed',
  title: 'On a suppression list',
  definition:
    'The sending service did not send to this address because its suppression list holds it, after an earlier hard bounce or complaint.',
  category: 'invalid-address',
  hard: true,
  action: 'remove-address',
  statusCodes: [],
  phrases: {
    main: [
      // Amazon SES (account-level list): "Amazon SES did not send the message to this address because
      // it is on the suppression list for your account."
      'on the suppression list',
      // Amazon SES (global list): "Amazon SES has suppressed sending to this address because it has a
      // recent history of bouncing as an invalid address."
      'has suppressed sending to this address',
      // Wording of other sending services' notices: "the address is on your suppression list",
      // "recipient is suppressed", "address suppressed".
      'on your suppression list',
      'is on a suppression list',
      'recipient is suppressed',
      'address is suppressed',
      'address suppressed',
    ],
  },
  fixtures: ['reasons/suppressed-ses.eml', 'reasons/suppressed-plain.eml'],
};
