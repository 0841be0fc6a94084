import type { ContactDetail } from './model.js';

/**
 * Where a contact detail leads when pressed: a phone number to `tel:`, an address to `mailto:`, a page to
 * itself. Each channel writes the link its own way (Slack mrkdwn, Adaptive Card markdown, plain text in a
 * terminal); what a link may be is decided once, here. Only http(s) pages become links.
 */
export function linkOf(detail: ContactDetail): string | undefined {
  switch (detail.kind) {
    case 'telefoon': {
      // The dialler wants digits: "030 700 1234" and "0800-0113" lose their spaces and dashes.
      const digits = detail.value.replace(/[^\d+]/g, '');
      return /^\+?\d{2,}$/.test(digits) ? `tel:${digits}` : undefined;
    }
    case 'email':
      return /^[^\s@<>()[\]]+@[^\s@<>()[\]]+$/.test(detail.value) ? `mailto:${detail.value}` : undefined;
    case 'website':
    case 'intranet':
      return /^https?:\/\/[^\s<>()[\]|]+$/.test(detail.value) ? detail.value : undefined;
    default:
      return undefined;
  }
}

/** A page as people read it: without "https://", "www." and a trailing slash. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '');
}
