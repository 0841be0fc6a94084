import { setTimeout as sleep } from 'node:timers/promises';
import { type Dispatcher, EnvHttpProxyAgent, Pool } from 'undici';
import { GedragsbotError } from '../../core/errors.js';

/**
 * chat.postMessage, the one Slack call every answer makes, over a keep-alive
 * pool. Bolt's WebClient costs about three times the CPU per call (measured
 * with `npm run bench:http`); it stays in use for everything else (modals,
 * App Home). Rate limits (429) are waited out as Slack asks.
 */
export interface SlackMessage {
  channel: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

const MAX_ATTEMPTS = 3;
const MAX_WAIT_SECONDS = 30;

/** An organisation's outgoing proxy (HTTPS_PROXY, NO_PROXY), as the Slack and Teams libraries use it too. */
export interface OutboundProxy {
  httpsProxy?: string | undefined;
  noProxy?: string | undefined;
}

export class SlackPoster {
  private readonly pool: Dispatcher;
  private readonly origin: string;
  private readonly path: string;

  constructor(
    private readonly token: string,
    apiUrl = 'https://slack.com/api/',
    proxy: OutboundProxy = {},
  ) {
    const url = new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
    this.origin = url.origin;
    this.pool = proxy.httpsProxy
      ? new EnvHttpProxyAgent({ httpsProxy: proxy.httpsProxy, httpProxy: proxy.httpsProxy, noProxy: proxy.noProxy ?? '' })
      : new Pool(url.origin, { connections: 16 });
    this.path = `${url.pathname}chat.postMessage`;
  }

  /** Returns the message's ts, the id Slack threads replies on. */
  async postMessage(message: SlackMessage): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await this.pool.request({
          origin: this.origin,
          path: this.path,
          method: 'POST',
          headers: { 'authorization': `Bearer ${this.token}`, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(message),
        });
      } catch (error) {
        throw new GedragsbotError('PLATFORM_UNAVAILABLE', 'Slack is niet bereikbaar (chat.postMessage)', { cause: error });
      }
      if (response.statusCode === 429 && attempt < MAX_ATTEMPTS) {
        await response.body.dump();
        const wait = Math.min(Number(response.headers['retry-after'] ?? 1) || 1, MAX_WAIT_SECONDS);
        await sleep(wait * 1000);
        continue;
      }
      const failed = { ok: false, error: `HTTP ${String(response.statusCode)}` };
      const answer = (await response.body.json().catch(() => failed)) as { ok?: boolean; error?: string; ts?: string };
      if (!answer.ok) throw new GedragsbotError('PLATFORM_UNAVAILABLE', `Slack weigerde chat.postMessage: ${answer.error ?? 'onbekend'}`);
      return answer.ts ?? '';
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
