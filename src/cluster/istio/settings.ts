// Per-minor Istio install settings from clusters/istio/<minor>.yaml: Gateway API CRDs, supported
// Kubernetes range, extra istioctl flags. Also resolves "1.27" to the newest patch labs knows.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ClusterError } from '../errors.ts';

const settingsSchema = z
  .object({
    minor: z.string().describe('The Istio minor these settings are for, e.g. "1.28"'),
    latestPatch: z.number().int().min(0).describe('The newest patch labs knows for this minor'),
    gatewayApi: z
      .object({
        channel: z.enum(['standard', 'experimental']).describe('Gateway API release channel bundle'),
        versions: z
          .array(z.object({ fromPatch: z.number().int().min(0), version: z.string() }).strict())
          .min(1)
          .describe('From which Istio patch which Gateway API release applies'),
      })
      .strict(),
    kubernetes: z.object({ min: z.string(), max: z.string() }).strict().describe('Supported Kubernetes minors'),
    installFlags: z.array(z.string()).describe('Extra arguments for istioctl install'),
  })
  .strict();

export type IstioMinorSettings = z.infer<typeof settingsSchema>;

export interface IstioSettings {
  version: string; // full version, e.g. 1.28.0
  gatewayApiVersion: string; // e.g. v1.4.0
  gatewayApiUrl: string; // the CRD bundle to apply
  kubernetes: { min: string; max: string };
  installFlags: string[];
}

const versionPattern = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

// Read the settings for an Istio version ("1.28.0", or "1.28" meaning its newest known patch)
export async function loadIstioSettings(version: string, root: string): Promise<IstioSettings> {
  const match = versionPattern.exec(version);
  if (!match) {
    throw new ClusterError('install', `Istio version "${version}" is not a version; use MAJOR.MINOR.PATCH, e.g. --istio 1.28.0.`);
  }
  const minor = `${match[1]}.${match[2]}`;
  const dir = join(root, 'clusters', 'istio');
  let text: string;
  try {
    text = await readFile(join(dir, `${minor}.yaml`), 'utf8');
  } catch (cause) {
    throw new ClusterError(
      'install',
      `labs has no install settings for Istio ${minor} (no clusters/istio/${minor}.yaml); supported: 1.26, 1.27, 1.28.`,
      { cause },
    );
  }
  const minorSettings = settingsSchema.parse(parse(text));
  const patch = match[3] === undefined ? minorSettings.latestPatch : Number(match[3]);
  return resolvePatch(minorSettings, patch);
}

// Settings for one patch of a minor
export function resolvePatch(settings: IstioMinorSettings, patch: number): IstioSettings {
  const applicable = settings.gatewayApi.versions.filter((entry) => entry.fromPatch <= patch);
  const gatewayApiVersion = applicable.at(-1)?.version ?? settings.gatewayApi.versions[0]!.version;
  const bundle = `${settings.gatewayApi.channel}-install.yaml`;
  return {
    version: `${settings.minor}.${patch}`,
    gatewayApiVersion,
    gatewayApiUrl: `https://github.com/kubernetes-sigs/gateway-api/releases/download/${gatewayApiVersion}/${bundle}`,
    kubernetes: settings.kubernetes,
    installFlags: settings.installFlags,
  };
}
