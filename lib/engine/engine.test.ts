import { describe, expect, it } from 'vitest';
import { classifyMessage, classifyMailbox, classifyVisible, splitMailbox } from './index';
import { bestStatus, findReplyCode, findStatuses } from './report/codes';
import { parseDeliveryStatus } from './report/dsn';
import { findCommand } from './report/command';
import { cleanDiagnostic, scanRecipients } from './report/scan';
import { providerFromText } from './provider';
import { decideReason, matchPhrase, requiredLiteral } from './reason/classify';
import { parseMessage, leafParts, partText } from './message/mime';
import { toByteString } from './message/text';
import { PhraseIndex } from './reason/phrase-index';
import type { ReasonId } from './types';

const bounce = (body: string, headers = '') =>
  `From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: sender@example.com\nSubject: Undelivered Mail Returned to Sender\n${headers}\n${body}\n`;

describe('codes', () => {
  it('finds enhanced codes but not pieces of IP addresses', () => {
    expect(findStatuses('host 10.5.2.1 said: 550 5.1.1 <a@b.c>')).toEqual(['5.1.1']);
    expect(findStatuses('[192.0.2.153] 4.04.001')).toEqual(['4.4.1']);
  });
  it('prefers a failure code to an accepted step in a transcript', () => {
    expect(bestStatus('Out: 250 2.1.5 Ok Out: 451 4.3.0 Error')).toBe('4.3.0');
    expect(findReplyCode('Out: 250 2.1.5 Ok Out: 451 4.3.0 Error')).toBe('451');
  });
  it('reads reply codes at a line start, after a colon, in multi-line replies', () => {
    expect(findReplyCode('550-5.7.26 Unauthenticated email')).toBe('550');
    expect(findReplyCode('ERROR_CODE :550, ERROR_CODE :5.2.1')).toBe('550');
    expect(findReplyCode('Size (in bytes): 222 and port 12:345')).toBe('222');
    expect(findReplyCode('no code here 5.1.1')).toBeNull();
  });
});

describe('delivery-status parser', () => {
  it('reads one record per recipient, with or without blank lines between them', () => {
    const r = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\nFinal-Recipient: rfc822; b@example.jp\nAction: failed\nStatus: 5.2.2\n',
    );
    expect(r.reportingMta).toBe('mx.example.org');
    expect(r.recipients.map((x) => [x.finalRecipient, x.status])).toEqual([
      ['a@example.jp', '5.1.1'],
      ['b@example.jp', '5.2.2'],
    ]);
  });
  it('keeps Original-Recipient and X-Actual-Recipient in the record they belong to', () => {
    const r = parseDeliveryStatus(
      'Final-Recipient: rfc822; a@example.jp\nOriginal-Recipient: rfc822; a@example.jp\nX-Actual-Recipient: rfc822; a@example.jp\nAction: failed\nStatus: 5.0.0\n',
    );
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]!.status).toBe('5.0.0');
  });
  it('keeps an encoded-word local part as written, and still decodes a diagnostic', () => {
    const r = parseDeliveryStatus(
      'Final-Recipient: rfc822; =?utf-8?B?8J+QiPCfkIg=?=@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 =?utf-8?Q?caf=C3=A9?= unknown\n',
    );
    expect(r.recipients[0]!.finalRecipient).toBe('=?utf-8?b?8j+qipcfkig=?=@example.org');
    expect(r.recipients[0]!.diagnostic).toBe('550 café unknown');
  });
});

describe('MIME walker', () => {
  it('finds the real boundary when the declared one is not used', () => {
    const m = parseMessage(
      toByteString(
        'Content-Type: multipart/report; boundary="declared"\n\n--actual\nContent-Type: text/plain\n\nhello\n--actual\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\n--actual--\n',
      ),
    );
    expect(leafParts(m.root).map((p) => p.type)).toEqual(['text/plain', 'message/delivery-status']);
  });
  it('joins a boundary parameter that lost its folding indent', () => {
    const m = parseMessage(
      'Content-Type: multipart/mixed;\nboundary="b1"\n\n--b1\nContent-Type: text/plain\n\nx\n--b1--\n',
    );
    expect(m.root.params['boundary']).toBe('b1');
  });
  it('decodes base64 and quoted-printable text in its charset', () => {
    const b64 = parseMessage(
      'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n' +
        btoa(String.fromCharCode(...new TextEncoder().encode('Échec: café'))),
    );
    expect(partText(b64.root)).toBe('Échec: café');
    const qp = parseMessage(
      'Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9 =\nok',
    );
    expect(partText(qp.root)).toBe('café ok');
  });
  it('keeps one char per byte for bytes 0x80-0x9f', () => {
    expect(
      toByteString(Uint8Array.of(0x80, 0x9f, 0x41))
        .split('')
        .map((c) => c.charCodeAt(0)),
    ).toEqual([0x80, 0x9f, 0x41]);
  });
});

describe('text scanner', () => {
  it('reads Exim, qmail and Postfix layouts', () => {
    const exim = scanRecipients(
      'The following address(es) failed:\n\n  kijitora@example.jp\n    SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>:\n    host mx.example.jp [192.0.2.1]: 550 5.1.1 unknown\n',
      new Set(),
    );
    expect(exim.map((r) => r.address)).toEqual(['kijitora@example.jp']);
    expect(exim[0]!.block).toContain('550 5.1.1');
    const qmail = scanRecipients('<kijitora@example.org>:\nRemote host said: 550 no mailbox\n', new Set());
    expect(qmail.map((r) => r.address)).toEqual(['kijitora@example.org']);
  });
  it('ends a block where another recipient is listed again, not where its own address is', () => {
    const twice = [
      'Failed:',
      '  neko@example.jp',
      '    host mx.example.jp: 550 5.2.2 <neko@example.jp>... Mailbox Full',
      '  tora@example.jp',
      '    host mx.example.jp: 550 5.2.1 <tora@example.jp>... User Unknown',
      '',
      'The same in English:',
      '  neko@example.jp',
      '    host mx.example.jp: 550 5.2.2 <neko@example.jp>... Mailbox Full',
      '  tora@example.jp',
      '    host mx.example.jp: 550 5.2.1 <tora@example.jp>... User Unknown',
    ].join('\n');
    const r = scanRecipients(twice, new Set());
    expect(r.map((x) => x.address)).toEqual(['neko@example.jp', 'tora@example.jp']);
    expect(r[1]!.block).not.toContain('Mailbox Full');
    const outlook = [
      'tora@example.jp',
      'Remote server returned unknown recipient -> 550 User unknown',
      '',
      'Diagnostic information for administrators:',
      'tora@example.jp',
      "Remote Server returned '550 5.1.351 unknown recipient'",
    ].join('\n');
    expect(scanRecipients(outlook, new Set())[0]!.block).toContain('5.1.351');
  });
  it('reads an address on the line that announces the failure', () => {
    const r = scanRecipients(
      'Delivery to the following recipient failed permanently: kijitora@example.jp',
      new Set(),
    );
    expect(r.map((x) => x.address)).toEqual(['kijitora@example.jp']);
  });
  it('does not cut a local part at a word inside it', () => {
    const r = scanRecipients('Delivery failed for frank@customer.example: 550 5.1.1 user unknown', new Set());
    expect(r.map((x) => x.address)).toEqual(['frank@customer.example']);
  });
  it('keeps the code of a multi-line reply that follows other text', () => {
    expect(
      cleanDiagnostic(
        'did not like our final DATA:\n550-5.7.26 Unauthenticated\n550-5.7.26 DMARC\n550 5.7.26 see',
      ),
    ).toBe('did not like our final DATA: 550-5.7.26 Unauthenticated DMARC see');
  });
  it('collapses multi-line replies to one line, keeping the first code', () => {
    expect(
      cleanDiagnostic(
        '550-5.7.1 Messages with multiple\n550-5.7.1 addresses in From:\n550 5.7.1 are refused',
      ),
    ).toBe('550-5.7.1 Messages with multiple addresses in From: are refused');
  });
});

describe('SMTP command cues', () => {
  it.each([
    ['(in reply to RCPT TO command)', 'RCPT'],
    ['(in reply to end of DATA command)', 'DATA'],
    ['SMTP error from remote mail server after MAIL FROM:<a@b.c>', 'MAIL'],
    ['did not like our final DATA: 550 …', 'DATA'],
    ['SMTP error from remote mail server after initial connection:', 'CONN'],
    ['>>> RCPT To:<a@b.c>\n<<< 550 User unknown', 'RCPT'],
    // KDDI indents its transcript.
    ['Recipient:\n    >>> RCPT TO:<a@b.c>\n    <<< 550 <a@b.c>: User unknown', 'RCPT'],
    ['550 nothing about the command', null],
  ])('%s → %s', (text, cmd) => {
    expect(findCommand(text)).toBe(cmd);
  });
});

describe('phrase tables (real diagnostic lines)', () => {
  const matches: [string, ReasonId][] = [
    ['550 5.1.1 <kijitora@example.jp>... User Unknown', 'userunknown'],
    ['552 5.2.2 Mailbox full', 'mailboxfull'],
    [
      "550 5.7.26 Unauthenticated email from example.jp is not accepted due to domain's DMARC policy",
      'authfailure',
    ],
    ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', 'blocked'],
    ['550 5.7.1 Our system has detected that this message is likely unsolicited mail', 'spamdetected'],
    ['554 Message rejected: Email address is not verified.', 'norelaying'],
    ['550 5.7.1 Message rejected due to suspected virus', 'virusdetected'],
    ['452 4.4.5 Insufficient disk space; try again later', 'systemfull'],
    ['Name service error for name=example.org type=MX: Host not found, try again', 'networkerror'],
    ['550 The email account that you tried to reach is disabled.', 'suspend'],
    [
      '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to user complaints',
      'badreputation',
    ],
  ];
  it.each(matches)('%s → %s', (line, reason) => {
    expect(
      decideReason({ diagnostic: line, context: '', status: null, replyCode: null, provider: null }).reason,
    ).toBe(reason);
  });
  const nonMatches = ['Your message was sent.', '250 2.0.0 OK queued as 12345', 'Thanks for your email!'];
  it.each(nonMatches)('no reason phrase in %s', (line) => {
    expect(matchPhrase(line.toLowerCase())).toBeNull();
  });
  it('does not read reason names inside addresses', () => {
    const v = decideReason({
      diagnostic: '550 <mailboxfull@example.org> refused',
      context: '',
      status: null,
      replyCode: null,
      provider: null,
    });
    expect(v.reason).not.toBe('mailboxfull');
  });
  it('lets a specific status code overrule generic wording', () => {
    const v = decideReason({
      diagnostic: '550 5.1.1 rejected',
      context: '',
      status: '5.1.1',
      replyCode: '550',
      provider: null,
    });
    expect(v.reason).toBe('userunknown');
  });
  it('reads "user unknown" after DATA as a filter', () => {
    const v = decideReason({
      diagnostic: '550 Unknown user',
      context: '',
      status: '5.0.0',
      replyCode: '550',
      provider: null,
      command: 'DATA',
    });
    expect(v.reason).toBe('filtered');
  });
});

describe('expiry against its cause', () => {
  const decide = (diagnostic: string, status: string | null, provider: string | null = null, host?: string) =>
    decideReason({ diagnostic, context: '', status, replyCode: null, provider, host: host ?? null }).reason;
  it('keeps the cause qmail names before giving up', () => {
    const farewell = "I'm not going to try again; this message has been in the queue too long.";
    expect(
      decide(`Sorry, I wasn't able to establish an SMTP connection. (#4.4.1) ${farewell}`, '4.4.1'),
    ).toBe('networkerror');
    expect(decide(`Unable to contact LDAP server. (#4.4.3)${farewell}`, '4.4.3')).toBe('systemerror');
    expect(decide(`Remote host said nothing. (#4.4.1) ${farewell}`, '4.4.1')).toBe('expired');
  });
  it('reads a timed-out connection as expiry, but a failed name lookup as a network error', () => {
    expect(decide('426 connection timed out', '4.0.0')).toBe('expired');
    expect(decide('Deferred: Connection refused by mx.example.org; could not connect', '4.4.7')).toBe(
      'expired',
    );
    expect(decide('Deferred: Name server: example.org.: host name lookup failure', '4.4.7')).toBe(
      'networkerror',
    );
  });
});

describe('filter refusals worded as unknown users', () => {
  const decide = (
    diagnostic: string,
    status: string | null,
    provider: string | null,
    host: string | null = null,
  ) =>
    decideReason({
      diagnostic,
      context: '',
      status,
      replyCode: '550',
      provider,
      host,
      command: host ? 'DATA' : null,
    }).reason;
  it('au (KDDI): an empty address slot is the recipient filter', () => {
    expect(decide('550 : User unknown', '5.0.0', 'kddi')).toBe('filtered');
    expect(decide('550: : User unknown', null, 'kddi')).toBe('filtered');
    expect(decide('550 <neko@ezweb.ne.jp>: User unknown', '5.1.1', 'kddi')).toBe('userunknown');
    // the same words from a provider not known for it prove nothing
    expect(decide('550 : User unknown', '5.1.1', 'google')).toBe('userunknown');
  });
  it('NTT docomo: a refusal after DATA is the sender filter, or the mailbox filter with X.2.x', () => {
    expect(decide('550 Unknown user neko@docomo.ne.jp', '5.0.0', 'docomo', 'mfsmax.docomo.ne.jp')).toBe(
      'rejected',
    );
    expect(decide('550 Unknown user neko@docomo.ne.jp', '5.2.0', 'docomo', 'mfsmax.docomo.ne.jp')).toBe(
      'filtered',
    );
  });
});

describe('wording that names the cause', () => {
  const decide = (diagnostic: string, status: string | null = null, provider: string | null = null) =>
    decideReason({ diagnostic, context: '', status, replyCode: null, provider }).reason;
  it.each([
    ['553 http://www.spamhaus.org/query/bl?ip=192.0.2.222', '5.1.3', null, 'blocked'],
    ['550 5.2.0 Mail rejete. Mail rejected. ofr_506 [506]', '5.2.0', 'orange', 'spamdetected'],
    [
      '550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416',
      '5.5.0',
      'laposte',
      'userunknown',
    ],
    [
      '550 5.2.0 <neko@example.com> From: Domain is invalid. Please provide a valid From:',
      '5.2.0',
      null,
      'rejected',
    ],
    ['"Sorry, you are sending to/from an address that has been blacklisted"', null, null, 'rejected'],
    ['DNS lookup failure: host mx.example.org not found', null, null, 'hostunknown'],
    [
      'Name service error for name=example.org type=MX: Malformed or unexpected name server reply',
      '5.4.4',
      null,
      'networkerror',
    ],
    ['451 4.3.0 Error: queue file write error', '4.3.0', null, 'systemerror'],
    ['Delivery to the following recipients was aborted after 5.0 hour(s)', null, null, 'expired'],
    [
      '550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient',
      '5.2.3',
      'microsoft',
      'mesgtoobig',
    ],
    ['500 Line limit exceeded', null, null, 'mesgtoobig'],
    ['551 not our customer', '5.1.6', null, 'hasmoved'],
    ['procmail: Couldn\'t create "/var/spool/mail/neko" id: No such user', '5.1.1', null, 'mailererror'],
    ['550 5.1.0 <x@bounces.example.com> sender rejected. AUP#In-1310', '5.1.0', 'spectrum', 'toomanyconn'],
    ['Each of the following recipients was rejected by a remote mail server.', null, 'kddi', 'filtered'],
    ['550 5.1.1 RCP-P2 Refused due to recipient preferences', '5.1.1', null, 'filtered'],
    ['550 5.7.1 550 User Unknown: neko@example.org', '5.7.1', null, 'filtered'],
    [
      'no valid recipients were found for this message | neko@example.org ... unknown host',
      null,
      null,
      'hostunknown',
    ],
    ['550 5.4.312 Message expired, DNS query failed', '5.4.312', 'microsoft', 'networkerror'],
    // The receiving server lacks the encryption the sender requires: its failure, not ours.
    ['500 Remote server does not support TLS (state 6).', null, null, 'systemerror'],
    ['TLS is required, but was not offered by host mx.example.org[192.0.2.2]', null, null, 'systemerror'],
    ['530 5.7.0 Must issue a STARTTLS command first', '5.7.0', null, 'securityerror'],
    // Postfix's own template names no cause; a server's "mail system problem" does.
    [
      "This is the mail system at host mx.example.net. I'm sorry to have to inform you that your message could not be delivered to one or more recipients. The mail system --- Delivery report unavailable ---",
      null,
      null,
      'onhold',
    ],
    ['5.3.0 - Other mail system problem 550 the server failed', null, null, 'systemerror'],
    // "Try again later" says the failure is temporary, not what failed.
    ['450 4.0.0 Temporary failure', '4.0.0', null, 'onhold'],
    [
      '451 4.3.0 This message could not be delivered due to a recipient error. Please try again later.',
      '4.3.0',
      null,
      'onhold',
    ],
  ] as const)('%s → %s', (line, status, provider, reason) => {
    expect(decide(line, status, provider)).toBe(reason);
  });
});

describe('provider named in a reply', () => {
  it('reads server names, not the domains of addresses the reply quotes', () => {
    expect(providerFromText('550 5.7.1 mx.google.com refused')).toBe('google');
    expect(providerFromText('550 5.1.0 <0100@amazonses.com> sender rejected')).toBeNull();
    expect(providerFromText('554 rejected by mail.protection.outlook.com for <neko@yahoo.com>')).toBe(
      'microsoft',
    );
  });

  /** A plain-text report from a relay whose name says nothing about the receiving provider. */
  const reportWith = (reply: string, recipient = 'kijitora@example.jp') =>
    classifyMessage(
      [
        'From: Mail Delivery System <MAILER-DAEMON@relay.example.net>',
        'To: neko@example.org',
        'Subject: Undelivered Mail Returned to Sender',
        '',
        'This is the mail system at host relay.example.net.',
        '',
        `<${recipient}>: host mx.example.jp[192.0.2.9] said: ` + reply,
        '',
      ].join('\n'),
    ).records[0]!;

  it('names the provider whose own wording decided, when no host named one', () => {
    const r = reportWith(
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    );
    expect(r.reason).toBe('userunknown');
    expect(r.provider).toBe('microsoft');
  });

  it("names the recipient's provider, or the first, when two providers share the wording", () => {
    const reply = '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to user complaints';
    expect(reportWith(reply, 'neko@aol.com').provider).toBe('aol');
    expect(reportWith(reply).provider).toBe('yahoo');
  });

  it("names none for wording that is not one provider's", () => {
    const r = reportWith('550 5.1.1 <kijitora@example.jp>: Recipient address rejected: User unknown');
    expect(r.reason).toBe('userunknown');
    expect(r.provider).toBeNull();
  });
});

describe('required literal of a pattern', () => {
  it.each([
    [/\bspf\b.{0,30}\b(?:fail|reject)/, 'spf'],
    [/(?:^|\s)[a-z0-9-]+(?:\.[a-z0-9-]+)+\.? does not exist/, ' does not exist'],
    [/colou?r/, 'colo'],
    [/a|b/, null],
    [/long phrase|other words/, null],
  ])('%s needs %s', (re, need) => {
    expect(requiredLiteral(re)).toBe(need);
    if (need)
      expect('color does not exist spf'.includes(need) || !re.test('color does not exist spf')).toBe(true);
  });
});

describe('phrase index', () => {
  it('finds the lowest group with a phrase in one pass', () => {
    const idx = new PhraseIndex([['user unknown', 'no such user'], ['unknown'], ['she']]);
    expect(idx.first('550 user unknown here')).toEqual({ group: 0, phrase: 'user unknown' });
    expect(idx.first('unknown thing')).toEqual({ group: 1, phrase: 'unknown' });
    expect(idx.first('ushers')).toEqual({ group: 2, phrase: 'she' });
    expect(idx.first('nothing')).toBeNull();
    expect(idx.first('user unknown', (g) => g !== 0)).toEqual({ group: 1, phrase: 'unknown' });
  });
});

describe('whole messages', () => {
  it('classifies an RFC 3464 report', () => {
    const r = classifyMessage(
      bounce(
        '--b\nContent-Type: text/plain\n\nSorry.\n--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.0.0\nRemote-MTA: dns; gmail-smtp-in.l.google.com\nDiagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.\n--b--\n',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n',
      ),
    );
    expect(r.kind).toBe('failed');
    expect(r.records).toHaveLength(1);
    const rec = r.records[0]!;
    expect([
      rec.recipient,
      rec.status,
      rec.replyCode,
      rec.reason,
      rec.category,
      rec.hard,
      rec.action,
      rec.provider,
    ]).toEqual([
      'kijitora@example.jp',
      '5.1.1',
      '550',
      'userunknown',
      'invalid-address',
      true,
      'remove-address',
      'google',
    ]);
  });
  it('splits an mbox and keeps the last message without a trailing newline', () => {
    expect(
      splitMailbox(
        'From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\nx\nFrom a@b Mon Jan  1 00:00:00 2024\nSubject: 2\n\ny',
      ),
    ).toHaveLength(2);
    expect(classifyMailbox('From a@b Mon Jan  1 00:00:00 2024')).toHaveLength(1);
    // A first line that starts with "From " but is no envelope line: one message, not dropped.
    expect(splitMailbox('From me to you\nSubject: x\n\nbody\n')).toHaveLength(1);
  });
  it('classifies what Gmail shows of its own bounce', () => {
    const r = classifyVisible({
      fromAddress: 'mailer-daemon@googlemail.com',
      fromName: 'Mail Delivery Subsystem',
      subject: 'Delivery Status Notification (Failure)',
      text: "Address not found\nYour message wasn't delivered to kijitora@example.jp because the address couldn't be found, or is unable to receive mail.\nThe response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.",
    });
    expect(r.kind).toBe('failed');
    expect(r.records[0]).toMatchObject({
      recipient: 'kijitora@example.jp',
      status: '5.1.1',
      replyCode: '550',
      category: 'invalid-address',
    });
  });
  it('reads Microsoft 365 report text past its "Original Message Details" heading', () => {
    const r = classifyVisible({
      fromAddress: 'postmaster@outlook.com',
      fromName: 'Microsoft Outlook',
      subject: 'Undeliverable: Quarterly report',
      text: "Your message to carol@contoso.example couldn't be delivered.\nOriginal Message Details\nCreated Date: 6/24/2024\nError Details\nError: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient carol@contoso.example not found by SMTP address lookup\nDiagnostic information for administrators:\ncarol@contoso.example\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'",
    });
    expect(r.records[0]).toMatchObject({
      recipient: 'carol@contoso.example',
      status: '5.1.10',
      replyCode: '550',
      category: 'invalid-address',
    });
  });
  it.each([
    ['Out of office plans for the holidays', '', 'not-bounce'],
    ['Out of Office: Quarterly report', '', 'auto-reply'],
    ['Automatic reply: Hello', '', 'auto-reply'],
    ['Away until May 5', 'Auto-Submitted: auto-replied\n', 'auto-reply'],
    ['Your password was changed', 'Auto-Submitted: auto-generated\n', 'not-bounce'],
  ])('"%s" is %s', (subject, extra, kind) => {
    const mail = `From: Ann <ann@example.com>\nTo: bob@example.org\nSubject: ${subject}\n${extra}\nHi Bob, I will be away next week.\n`;
    expect(classifyMessage(mail).kind).toBe(kind);
  });
  it('leaves ordinary mail alone', () => {
    expect(
      classifyMessage('From: a@example.com\nTo: b@example.org\nSubject: Lunch?\n\nAre you free at noon?\n')
        .kind,
    ).toBe('not-bounce');
  });
});

describe('rule tables', () => {
  it('never lists the same wording twice (except where a status condition splits it)', async () => {
    const { RULES, WEAK_RULES } = await import('./reason/rules');
    const seen = new Map<string, boolean>();
    const dups: string[] = [];
    for (const r of [...RULES, ...WEAK_RULES]) {
      for (const p of r.phrases) {
        const k = typeof p === 'string' ? p : p.source;
        if (seen.has(k) && !seen.get(k) && !r.status) dups.push(`${r.id}: ${k}`);
        seen.set(k, seen.get(k) || !!r.status);
      }
    }
    expect(dups).toEqual([]);
  });
  it('gives every bounce reason a rule or a status code, and only lower-case wording', async () => {
    const { RULES, WEAK_RULES } = await import('./reason/rules');
    const { REASON_IDS } = await import('./types');
    const ruled = new Set([...RULES, ...WEAK_RULES].map((r) => r.id));
    const viaStatusOrDecoder = new Set(['onhold', 'undefined', 'vacation', 'delivered', 'feedback']);
    expect(REASON_IDS.filter((id) => !ruled.has(id) && !viaStatusOrDecoder.has(id))).toEqual([]);
    const upper = [...RULES, ...WEAK_RULES].flatMap((r) =>
      r.phrases.filter((p) => typeof p === 'string' && p !== p.toLowerCase()),
    );
    expect(upper).toEqual([]);
  });
});
