import type { PollTarget, PostRef } from '../../src/core/polls/model.js';
import type { PollCard, PollPublisher } from '../../src/core/polls/ports.js';

/** A publisher that only records what would be posted, with the clock at that moment. */
export class RecordingPublisher implements PollPublisher {
  readonly posts: { target: PollTarget; card: PollCard; at: Date }[] = [];
  readonly replies: { post: PostRef; card: PollCard; at: Date }[] = [];
  private next = 1;

  constructor(private readonly clock: () => Date) {}

  post(target: PollTarget, card: PollCard): Promise<PostRef> {
    this.posts.push({ target, card, at: this.clock() });
    return Promise.resolve({ ...target, messageId: `m${String(this.next++)}` });
  }

  reply(post: PostRef, card: PollCard): Promise<void> {
    this.replies.push({ post, card, at: this.clock() });
    return Promise.resolve();
  }
}
