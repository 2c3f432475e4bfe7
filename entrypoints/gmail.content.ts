export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  main() {
    // The Gmail card is wired here (see lib/gmail).
  },
});
