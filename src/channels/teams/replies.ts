import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity } from 'botbuilder';
import { type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { GedragsbotError } from '../../core/errors.js';

/**
 * The reply to an incoming activity: the one Bot Framework call every answer makes, over keep-alive
 * connections. botbuilder's ConnectorClient builds a request pipeline for every turn and walks the
 * card through its serializer, which cost more than understanding the question (`npm run bench:http`);
 * this sends the same JSON to the same address with the token botbuilder's own credentials give.
 * Everything else (proactive posts, personal chats, updates) stays with botbuilder. The organisation's
 * proxy (HTTPS_PROXY, NO_PROXY) is used as botbuilder would.
 */

/** What botbuilder's ConnectorClient carries for signing: `signRequest` sets the Authorization header. */
export interface SigningCredentials {
  signRequest(request: { headers: { set(name: string, value: string): void } }): Promise<unknown>;
}

const MAX_ATTEMPTS = 3;
const MAX_WAIT_SECONDS = 30;
/** Busy or briefly away: worth another try, as botbuilder's pipeline would. */
const RETRIED = new Set([429, 502, 503, 504]);

export class TeamsReplies {
  private readonly dispatcher: Dispatcher = new EnvHttpProxyAgent({ connections: 16 });

  /** Returns the id Bot Framework gave the reply. */
  async reply(credentials: SigningCredentials, activity: Partial<Activity>): Promise<string> {
    const conversation = activity.conversation?.id;
    const { serviceUrl, replyToId } = activity;
    if (!conversation || !serviceUrl || !replyToId) {
      throw new GedragsbotError('PLATFORM_UNAVAILABLE', 'Teams-antwoord zonder gesprek, serviceUrl of bericht om op te antwoorden');
    }
    const url = `${serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversation)}/activities/${encodeURIComponent(replyToId)}`;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'accept': 'application/json' };
    await credentials.signRequest({
      headers: {
        set: (name, value) => {
          headers[name.toLowerCase()] = value;
        },
      },
    });
    const body = JSON.stringify(activity);
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await this.dispatcher.request({ ...originAndPath(url), method: 'POST', headers, body });
      } catch (error) {
        throw new GedragsbotError('PLATFORM_UNAVAILABLE', 'Teams (Bot Framework) is niet bereikbaar', { cause: error });
      }
      if (RETRIED.has(response.statusCode) && attempt < MAX_ATTEMPTS) {
        await response.body.dump();
        const asked = Number(response.headers['retry-after']);
        const wait = Math.min(Number.isFinite(asked) && asked >= 0 ? asked : attempt, MAX_WAIT_SECONDS);
        await sleep(wait * 1000);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        throw new GedragsbotError('PLATFORM_UNAVAILABLE', `Teams weigerde het antwoord: HTTP ${String(response.statusCode)}`);
      }
      const answer = (await response.body.json().catch(() => ({}))) as { id?: unknown };
      return typeof answer.id === 'string' ? answer.id : '';
    }
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

function originAndPath(url: string): { origin: string; path: string } {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}
