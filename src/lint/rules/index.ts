// Every lint rule, one file each; a new rule is added here.
import type { LintRule } from '../types.ts';
import { denyWithoutRulesRule } from './deny-without-rules.ts';
import { deprecatedVersionRule } from './deprecated-version.ts';
import { hostWithoutPortRule } from './host-without-port.ts';
import { portMtlsWithoutSelectorRule } from './port-mtls-without-selector.ts';
import { selectorRequestAuthenticationRule } from './selector-request-authentication.ts';
import { spiffePrincipalRule } from './spiffe-principal.ts';
import { targetRefWithoutWaypointRule } from './targetref-without-waypoint.ts';
import { waypointLabelRule } from './waypoint-label.ts';
import { webhookRule } from './webhook.ts';
import { ztunnelL7Rule } from './ztunnel-l7.ts';

export const LINT_RULES: readonly LintRule[] = [
  webhookRule,
  denyWithoutRulesRule,
  portMtlsWithoutSelectorRule,
  ztunnelL7Rule,
  selectorRequestAuthenticationRule,
  targetRefWithoutWaypointRule,
  waypointLabelRule,
  spiffePrincipalRule,
  hostWithoutPortRule,
  deprecatedVersionRule,
];
