import type { BotReply } from './messages/model.js';

/**
 * What may only reach the person it is about. Asked in a channel or group, such a reply goes to the
 * person privately (Slack: a direct message; Teams: the personal chat) and the channel sees a short,
 * neutral note: someone's registrations, their export, a register flow, a coordinator's list, and
 * every referral or word of support (the channel need not see that someone asked for help).
 */
const PERSONAL_INTENTS = new Set(['registreren', 'steun', 'vraag_voorleggen', 'ongewenst_gedrag', 'misstand_melden', 'vertrouwenspersoon']);

export function isPersonal(reply: BotReply): boolean {
  return PERSONAL_INTENTS.has(reply.intent) || reply.verdict === 'doorverwijzen';
}
