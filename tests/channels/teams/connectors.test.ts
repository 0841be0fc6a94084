import { type ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { ConnectorCache } from '../../../src/channels/teams/connectors.js';

/** One connector client per service address and audience, made by botbuilder's own factory the first time. */
class CountingFactory extends ConnectorFactory {
  made: string[] = [];
  failNext = false;

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    this.made.push(`${serviceUrl} ${audience ?? ''}`);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('token service down'));
    }
    return Promise.resolve({ serviceUrl } as unknown as ConnectorClient);
  }
}

describe('the connector cache', () => {
  it('makes one client per address and audience, and tries again after a failure', async () => {
    const cache = new ConnectorCache();
    const factory = new CountingFactory();
    const emea = 'https://smba.trafficmanager.net/emea/';
    const first = await cache.forTurn(factory).create(emea, 'https://api.botframework.com');
    const again = await cache.forTurn(new CountingFactory()).create(emea, 'https://api.botframework.com');
    expect(again).toBe(first);
    await cache.forTurn(factory).create('https://smba.trafficmanager.net/amer/', 'https://api.botframework.com');
    expect(factory.made).toHaveLength(2);

    factory.failNext = true;
    const other = 'https://smba.trafficmanager.net/apac/';
    await expect(cache.forTurn(factory).create(other)).rejects.toThrow('token service down');
    await expect(cache.forTurn(factory).create(other)).resolves.toMatchObject({ serviceUrl: other });
    expect(factory.made).toHaveLength(4);
  });
});
