/** The popup's way to the dashboard: a full tab over the whole history, and mailbox imports. */
import { browser } from 'wxt/browser';

export function OpenDashboard() {
  return (
    <button
      type="button"
      className="bt-open-dashboard"
      data-testid="open-dashboard"
      onClick={() => {
        void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
        window.close();
      }}
    >
      Dashboard and import
    </button>
  );
}
