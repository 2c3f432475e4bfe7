export default defineBackground(() => {
  // The history store is wired here (see lib/history).
});
