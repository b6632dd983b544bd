// The API server's refusal, with the Status it sent; kept apart from client.ts so that code which only
// recognises it need not load client-node.

// An answer of the API server that is not a success, with the Status it sent.
export class KubeApiError extends Error {
  readonly kind = 'api';
  constructor(
    message: string,
    readonly code: number,
    readonly status: { reason?: string; message?: string; details?: { causes?: Array<{ field?: string; message?: string }> } },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KubeApiError';
  }
}
