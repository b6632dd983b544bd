// `labs explain --from NS/POD URL`: the path a request takes through the mesh and each decision on it, in words.
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_ISTIO } from '../defaults.ts';

interface ExplainFlags {
  from: string;
  request: string;
  header?: string[];
  target: string;
  yes?: boolean;
  format: string;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

// "k: v" headers as curl -H takes them.
function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const i = value.indexOf(':');
    if (i <= 0) throw new UsageError(`-H "${value}": expected "name: value"`);
    headers[value.slice(0, i).trim()] = value.slice(i + 1).trim();
  }
  return headers;
}

function checkFrom(from: string): void {
  const parts = from.split('/');
  const ok =
    (parts.length === 2 || (parts.length === 3 && /^(deploy|deployment)$/.test(parts[1]!))) &&
    parts.every(Boolean);
  if (!ok)
    throw new UsageError(
      `--from "${from}": expected NS/POD or NS/deploy/NAME, e.g. travel-agency/deploy/cars-v1`,
    );
}

// Add `labs explain` to the program.
export function registerExplain(program: Command, ctx: CliContext): void {
  program
    .command('explain')
    .argument(
      '<url>',
      'the URL curl would request, e.g. http://helloworld.hello.svc.cluster.local:5000/hello',
    )
    .requiredOption('--from <pod>', 'the calling pod: NS/POD or NS/deploy/NAME')
    .option('-X, --request <method>', 'HTTP method', 'GET')
    .option('-H, --header <header>', 'a request header "name: value" (repeatable)', collect)
    .option(
      '--target <target>',
      'the cluster to read: embedded (the one `labs up` started), kind, k3s or context=NAME',
      'embedded',
    )
    .option('--yes', 'with --target context=NAME: use a context labs did not create')
    .option('--format <format>', 'text or json', 'text')
    .description(
      "Explain, hop by hop, what the mesh does with a request and which policy decides, from the cluster's objects",
    )
    .addHelpText(
      'after',
      [
        '',
        'Example (on the cluster `labs up` started, with a lab run up to a step):',
        '  $ labs up && labs run 080-authorization --until l4-policy',
        '  $ labs explain --from travel-agency/deploy/cars-v1 http://viaggi.travel-portal.svc.cluster.local:8000/status',
      ].join('\n'),
    )
    .action(async (url: string, flags: ExplainFlags) => {
      if (flags.format !== 'text' && flags.format !== 'json')
        throw new UsageError(`--format must be text or json; found "${flags.format}"`);
      checkFrom(flags.from);
      const headers = parseHeaders(flags.header ?? []);
      const { evaluateOnCluster } = await import('../../explain/index.ts');
      const { withRunningTarget } = await import('../step-task.ts');
      const explanation = await withRunningTarget(
        ctx,
        { target: flags.target, istio: DEFAULT_ISTIO, yes: flags.yes },
        (session) =>
          evaluateOnCluster({
            client: session.client,
            from: flags.from.replace('/deployment/', '/deploy/'),
            url,
            method: flags.request,
            headers,
          }),
      );
      if (flags.format === 'json') {
        const { request, settings, evaluation } = explanation;
        ctx.terminal.out(`${JSON.stringify({ request, settings, ...evaluation }, null, 2)}\n`);
      } else {
        ctx.terminal.out(`${explanation.lines.join('\n')}\n`);
      }
    });
}
