/**
 * Unknown user (userunknown). No mailbox by this name exists at the receiving domain.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const userunknown: ReasonModule = {
  id: 'userunknown',
  title: 'Unknown user',
  definition: 'No mailbox by this name exists at the receiving domain.',
  category: 'invalid-address',
  hard: true,
  action: 'remove-address',
  statusCodes: [
    '1.1', // X.1.1: bad destination mailbox address
    '1.3', // X.1.3: bad destination mailbox address syntax
    '1.4', // X.1.4: destination mailbox address ambiguous
    '1.5', // X.1.5: destination address valid (used by some for "no such user")
  ],
  phrases: {
    main: [
      // Exchange 5.5 and 2000 non-delivery reports: "The recipient name is not recognized"
      'recipient name is not recognized', // Exchange 2003: "The recipient name is not recognized"
      // "550 someone@example.org is not an active address at this host"
      'not an active address',
      'invalid final delivery userid', // IMail Server: "Invalid final delivery userid: kijitora@neko.example.co.jp"
      'please check if address is correct', // InterScan MSS: "…(and other recipients in the same domain). Please check if address is correct. ************************************************…"
      'ディレクトリのリストにありません', // Lotus Notes: "------- Failure Reasons -------- ディレクトリのリストにありません kijitora@u1.example.co.jp"
      'ディレクトリには見つかりません',
      'not listed in domino directory', // Domino: "…because: User some.name (kijitora@example.jp) not listed in Domino Directory"
      'not listed in public name & address book', // Lotus Notes: "------- Failure Reasons -------- User not listed in public Name & Address Book kijitora@example.com"
      'user unknown', // ActiveHunter: "…<kijitora@example.ed.jp>: Recipient address rejected: User unknown in local recipient table"
      'unknown user', // Amazon SES: "5.3.0 - Other mail system problem 550-'Unknown user this-local-part-does-not-exist-on-the-server@docomo.ne.jp'…"
      'user not found', // Postfix: "550 User not found"
      'user does not exist',
      'user doesn', // PowerMTA: "554 delivery error: dd This user doesn't have a example.com account (kijitora@example.com)…"
      'user is unknown',
      'unknown recipient', // Exchange 2003: "…MSEXCH:IMS:NNN:KIJITORACAT:NEKO 0 (000C05A6) Unknown Recipient"
      'recipient unknown',
      // Exchange Online's report to the sender: "ada.lee wasn't found at example.org."
      "wasn't found at",
      'wasn’t found at',
      // "550 5.1.1 The recipient was not found on this server"
      'recipient was not found',
      // "550 5.1.1 Unrecognized recipient", "553 Recipient not recognised"
      'unrecognized recipient',
      'unrecognised recipient',
      'recipient not recognized',
      'recipient not recognised',
      // "550 Addressee unknown, relay=…"
      'addressee unknown',
      // "550 Not a known user"
      'not a known user',
      // qmail's validrcptto patch: "553 sorry, this recipient is not in my validrcptto list (#5.7.1)"
      'validrcptto',
      // qmail's badrcptto list of closed addresses: "550 This address no longer accepts mail"
      'address no longer accepts mail',
      // "550 5.1.1 <ada.lee@example.org>: Email address could not be found"
      'email address could not be found',
      // "550 5.1.1 Recipient address is not valid", "550 mailbox is not valid"
      'recipient address is not valid',
      'mailbox is not valid',
      'recipient not found', // Exchange 2003: "…kijitora@example.com on 4/29/01 11:34:45 PM Recipient Not Found MSEXCH:IMC:NEKO:KIJITORA:CAT"
      'recipient does not exist',
      'recipient address rejected: user', // ActiveHunter: "…follows ----- 550 <kijitora@example.ed.jp>: Recipient address rejected: User unknown in local recipient table"
      'recipient address rejected: undeliverable',
      'recipient address rejected: unknown',
      'recipient address rejected: access denied', // Exim: "…[192.0.2.32]: 554 5.7.1 <kijitora@exmaple.ch>: Recipient address rejected: Access denied"
      'no such user', // Apache James: "…address 550 - Requested action not taken: no such user here"
      'no such recipient',
      'no such mailbox',
      'no such address',
      'no such account',
      'no mailbox', // ActiveHunter: "…Transcript of session follows ----- 550 sorry, no mailbox here by that name (#5.1.1 - chkusr)"
      'mailbox does not exist', // Amazon SES (receiving): "550 5.1.1 Mailbox does not exist"
      'mailbox doesn',
      'address does not exist', // Facebook: "…http://postmaster.facebook.com/response_codes?ip=192.0.2.54#rcp Recipient address does not exist"
      'address doesn',
      'address unknown',
      'invalid recipient', // Bigfoot: "553 Invalid recipient kijitora@example.org (Mode: normal)"
      'invalid mailbox',
      'invalid user', // Apache James: "Error: Invalid user address 550 - Requested action not taken:…"
      'not a valid mailbox',
      'not a valid user',
      'unknown address', // Amazon SES: "5.1.0 - Unknown address error 550-'5.7.1 <000001321defbd2a-788e31c8-2be1-422f-a8d4-cf7765cc9ed7-000000@email-bounces.amazonses.……"
      'unknown local part',
      'unknown mailbox',
      'unknown or illegal alias', // Exim: "…mx2.me.com.akadns.net [192.0.2.17]: 550 5.1.1 unknown or illegal alias: kijitora@icloud.example.com"
      'undeliverable address',
      'email account that you tried to reach does not exist', // G Suite: "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's…"
      'account that you tried to reach does not exist', // G Suite: "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's…"
      'not our customer', // Sendmail: "551 not our customer"
      'no valid recipients', // Verizon: "Error: No valid recipients for this MM"
      'recipient not in',
      'is not a known user',
      'bad destination mailbox', // DragonFly Mail Agent: "…<syntaxerror@libsisimai.net>: Recipient address rejected: Bad destination mailbox address syntax. See https://libsisimai.org/en…"
      'bad recipient',
      'destination mailbox address invalid',
      'account does not exist',
      'no account by that name',
      'no one by that name',
      'not a valid recipient',
      'user reject',
      'address lookup failed',
      'recipnotfound', // Exchange 2007: "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
      'resolver.adr.recipientnotfound', // Office 365: "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'"
      'resolver.adr.recipnotfound', // Exchange 2007: "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
      'resolver.adr.exrecipnotfound',
      'resolver.adr.invalid',
      'user_unknown',
      'no mail box',
      'mailbox name not allowed',
      'nosuchuser', // G Suite: "…more at https://support.google.com/mail/?p=NoSuchUser y3si675602plr.1 - gsmtp"
      'no such local user',
      'unknown account',
      'account unknown',
      'recipient is not known',
      'unknown e-mail address',
      'no such person',
      'mail receiving disabled',
      'user invalid',
      'unknown alias',
      'the email account that you tried to reach', // Amazon SES: "550-5.2.1 The email account that you tried to reach is disabled. Learn more at https://support.google.com/mail/?p=DisabledUser…"
      'address is invalid',
      'adresse d au moins un destinataire invalide', // Sendmail: "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]"
      'this user doesn', // PowerMTA: "554 delivery error: dd This user doesn't have a example.com account (kijitora@example.com)…"
      'sorry, no mailbox here by that name', // ActiveHunter: "…Transcript of session follows ----- 550 sorry, no mailbox here by that name (#5.1.1 - chkusr)"
      'no mailbox here by that name', // ActiveHunter: "…Transcript of session follows ----- 550 sorry, no mailbox here by that name (#5.1.1 - chkusr)"
      'unknown addressee',
      'has no mailbox',
      'invalid destination',
      'rcpt to is invalid',
      'utilisateur inconnu',
      'destinatario inesistente',
    ],
    weak: [
      'does not exist', // Exim: "…after end of data: 553 neko.example.com does not exist"
      "doesn't exist", // Office 365: "…Office 365 but the address is incorrect or doesn't exist at the dest="
      'doesn’t exist',
      'not exist',
      'address rejected', // ActiveHunter: "…550 <kijitora@example.ed.jp>: Recipient address rejected: User unknown in local recipient table"
      'is not a valid',
      'address invalid',
      'invalid address', // Zoho: "Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <kijitora@example.co.jp>...…"
      'recipient rejected',
      'not listed in', // Domino: "…because: User some.name (kijitora@example.jp) not listed in Domino Directory"
      'unbekannt',
      'rejected by user',
      'mailbox unavailable', // Office 365: "…Remote server returned unknown recipient or mailbox unavailable -> 550 : User unknown"
      'mailbox is unavailable', // Office 365: "t's mailbox is unavailable. The email address might be misspelled or…"
      'mailbox not available',
      'requested action not taken: mailbox unavailable', // Outlook.com: "550 Requested action not taken: mailbox unavailable (-0000000022:2222:-0000000022)"
      'address not found', // G Suite: "** Address not found **"
    ],
  },
  fixtures: ['corpus:maildir/bsd/lhost-activehunter-01.eml'],
};
