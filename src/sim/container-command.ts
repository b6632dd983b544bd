// What a container runs: its command (or the image's entrypoint) and args, and whether that is a
// one-shot command the embedded cluster can run to completion (curl, echo, sh -c '...') rather
// than a server or a sleep that keeps the container up.

// How images lessons use turn args into a command when the pod gives no command: curlimages/curl's
// entrypoint script runs curl when the first arg is an option (or there is none), else the args;
// busybox and alpine have only a CMD (a shell), which args replace.
const IMAGE_COMMANDS: Record<string, (args: string[]) => string[]> = {
  'curlimages/curl': (args) => (args.length === 0 || args[0]?.startsWith('-') ? ['curl', ...args] : args),
  busybox: (args) => (args.length > 0 ? args : ['sh']),
  alpine: (args) => (args.length > 0 ? args : ['/bin/sh']),
};

function imageName(image: string): string {
  const withoutTag = image.replace(/@sha256:.*$/, '').replace(/:[^/:]+$/, '');
  return withoutTag.replace(/^(docker\.io\/)?(library\/)?/, '');
}

// The argv a container runs, or undefined when it runs its image's own server.
export function commandOf(container: any): string[] | undefined {
  const command = Array.isArray(container?.command) ? (container.command as string[]) : undefined;
  const args = Array.isArray(container?.args) ? (container.args as string[]) : [];
  if (command) return [...command, ...args];
  return IMAGE_COMMANDS[imageName(String(container?.image ?? ''))]?.(args);
}

const ONE_SHOT = new Set(['curl', 'echo', 'true', 'false', 'hostname', 'env', 'printenv', 'cat']);

// Whether argv ends by itself (a curl, an echo, a short sh -c script without sleep or loops).
export function isOneShot(argv: string[] | undefined): argv is string[] {
  if (!argv || argv.length === 0) return false;
  const name = argv[0]?.split('/').pop() ?? '';
  if (ONE_SHOT.has(name)) return name !== 'cat' || argv.length > 1;
  if (['sh', 'bash', 'ash'].includes(name) && argv[1] === '-c' && argv[2] !== undefined) return !/\b(sleep|while|tail|read)\b/.test(argv[2]);
  return false;
}
