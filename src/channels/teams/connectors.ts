import { type ConnectorClient, ConnectorFactory } from 'botframework-connector';

/** Service addresses are few (Microsoft's regions); more than this means something odd, so start over. */
const REMEMBERED = 100;

/**
 * botbuilder builds a connector client (a request pipeline with a dozen policies) for every turn; one
 * per service address and audience serves every turn there. The factory botbuilder made for the turn
 * creates it the first time, so credentials and options stay botbuilder's own.
 */
export class ConnectorCache {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  /** A factory for one turn that hands out the kept client, made with this turn's factory if there is none yet. */
  forTurn(made: ConnectorFactory): ConnectorFactory {
    return new CachingFactory(made, this.clients);
  }
}

class CachingFactory extends ConnectorFactory {
  constructor(
    private readonly made: ConnectorFactory,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${serviceUrl} ${audience ?? ''}`;
    const known = this.clients.get(key);
    if (known) return known;
    if (this.clients.size >= REMEMBERED) this.clients.clear();
    const client = this.made.create(serviceUrl, audience);
    // A client that could not be made is not kept: the next turn tries again.
    client.catch(() => this.clients.delete(key));
    this.clients.set(key, client);
    return client;
  }
}
