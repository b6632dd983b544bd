// Rules beyond the shape of lab.yaml: unique step ids, the name, one outcome per expect, regexes, timing,
// and expect keys that fit their action. Works on the raw data, so it also runs when the shape is wrong.
import { joinWords, suggestChoice } from './did-you-mean.ts';
import type { PathSegment } from './errors.ts';
import { findKey, findValue, isMapping, type Finding } from './finding.ts';
import { ACTION_KINDS, Documented, OUTCOME_KEYS } from './schema.ts';

const EXPECT_KEYS_OF: Record<string, readonly string[]> = {
  rejected: ['apply'],
  warning: ['apply'],
  exitCode: ['kubectl', 'exec'],
  output: ['kubectl', 'exec'],
};

function listAt(data: Record<string, unknown>, key: string): unknown[] {
  const value = data[key];
  return Array.isArray(value) ? value : [];
}

function checkOutcome(value: unknown, path: PathSegment[]): Finding[] {
  if (!isMapping(value)) return [];
  const findings: Finding[] = [];
  const outcomes = OUTCOME_KEYS.filter((key) => key in value);
  // a misspelt outcome key is reported as an unknown key with a did-you-mean; do not report it twice
  const misspelt = Object.keys(value).some((key) => !(key in Documented.shape) && suggestChoice(key, OUTCOME_KEYS));
  if (outcomes.length !== 1 && !(outcomes.length === 0 && misspelt)) {
    const found = outcomes.length ? joinWords(outcomes) : 'none';
    findings.push(findValue(path, `expected exactly one outcome: status, error or curlExit; found ${found}.`));
  }
  // body, bodyMatches and headers describe an HTTP response: with a connection error there is none to compare.
  if (outcomes.length === 1 && outcomes[0] !== 'status') {
    for (const key of ['body', 'bodyMatches', 'headers'].filter((k) => k in value)) {
      findings.push(findKey(path, key, `${key} describes an HTTP response, and ${outcomes[0]} means curl got none; keep ${key} only with status.`));
    }
  }
  const pattern = value.bodyMatches;
  if (typeof pattern === 'string') {
    try {
      new RegExp(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
      findings.push(findValue([...path, 'bodyMatches'], `not a valid regular expression: ${reason}.`));
    }
  }
  return findings;
}

function checkCheck(check: unknown, path: PathSegment[]): Finding[] {
  if (!isMapping(check)) return [];
  const findings: Finding[] = [];
  if ('timeout' in check && 'consistently' in check) {
    findings.push(findKey(path, 'consistently', 'timeout and consistently exclude each other: a check either converges or holds; keep one.'));
  }
  if ('resource' in check) {
    const expect = check.expect;
    const asked = isMapping(expect) ? ['condition', 'exists'].filter((key) => key in expect) : undefined;
    if (asked && asked.length !== 1) {
      findings.push(findValue([...path, 'expect'], `expected exactly one of condition or exists; found ${asked.length ? 'both' : 'none'}.`));
    }
    return findings;
  }
  return [...findings, ...checkOutcome(check.expect, [...path, 'expect']), ...checkOutcome(check.documented, [...path, 'documented'])];
}

function checkAction(action: unknown, path: PathSegment[]): Finding[] {
  if (!isMapping(action) || !isMapping(action.expect)) return [];
  const kinds = ACTION_KINDS.filter((kind) => kind in action);
  const [kind] = kinds;
  if (kinds.length !== 1 || !kind) return [];
  if ('rejected' in action.expect && 'warning' in action.expect) {
    return [findValue([...path, 'expect'], 'rejected and warning exclude each other: the API either refuses the object or accepts it with a warning.')];
  }
  return Object.keys(action.expect).flatMap((key) => {
    const fits = EXPECT_KEYS_OF[key];
    if (!fits || fits.includes(kind)) return [];
    return [findKey([...path, 'expect'], key, `"${key}" is for ${joinWords(fits)} actions; this is a ${kind} action.`)];
  });
}

function checkSteps(steps: unknown[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  steps.forEach((step, index) => {
    if (!isMapping(step)) return;
    const id = step.id;
    const first = typeof id === 'string' ? seen.get(id) : undefined;
    if (typeof id === 'string' && first !== undefined) {
      findings.push(findValue(['steps', index, 'id'], `"${id}" is already the id of steps[${first}]; step ids must be unique.`));
    } else if (typeof id === 'string') seen.set(id, index);
    const actions = step.actions;
    if (step.challenge === true && (!Array.isArray(actions) || actions.length === 0)) {
      findings.push(findKey(['steps', index], 'challenge', 'a challenge step needs actions: they are the reference solution that `labs solve` applies.'));
    }
    listAt(step, 'actions').forEach((action, i) => findings.push(...checkAction(action, ['steps', index, 'actions', i])));
    listAt(step, 'checks').forEach((check, i) => findings.push(...checkCheck(check, ['steps', index, 'checks', i])));
  });
  return findings;
}

// Find what breaks the rules beyond shape; folder is the name of the lab's folder.
export function checkSemantics(data: unknown, folder: string): Finding[] {
  if (!isMapping(data)) return [];
  const findings: Finding[] = [];
  if (typeof data.name === 'string' && data.name !== folder) {
    findings.push(findValue(['name'], `"${data.name}" must equal the folder name "${folder}"; rename one of them.`));
  }
  listAt(data, 'setup').forEach((action, i) => findings.push(...checkAction(action, ['setup', i])));
  findings.push(...checkSteps(listAt(data, 'steps')));
  return findings;
}
