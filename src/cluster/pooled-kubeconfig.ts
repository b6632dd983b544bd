// A KubeConfig whose requests share keep-alive connections. client-node 1.x makes a new https.Agent
// for every request and every exec WebSocket (config.js, createAgent), so each one pays a fresh TCP
// and TLS handshake. Here the same TLS settings get the same agent: API calls reuse an open
// connection, and WebSocket upgrades resume the TLS session. Proxied clusters keep client-node's own
// agents. Idle sockets of a keep-alive agent are unref'd, so they never keep the process alive.
import { KubeConfig } from '@kubernetes/client-node';
import { Agent } from 'node:https';

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];
type HttpsOptions = Parameters<KubeConfig['applyToHTTPSOptions']>[0];

// The options that decide whom a TLS connection trusts and presents: agents that agree on them may share.
const TLS_IDENTITY = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

export class PooledKubeConfig extends KubeConfig {
  private readonly agents = new Map<string, Agent>();

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const agent = context.getAgent();
    if (agent) context.setAgent(this.pooled(agent));
  }

  override async applyToHTTPSOptions(options: HttpsOptions): Promise<void> {
    await super.applyToHTTPSOptions(options);
    if (options.agent) options.agent = this.pooled(options.agent);
  }

  private pooled<T>(agent: T): T | Agent {
    // Only a plain https.Agent: proxy agents are subclasses with connection logic of their own.
    if (!(agent instanceof Agent) || agent.constructor !== Agent) return agent;
    const options = (agent as Agent & { options: Record<string, unknown> }).options;
    const key = JSON.stringify(TLS_IDENTITY.map((name) => options[name] ?? null));
    let shared = this.agents.get(key);
    if (!shared) {
      const identity = Object.fromEntries(TLS_IDENTITY.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]));
      shared = new Agent({ ...identity, keepAlive: true });
      this.agents.set(key, shared);
    }
    return shared;
  }
}
