/**
 * Mounts the card in a WXT shadow-root UI at the top of a message body, and implements the
 * controller's CardRenderer. React is unmounted whenever the UI is removed.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardHandle, CardRenderer, CardView } from '../../lib/gmail/controller';
import { CARD_TAG } from '../../lib/gmail/selectors';
import type { Ask } from '../corrections/ask';
import { Card } from './Card';
import { buildCardModel } from './model';
import { CARD_CSS } from './styles';

function renderInto(
  root: Root,
  host: HTMLElement,
  view: CardView,
  onDismiss: () => void,
  ask: Ask | undefined,
): void {
  const model = buildCardModel(view.result, view.source);
  const mark = () => {
    host.setAttribute('data-bt-kind', model.kind);
    host.setAttribute('data-bt-category', model.category);
    host.setAttribute('data-bt-source', view.source);
    host.setAttribute('data-bt-state', view.enriched ? 'enriched' : 'visible');
    host.toggleAttribute('data-bt-first-view-only', view.rawFailed);
  };
  // Synchronous commit: the card is in the page when this returns (timed by the benchmark).
  flushSync(() => {
    root.render(
      <Card
        key={model.category}
        model={model}
        theme={view.theme}
        firstViewOnly={view.rawFailed}
        onDismiss={onDismiss}
        onRendered={mark}
        corrections={ask ? { messageId: view.messageId, result: view.result, ask } : undefined}
      />,
    );
  });
}

/** `ask` reaches the background (corrections); without it the card offers none. */
export function createCardRenderer(ctx: ContentScriptContext, ask?: Ask): CardRenderer {
  return {
    async mount(body: Element, view: CardView, events: { onDismiss(): void }): Promise<CardHandle> {
      let root: Root | null = null;
      const ui = await createShadowRootUi<Root>(ctx, {
        name: CARD_TAG,
        css: CARD_CSS,
        position: 'inline',
        anchor: body,
        append: 'before',
        isolateEvents: true,
        onMount(container, _shadow, host) {
          host.setAttribute('data-bt-message-id', view.messageId);
          const wrapper = document.createElement('div');
          container.append(wrapper);
          root = createRoot(wrapper);
          renderInto(root, host, view, events.onDismiss, ask);
          return root;
        },
        onRemove(mounted) {
          mounted?.unmount();
        },
      });
      ui.mount();
      const host = ui.shadowHost;
      return {
        host,
        update(next: CardView) {
          if (root) renderInto(root, host, next, events.onDismiss, ask);
        },
        remove() {
          ui.remove();
          root = null;
        },
      };
    },
  };
}
