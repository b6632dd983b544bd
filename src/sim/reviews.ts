// The review kinds, created and answered at once, never stored: SelfSubjectReview (who am I,
// `kubectl auth whoami`), SelfSubjectAccessReview (`kubectl auth can-i VERB RESOURCE`) and
// SelfSubjectRulesReview (`kubectl auth can-i --list`). The kubeconfig's user is the cluster
// admin a kind cluster gives: kubeadm's kubernetes-admin in group kubeadm:cluster-admins, bound
// to the cluster-admin ClusterRole (kubeadm: constants.ClusterAdminsGroupAndClusterRoleBinding).
import { invalid } from './errors.ts';
import type { KindInfo } from './kinds.ts';

export const ADMIN_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

// The RBAC authorizer's reason (plugin/pkg/auth/authorizer/rbac/rbac.go: "RBAC: allowed by " and the
// binding's description).
const ALLOWED_REASON = 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"';

// What cluster-admin plus the default system:basic-user, system:discovery and system:public-info-viewer roles allow.
const RULES = {
  resourceRules: [
    { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
    { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
    { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
  ],
  nonResourceRules: [
    { verbs: ['*'], nonResourceURLs: ['*'] },
    { verbs: ['get'], nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'] },
    { verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] },
  ],
  incomplete: false,
};

// The answered review for a created one.
export function answerReview(info: KindInfo, body: any): Record<string, unknown> {
  const head = { kind: info.kind, apiVersion: `${info.group}/v1`, metadata: { ...(body?.metadata ?? {}), creationTimestamp: null } };
  switch (info.kind) {
    case 'SelfSubjectReview':
      return { ...head, status: { userInfo: ADMIN_USER } };
    case 'SelfSubjectAccessReview': {
      const spec = body?.spec ?? {};
      // pkg/apis/authorization/validation: exactly one kind of attributes.
      if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
        throw invalid({ group: info.group, kind: info.kind, name: '', errors: [{ field: 'spec.resourceAttributes', type: 'FieldValueInvalid', value: null, detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified' }] });
      }
      return { ...head, spec, status: { allowed: true, reason: ALLOWED_REASON } };
    }
    default:
      return { ...head, spec: body?.spec ?? {}, status: RULES };
  }
}
