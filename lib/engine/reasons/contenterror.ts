/**
 * Content refused (contenterror). Something in the message’s content or format was not accepted.
 * Phrases are lower case and matched against the diagnostic with addresses taken out; each
 * set has one place in ./precedence.ts. The comment beside a phrase quotes a corpus reply it reads.
 */
import type { ReasonModule } from './types';

export const contenterror: ReasonModule = {
  id: 'contenterror',
  title: 'Content refused',
  definition: 'Something in the message’s content or format was not accepted.',
  category: 'blocked',
  hard: false,
  action: 'fix-sending-setup',
  statusCodes: [
    '6.0', // X.6.0: other media error
    '6.1', // X.6.1: media not supported
    '6.2', // X.6.2: conversion required and prohibited
    '6.3', // X.6.3: conversion required but not supported
    '6.5', // X.6.5: conversion failed
    '6.6', // X.6.6: message content not available
    '6.7', // X.6.7: non-ASCII addresses not permitted
  ],
  phrases: {
    'content-under-media-code': [
      'message content rejected', // Barracuda: "550 5.7.1 Message content rejected, UBE, id=00000-22-225"
    ],
    main: [
      'duplicate header', // Postfix: "554 Transaction failed: Duplicate header 'DKIM-Signature'."
      'improper content',
      'invalid content',
      'illegal content',
      'header error', // Exim: "…host mx.example.jp [192.0.2.20]: 554 5.7.0 Header error"
      'headers are invalid',
      'bare lf',
      'line too long',
      'message is not rfc', // Google (receiving side): "550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject…"
    ],
    weak: [
      'mime', // Exim: "…------ To: neko@example.net Subject: Nyaan MIME-Version: 1.0 Content-type: text/html; charset=utf-8…"
      'encoding', // an ARF report: "Content-Transfer-Encoding: 7bit"
      'character set',
      'charset', // Exim: "…MIME-Version: 1.0 Content-type: text/html; charset=utf-8 To: kijitora@example.com <neko@example.net>…"
      '8-bit', // Sendmail: "550 5.6.9 improper use of 8-bit data in message header"
      '8bit', // an ARF report: "Content-Transfer-Encoding: 8bit"
      'message content', // Barracuda: "550 5.7.1 Message content rejected, UBE, id=00000-22-225"
      'message header', // MX Logic: "…recipient table Included is a copy of the message header: -----------------------------------------"
      'message format', // Amazon WorkMail: "understand MIME message format."
    ],
  },
  when: {
    'content-under-media-code': /^[45]\.6\./,
  },
  fixtures: ['corpus:maildir/bsd/lhost-dragonfly-07.eml'],
};
