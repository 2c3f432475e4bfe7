/**
 * The engine's knowledge base: categories, reasons, status and reply codes,
 * providers. Pure data and pure functions; safe to import from the content
 * script, a worker or Node.
 */
import type { CategoryId, ProviderId } from '../types';
import { categoryInfo } from './categories';
import type { Link } from './links';
import { providerInfo } from './providers';

export * from './links';
export * from './categories';
export * from './reasons';
export * from './status-codes';
export * from './reply-codes';
export * from './providers';

/**
 * Troubleshooting links for a verdict: the provider's own pages first (they are
 * the most specific), then the category's, without duplicate URLs. Only pages
 * that fit: a page about other categories' codes is left out, and so is another
 * provider's page once the provider is known. Auto-replies and delivery receipts
 * need no troubleshooting, so they get no provider pages.
 *
 * @example linksFor('sender-reputation', 'microsoft') // Outlook.com troubleshooting, SNDS, … Google Postmaster Tools …
 */
export function linksFor(category: CategoryId | string, providerId: ProviderId | null | undefined): Link[] {
  const out: Link[] = [];
  const seen = new Set<string>();
  const provider = providerInfo(providerId)?.id ?? null;
  const add = (list: readonly Link[]) => {
    for (const link of list) {
      if (link.categories && !link.categories.includes(category)) continue;
      if (provider && link.provider && link.provider !== provider) continue;
      const key = link.url.replace(/\/+$/, '').toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(link);
    }
  };
  const info = categoryInfo(category);
  if (info.id !== 'auto-reply' && info.id !== 'delivered') add(providerInfo(providerId)?.links ?? []);
  add(info.links);
  return out;
}
