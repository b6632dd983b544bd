// The linter's public API: static checks of Istio manifests, one rule per file under rules/.
export { lintLab, lintFiles, lintDocuments, sortFindings } from './lint.ts';
export { parseManifestText } from './documents.ts';
export { formatFinding, summarizeFindings, findingsToJson } from './format.ts';
export { LINT_RULES } from './rules/index.ts';
export type { LintFinding, LintDocument, LintContext, LintRule, RuleFinding, Severity } from './types.ts';
export { httpFieldsOfRule } from './rules/policy-fields.ts';
