/**
 * Bot Framework tells the bot where to answer (the activity's serviceUrl). Only service URLs on the
 * allow-list are used, so a forged activity cannot make the bot post to an address of the sender's
 * choice (an internal service, 127.0.0.1). A pattern is a URL prefix; "*." in its host stands for one
 * or more host labels. Loopback is allowed only for a local emulator in development mode.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

function hostMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && host.length > suffix.length;
}

function matches(pattern: string, url: URL): boolean {
  let allowed: URL;
  try {
    allowed = new URL(pattern);
  } catch {
    return false;
  }
  return (
    url.protocol === allowed.protocol
    && hostMatches(allowed.host, url.host)
    && url.pathname.startsWith(allowed.pathname)
    && url.username === ''
    && url.password === ''
  );
}

export interface ServiceUrlPolicy {
  patterns: readonly string[];
  allowLoopback: boolean;
}

export function serviceUrlAllowed(value: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (policy.allowLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return true;
  return policy.patterns.some((pattern) => matches(pattern, url));
}
